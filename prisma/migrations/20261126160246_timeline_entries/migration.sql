-- CreateEnum
CREATE TYPE "TimelineEntryKind" AS ENUM ('EVENT', 'QUOTE', 'CLAIM', 'LEGAL_STATUS');

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "conflictId" UUID NOT NULL,
    "kind" "TimelineEntryKind" NOT NULL,
    "itemId" UUID NOT NULL,
    "eventId" UUID,
    "quoteId" UUID,
    "claimId" UUID,
    "statusChangeId" UUID,
    "anchor" DATE NOT NULL,
    "depth" INTEGER NOT NULL,
    "latest" DATE NOT NULL,
    "precisionRank" SMALLINT NOT NULL,
    "earliest" DATE,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("conflictId","itemId")
);

-- CreateIndex
CREATE INDEX "TimelineEntry_conflictId_anchor_depth_latest_precisionRank__idx" ON "TimelineEntry"("conflictId", "anchor", "depth", "latest", "precisionRank", "itemId");

-- CreateIndex
CREATE INDEX "TimelineEntry_conflictId_kind_anchor_depth_latest_precision_idx" ON "TimelineEntry"("conflictId", "kind", "anchor", "depth", "latest", "precisionRank", "itemId");

-- CreateIndex
CREATE INDEX "TimelineEntry_eventId_idx" ON "TimelineEntry"("eventId");

-- CreateIndex
CREATE INDEX "TimelineEntry_quoteId_idx" ON "TimelineEntry"("quoteId");

-- CreateIndex
CREATE INDEX "TimelineEntry_claimId_idx" ON "TimelineEntry"("claimId");

-- CreateIndex
CREATE INDEX "TimelineEntry_statusChangeId_idx" ON "TimelineEntry"("statusChangeId");

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_conflictId_fkey" FOREIGN KEY ("conflictId") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_statusChangeId_fkey" FOREIGN KEY ("statusChangeId") REFERENCES "LegalActionStatusChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: rules Prisma's schema language cannot express.

-- Exactly one item per entry (an exclusive arc, like Citation), and `itemId` / `kind` say which.
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_exactly_one_item" CHECK (
  num_nonnulls("eventId", "quoteId", "claimId", "statusChangeId") = 1
  AND "itemId" = COALESCE("eventId", "quoteId", "claimId", "statusChangeId")
  AND "kind" = CASE WHEN "eventId" IS NOT NULL THEN 'EVENT'::"TimelineEntryKind"
                    WHEN "quoteId" IS NOT NULL THEN 'QUOTE'::"TimelineEntryKind"
                    WHEN "claimId" IS NOT NULL THEN 'CLAIM'::"TimelineEntryKind"
                    ELSE 'LEGAL_STATUS'::"TimelineEntryKind" END
);

-- Recomputes the timelines of the given conflicts: the README's ordering rules ("Honest dates"),
-- set-based, so a conflict of 100k items costs a few joins and one sort, not a loop per item.
-- The same rules as `orderTimeline` (src/modules/conflicts/service.ts); tests/timeline-order.test.ts
-- checks that both give the same order on the seed. Writers call it for every conflict they touched
-- (src/seed/load.ts, src/synth/generate.ts); returns the number of entries written.
--
-- Items: a conflict's events, quotes and claims, and the status steps of its legal actions.
-- "Known to follow": chronology links whose two ends are both on the timeline, and each legal step
-- after the step before it. From those, per item: anchor = the latest `dateEarliest` among the item
-- and everything it follows (transitively); depth = its longest chain of predecessors. The links
-- are acyclic (the loader refuses cycles); a chain longer than 10,000 would only be cut.
-- JIT off: the recursive part's row estimate is far above what it meets (a few links per item),
-- and compiling the plan took longer than running it (2.3 s of 3.5 s at 100k quotes).
CREATE FUNCTION timeline_refresh(conflict_ids UUID[]) RETURNS INTEGER
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
  RETURN written;
END $$;

-- Databases loaded before this migration get their timelines.
SELECT timeline_refresh(ARRAY(SELECT id FROM "Conflict"));
