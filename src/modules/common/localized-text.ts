import { builder } from '../../graphql/builder.js';
import type { TextField } from '../../generated/prisma/enums.js';

/**
 * Wordings of text fields in several languages (issue 7, "Languages").
 *
 * A text column keeps its original wording (what the plain String field returns) and its language
 * in `<column>Language`; other wordings are Label rows (renderings, or a wording a source
 * published). A `<field>In(lang:)` field picks one wording by a fallback chain and says which
 * language it returned. Every such field of a record selects the same `labels` relation with the
 * same arguments, so Pothos merges them into one join: asking for more fields or languages never
 * adds SQL statements.
 */

/** BCP 47 "mul": a wording that is the same in every language (a person's or company's name). */
export const ANY_LANGUAGE = 'mul';

/** At most this many labels per record (the dataset loader enforces the same bound). */
const LABELS_PER_RECORD = 50;

export const LanguageEnum = builder.enumType('Language', {
  description: 'A language to ask wordings in (`lang` arguments). Returned languages are BCP 47 tags (`de`, `en`, `mul`).',
  values: {
    DE: { value: 'de', description: 'German (`de`).' },
    EN: { value: 'en', description: 'English (`en`).' },
  } as const,
});

export const RenderedByEnum = builder.enumType('RenderedBy', {
  description: 'Who made a rendering of a wording in another language.',
  values: {
    SOURCE: { description: 'A cited source published it (e.g. the article’s German rendering of words said in English).' },
    KNOWLEDGE_BASE: { description: 'The knowledge base rendered it; it is not the wording of any source.' },
  } as const,
});

/** One wording of a text field, as the GraphQL `LocalizedText` presents it. */
export interface Wording {
  text: string;
  language: string;
  /** Language of the wording this one renders; null for an original wording. */
  renderingOf: string | null;
  renderedBy: 'SOURCE' | 'KNOWLEDGE_BASE' | null;
  /** For a wording a cited source published (a label with `publishedIn`): that source's row and passage. */
  publishedIn?: { source: object; excerpt: string | null } | null;
}

export interface LocalizedTextValue extends Wording {
  /** Whether a language was asked for and this wording is in none of them (nor in every language). */
  isFallback: boolean;
}

export const LocalizedText = builder.objectRef<LocalizedTextValue>('LocalizedText').implement({
  description:
    'One wording of a text field: the text, its language, and whether it renders a wording in another language (and who rendered it).',
  fields: (t) => ({
    text: t.string({ description: 'The wording.', resolve: (w) => w.text }),
    language: t.string({
      description: 'BCP 47 tag of `text` (`de`, `en`; `mul` for a name written alike in every language).',
      resolve: (w) => w.language,
    }),
    isRendering: t.boolean({
      description: 'Whether `text` renders a wording in another language (`renderingOf`) rather than being an original wording.',
      resolve: (w) => w.renderingOf !== null,
    }),
    renderingOf: t.string({
      nullable: true,
      description: 'Language of the wording `text` renders; null when `text` is itself an original wording.',
      resolve: (w) => w.renderingOf,
    }),
    renderedBy: t.field({
      type: RenderedByEnum,
      nullable: true,
      description: 'Who made the rendering; null for an original wording.',
      resolve: (w) => w.renderedBy,
    }),
    excerpt: t.string({
      nullable: true,
      description:
        'When a cited source published this wording (see `source`): the passage of that source that gives it, verbatim. Null for stored texts and the knowledge base’s renderings.',
      resolve: (w) => w.publishedIn?.excerpt ?? null,
    }),
    isFallback: t.boolean({
      description:
        'Whether `lang` was given and no wording in those languages exists, so another one (the original, else any) was returned.',
      resolve: (w) => w.isFallback,
    }),
  }),
});

/** What a record's `labels` relation loads. */
export interface LabelRow {
  field: TextField;
  language: string;
  text: string;
  renderingOf: string | null;
  publishedInId: string | null;
  excerpt?: string | null;
  /** The publishing source's row (its scalar columns), for `LocalizedText.source`. */
  publishedIn?: object | null;
}

/**
 * The one `labels` selection every localized field of a record uses. Identical arguments let Pothos
 * merge them; bounded by the unique (record, field, language) and by `take`.
 */
export const labelsSelection = {
  labels: {
    // The publishing source comes in the same statement (a to-one join on its primary key); only
    // quote wordings have one in practice.
    select: { field: true, language: true, text: true, renderingOf: true, publishedInId: true, excerpt: true, publishedIn: true },
    orderBy: [{ field: 'asc' }, { language: 'asc' }],
    take: LABELS_PER_RECORD,
  },
} as const;

/** The `lang` argument of every `<field>In` field. */
export const langArgs = builder.args((t) => ({
  lang: t.field({
    type: [LanguageEnum],
    required: false,
    description:
      'Languages to return, in order of preference. Without a wording in any of them the original wording is returned (else any), with `isFallback`. Without `lang`, the original wording.',
  }),
}));

export function labelWording(label: LabelRow): Wording {
  return {
    text: label.text,
    language: label.language,
    renderingOf: label.renderingOf,
    renderedBy: label.renderingOf === null ? null : label.publishedInId === null ? 'KNOWLEDGE_BASE' : 'SOURCE',
    publishedIn: label.publishedIn ? { source: label.publishedIn, excerpt: label.excerpt ?? null } : null,
  };
}

/**
 * Picks a wording: the first requested language that has one (a `mul` wording fits any request),
 * then the original, then any other. Null when the field has no wording at all.
 */
export function pickWording(original: Wording | null, labels: readonly LabelRow[], field: TextField, lang: readonly string[] | null | undefined): LocalizedTextValue | null {
  return pickFrom([...(original ? [original] : []), ...labels.filter((l) => l.field === field).map(labelWording)], lang);
}

/** `pickWording` over wordings already gathered, the original first. */
export function pickFrom(candidates: readonly Wording[], lang: readonly string[] | null | undefined): LocalizedTextValue | null {
  if (candidates.length === 0) return null;
  if (!lang || lang.length === 0) return { ...candidates[0]!, isFallback: false };
  for (const language of lang) {
    const match = candidates.find((c) => c.language === language);
    if (match) return { ...match, isFallback: false };
  }
  const everywhere = candidates.find((c) => c.language === ANY_LANGUAGE);
  if (everywhere) return { ...everywhere, isFallback: false };
  return { ...candidates[0]!, isFallback: true };
}

/** A row with a text column, its language column and the record's labels. */
export type LocalizedRow = Record<string, unknown> & { labels?: LabelRow[] };

/** The original wording stored in `column` (language in `languageColumn`); null when the column is. */
export function columnWording(row: LocalizedRow, column: string, languageColumn = `${column}Language`, renderingOf: string | null = null): Wording | null {
  const text = row[column];
  const language = row[languageColumn];
  // A table without the language column (not yet localized) has no known wording language.
  if (typeof text !== 'string' || typeof language !== 'string') return null;
  return { text, language, renderingOf, renderedBy: renderingOf === null ? null : 'SOURCE' };
}

/**
 * Field options for `<column>In(lang:)` on a Prisma object whose table has `<column>` and
 * `<column>Language`: a LocalizedText picked from the column and the record's labels. Non-null
 * exactly when the column is NOT NULL (then it always has its original wording).
 */
export function localized<Nullable extends boolean>(column: TextField, nullable: Nullable, description: string) {
  return {
    type: LocalizedText,
    nullable,
    description,
    args: langArgs,
    select: { [column]: true, [`${column}Language`]: true, ...labelsSelection } as never,
    resolve: (row: object, args: { lang?: readonly string[] | null }) =>
      pickWording(columnWording(row as LocalizedRow, column), (row as LocalizedRow).labels ?? [], column, args.lang) as Nullable extends true
        ? LocalizedTextValue | null
        : LocalizedTextValue,
  };
}
