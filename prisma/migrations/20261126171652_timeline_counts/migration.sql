-- CreateTable
CREATE TABLE "TimelineCount" (
    "conflictId" UUID NOT NULL,
    "kind" "TimelineEntryKind" NOT NULL,
    "entries" INTEGER NOT NULL,

    CONSTRAINT "TimelineCount_pkey" PRIMARY KEY ("conflictId","kind")
);

-- AddForeignKey
ALTER TABLE "TimelineCount" ADD CONSTRAINT "TimelineCount_conflictId_fkey" FOREIGN KEY ("conflictId") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: timeline_refresh (migration 20261126160246_timeline_entries) also keeps the counts.

ALTER TABLE "TimelineCount" ADD CONSTRAINT "TimelineCount_entries_positive" CHECK ("entries" > 0);

-- JIT off: the recursive part's row estimate is far above what it meets (a few links per item),
-- and compiling the plan took longer than running it (2.3 s of 3.5 s at 100k quotes).
CREATE OR REPLACE FUNCTION timeline_refresh(conflict_ids UUID[]) RETURNS INTEGER
  LANGUAGE plpgsql
  SET jit = off
  AS $$
DECLARE
  written INTEGER;
BEGIN
  DELETE FROM "TimelineEntry" WHERE "conflictId" = ANY (conflict_ids);

  WITH RECURSIVE
  items AS MATERIALIZED (
    SELECT c."A" AS conflict, 'EVENT'::"TimelineEntryKind" AS kind, x.id, x."dateEarliest" AS earliest, x."dateLatest" AS latest, x."datePrecision" AS precision
      FROM "_ConflictToEvent" c JOIN "Event" x ON x.id = c."B" WHERE c."A" = ANY (conflict_ids)
    UNION ALL
    SELECT c."A", 'QUOTE', x.id, x."dateEarliest", x."dateLatest", x."datePrecision"
      FROM "_ConflictToQuote" c JOIN "Quote" x ON x.id = c."B" WHERE c."A" = ANY (conflict_ids)
    UNION ALL
    SELECT c."B", 'CLAIM', x.id, x."dateEarliest", x."dateLatest", x."datePrecision"
      FROM "_ClaimToConflict" c JOIN "Claim" x ON x.id = c."A" WHERE c."B" = ANY (conflict_ids)
    UNION ALL
    SELECT c."A", 'LEGAL_STATUS', x.id, x."dateEarliest", x."dateLatest", x."datePrecision"
      FROM "_ConflictToLegalAction" c JOIN "LegalActionStatusChange" x ON x."legalActionId" = c."B" WHERE c."A" = ANY (conflict_ids)
  ),
  -- Each "later is known to follow earlier", with the earlier item's first possible day.
  links AS MATERIALIZED (
    SELECT later.conflict, later.id AS later, earlier.id AS earlier, earlier.earliest
      FROM "ChronologyLink" l
      JOIN items later ON later.id = COALESCE(l."laterEventId", l."laterQuoteId", l."laterClaimId")
      JOIN items earlier ON earlier.conflict = later.conflict AND earlier.id = COALESCE(l."earlierEventId", l."earlierQuoteId", l."earlierClaimId")
    UNION ALL
    SELECT conflict, id, previous, previous_earliest
      FROM (SELECT c."A" AS conflict, x.id,
                   lag(x.id) OVER w AS previous, lag(x."dateEarliest") OVER w AS previous_earliest
              FROM "_ConflictToLegalAction" c JOIN "LegalActionStatusChange" x ON x."legalActionId" = c."B"
             WHERE c."A" = ANY (conflict_ids)
            WINDOW w AS (PARTITION BY c."A", x."legalActionId" ORDER BY x.position)) steps
     WHERE previous IS NOT NULL
  ),
  -- Everything each item follows, transitively, with how many links away (one row per distance).
  ancestors (conflict, id, ancestor, earliest, distance) AS (
    SELECT conflict, later, earlier, earliest, 1 FROM links
    UNION
    SELECT a.conflict, a.id, l.earlier, l.earliest, a.distance + 1
      FROM ancestors a JOIN links l ON l.conflict = a.conflict AND l.later = a.ancestor
     WHERE a.distance < 10000
  ),
  placed AS (
    SELECT conflict, id, max(earliest) AS anchor, max(distance) AS depth FROM ancestors GROUP BY conflict, id
  )
  INSERT INTO "TimelineEntry" ("conflictId", "kind", "itemId", "eventId", "quoteId", "claimId", "statusChangeId",
                               "anchor", "depth", "latest", "precisionRank", "earliest")
  SELECT i.conflict, i.kind, i.id,
         CASE WHEN i.kind = 'EVENT' THEN i.id END,
         CASE WHEN i.kind = 'QUOTE' THEN i.id END,
         CASE WHEN i.kind = 'CLAIM' THEN i.id END,
         CASE WHEN i.kind = 'LEGAL_STATUS' THEN i.id END,
         -- GREATEST ignores nulls: an undated item takes its predecessors' anchor.
         COALESCE(GREATEST(i.earliest, p.anchor), 'infinity'),
         COALESCE(p.depth, 0),
         COALESCE(i.latest, 'infinity'),
         CASE WHEN i.earliest IS NULL THEN 0 WHEN i.precision = 'DAY' THEN 2 WHEN i.precision = 'MONTH' THEN 1 ELSE 0 END,
         i.earliest
    FROM items i LEFT JOIN placed p ON p.conflict = i.conflict AND p.id = i.id;

  GET DIAGNOSTICS written = ROW_COUNT;

  DELETE FROM "TimelineCount" WHERE "conflictId" = ANY (conflict_ids);
  INSERT INTO "TimelineCount" ("conflictId", "kind", "entries")
  SELECT "conflictId", "kind", count(*) FROM "TimelineEntry" WHERE "conflictId" = ANY (conflict_ids) GROUP BY "conflictId", "kind";

  RETURN written;
END $$;

-- The counts of the timelines stored so far.
INSERT INTO "TimelineCount" ("conflictId", "kind", "entries")
SELECT "conflictId", "kind", count(*) FROM "TimelineEntry" GROUP BY "conflictId", "kind";
