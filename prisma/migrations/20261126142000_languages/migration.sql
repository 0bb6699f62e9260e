-- CreateEnum
CREATE TYPE "TextField" AS ENUM ('name', 'description', 'title', 'place', 'context', 'summary', 'note', 'text', 'authorName', 'publisherName', 'dateStated', 'startedOnStated', 'endedOnStated', 'filedOnStated', 'publishedOnStated');

-- AlterTable
ALTER TABLE "Actor" ADD COLUMN     "descriptionLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "nameLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Affiliation" ADD COLUMN     "endedOnStatedLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "startedOnStatedLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "titleLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Conflict" ADD COLUMN     "descriptionLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "nameLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "dateStatedLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "descriptionLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "placeLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "titleLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "LegalAction" ADD COLUMN     "filedOnStatedLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "summaryLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "titleLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "LegalActionStatusChange" ADD COLUMN     "dateStatedLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "noteLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "contextLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "dateStatedLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "authorNameLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "noteLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "publishedOnStatedLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "publisherNameLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "titleLanguage" TEXT NOT NULL DEFAULT 'en';

-- CreateTable
CREATE TABLE "Label" (
    "id" UUID NOT NULL,
    "field" "TextField" NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "renderingOf" TEXT,
    "publishedInId" UUID,
    "excerpt" TEXT,
    "actorId" UUID,
    "affiliationId" UUID,
    "eventId" UUID,
    "quoteId" UUID,
    "legalActionId" UUID,
    "legalClaimId" UUID,
    "statusChangeId" UUID,
    "sourceId" UUID,
    "conflictId" UUID,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Label_publishedInId_idx" ON "Label"("publishedInId");

-- CreateIndex
CREATE UNIQUE INDEX "Label_actorId_field_language_key" ON "Label"("actorId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_affiliationId_field_language_key" ON "Label"("affiliationId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_eventId_field_language_key" ON "Label"("eventId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_quoteId_field_language_key" ON "Label"("quoteId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_legalActionId_field_language_key" ON "Label"("legalActionId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_legalClaimId_field_language_key" ON "Label"("legalClaimId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_statusChangeId_field_language_key" ON "Label"("statusChangeId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_sourceId_field_language_key" ON "Label"("sourceId", "field", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Label_conflictId_field_language_key" ON "Label"("conflictId", "field", "language");

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_publishedInId_fkey" FOREIGN KEY ("publishedInId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_affiliationId_fkey" FOREIGN KEY ("affiliationId") REFERENCES "Affiliation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_legalActionId_fkey" FOREIGN KEY ("legalActionId") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_legalClaimId_fkey" FOREIGN KEY ("legalClaimId") REFERENCES "LegalClaim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_statusChangeId_fkey" FOREIGN KEY ("statusChangeId") REFERENCES "LegalActionStatusChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_conflictId_fkey" FOREIGN KEY ("conflictId") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules of the Label table that Prisma's schema language cannot express.

-- A label belongs to exactly one record: an exclusive arc over real foreign keys, like Citation.
ALTER TABLE "Label"
  ADD CONSTRAINT "Label_exactly_one_record" CHECK (
    num_nonnulls("actorId", "affiliationId", "eventId", "quoteId", "legalActionId", "legalClaimId", "statusChangeId", "sourceId", "conflictId") = 1
  );

-- A label is a rendering of the record's original wording (in another language), or a wording that
-- a source published; an excerpt only accompanies a source.
ALTER TABLE "Label"
  ADD CONSTRAINT "Label_rendering_or_published_check" CHECK (
    ("renderingOf" IS NOT NULL OR "publishedInId" IS NOT NULL)
    AND "renderingOf" IS DISTINCT FROM "language"
    AND ("excerpt" IS NULL OR "publishedInId" IS NOT NULL)
  );

-- What someone said is only ever worded as a source published it: the knowledge base may render
-- its own prose about a quote (the context), never the quoted words themselves.
ALTER TABLE "Label"
  ADD CONSTRAINT "Label_quote_wording_from_source" CHECK ("quoteId" IS NULL OR "field" <> 'text' OR "publishedInId" IS NOT NULL);
