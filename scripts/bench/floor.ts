/**
 * The floor for the headline nested query: one hand-written SQL statement that picks the page
 * first and has PostgreSQL build the whole answer as JSON, served over node:http with no GraphQL at
 * all. Whatever the app or PostGraphile do, they cannot do much better than this.
 * Started by the bench: DATABASE_URL, PORT (127.0.0.1), DB_POOL_MAX.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });

const iso = (column: string, precision: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE json_build_object('iso', to_char(${column}, CASE ${precision} WHEN 'YEAR' THEN 'YYYY' WHEN 'MONTH' THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END), 'precision', ${precision}) END`;

/** conflict(slug) → events(first: 50) → participants → actor → affiliations → organization, as the app answers it. */
export const NESTED_STATEMENT = `
SELECT json_build_object('data', json_build_object('conflict', (
  SELECT json_build_object('events', json_build_object('edges', coalesce((
    SELECT json_agg(json_build_object('node', json_build_object(
      'slug', e.slug,
      'title', e.title,
      'date', ${iso('e.date', 'e."datePrecision"')},
      'participants', (
        SELECT coalesce(json_agg(json_build_object('role', p.role, 'actor', json_build_object(
          'slug', a.slug,
          'name', a.name,
          'affiliations', (
            SELECT coalesce(json_agg(json_build_object('role', af.role, 'organization', json_build_object('slug', o.slug, 'name', o.name))
                                     ORDER BY af."startedOn", af."startedOnPrecision", af.id), '[]')
              FROM "Affiliation" af JOIN "Actor" o ON o.id = af."organizationId"
             WHERE af."memberId" = a.id)
        )) ORDER BY p.role, p.id), '[]')
          FROM "EventParticipant" p JOIN "Actor" a ON a.id = p."actorId"
         WHERE p."eventId" = e.id)
    )) ORDER BY e."dateEarliest", e."chronologyDepth", e."dateLatest", e.id)
    FROM (
      SELECT e.* FROM "Event" e JOIN "_ConflictToEvent" ce ON ce."B" = e.id
       WHERE ce."A" = c.id
       ORDER BY e."dateEarliest", e."chronologyDepth", e."dateLatest", e.id
       LIMIT 50
    ) e
  ), '[]')))
  FROM "Conflict" c WHERE c.slug = $1
)))::text AS body`;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: { slug?: string } };
        const { rows } = await pool.query<{ body: string }>({ name: 'floor-nested', text: NESTED_STATEMENT, values: [variables?.slug ?? ''] });
        response.writeHead(200, { 'content-type': 'application/json' }).end(rows[0]!.body);
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    })();
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`floor listening on ${process.env.PORT}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
}
