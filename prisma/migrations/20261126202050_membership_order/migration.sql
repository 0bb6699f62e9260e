-- CreateTable
CREATE TABLE "ConflictEventOrder" (
    "conflictId" UUID NOT NULL,
    "dateOrder" BIGINT NOT NULL,
    "eventId" UUID NOT NULL,

    CONSTRAINT "ConflictEventOrder_pkey" PRIMARY KEY ("conflictId","dateOrder","eventId")
);

-- CreateTable
CREATE TABLE "ConflictQuoteOrder" (
    "conflictId" UUID NOT NULL,
    "dateOrder" BIGINT NOT NULL,
    "quoteId" UUID NOT NULL,

    CONSTRAINT "ConflictQuoteOrder_pkey" PRIMARY KEY ("conflictId","dateOrder","quoteId")
);

-- CreateIndex
CREATE INDEX "ConflictEventOrder_eventId_idx" ON "ConflictEventOrder"("eventId");

-- CreateIndex
CREATE INDEX "ConflictQuoteOrder_quoteId_idx" ON "ConflictQuoteOrder"("quoteId");

-- ---------------------------------------------------------------------------------------------
-- Hand-written: the rows of the two tables above (Prisma's schema language cannot express a trigger).
--
-- Conflict.events and Conflict.quotes are ordered by the member's "dateOrder", then its id. Through
-- the join tables alone a page had to read and sort every member of the conflict (20,000 events of
-- the huge synthetic conflict at 1M quotes for a page of 50). Each membership is therefore also
-- stored with its member's key: a page is then a range of the primary key ("conflictId",
-- "dateOrder", id), O(first) rows whatever the conflict's size and the page's depth.
--
-- Kept in step by statement-level triggers over transition tables, so a bulk write (the synthetic
-- generator's COPY of the join tables) is one set-based statement, and a row-by-row write (the
-- seed, through Prisma) one small statement per row:
--   * a membership inserted into / deleted from "_ConflictToEvent" / "_ConflictToQuote" (also by
--     the cascade when a conflict or a member is deleted);
--   * a member whose "dateOrder" changed (it is set by the BEFORE triggers of migration
--     *_keyset_order from the date columns and "chronologyDepth", so UPDATE OF "dateOrder" would
--     miss it: every UPDATE is looked at, and only rows whose key changed are rewritten).

CREATE FUNCTION conflict_event_order_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ConflictEventOrder" ("conflictId", "dateOrder", "eventId")
  SELECT m."A", x."dateOrder", m."B" FROM added m JOIN "Event" x ON x.id = m."B"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION conflict_event_order_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ConflictEventOrder" o USING removed m WHERE o."eventId" = m."B" AND o."conflictId" = m."A";
  RETURN NULL;
END $$;

CREATE FUNCTION conflict_event_order_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ConflictEventOrder" o SET "dateOrder" = n."dateOrder"
    FROM before_rows b JOIN after_rows n ON n.id = b.id
   WHERE b."dateOrder" IS DISTINCT FROM n."dateOrder" AND o."eventId" = n.id;
  RETURN NULL;
END $$;

CREATE FUNCTION conflict_quote_order_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ConflictQuoteOrder" ("conflictId", "dateOrder", "quoteId")
  SELECT m."A", x."dateOrder", m."B" FROM added m JOIN "Quote" x ON x.id = m."B"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION conflict_quote_order_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ConflictQuoteOrder" o USING removed m WHERE o."quoteId" = m."B" AND o."conflictId" = m."A";
  RETURN NULL;
END $$;

CREATE FUNCTION conflict_quote_order_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ConflictQuoteOrder" o SET "dateOrder" = n."dateOrder"
    FROM before_rows b JOIN after_rows n ON n.id = b.id
   WHERE b."dateOrder" IS DISTINCT FROM n."dateOrder" AND o."quoteId" = n.id;
  RETURN NULL;
END $$;

CREATE TRIGGER "_ConflictToEvent_order_insert" AFTER INSERT ON "_ConflictToEvent"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION conflict_event_order_insert();
CREATE TRIGGER "_ConflictToEvent_order_delete" AFTER DELETE ON "_ConflictToEvent"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION conflict_event_order_delete();
CREATE TRIGGER "Event_conflict_order" AFTER UPDATE ON "Event"
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION conflict_event_order_update();
CREATE TRIGGER "_ConflictToQuote_order_insert" AFTER INSERT ON "_ConflictToQuote"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION conflict_quote_order_insert();
CREATE TRIGGER "_ConflictToQuote_order_delete" AFTER DELETE ON "_ConflictToQuote"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION conflict_quote_order_delete();
CREATE TRIGGER "Quote_conflict_order" AFTER UPDATE ON "Quote"
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION conflict_quote_order_update();

-- Memberships written before this migration.
INSERT INTO "ConflictEventOrder" ("conflictId", "dateOrder", "eventId")
SELECT m."A", x."dateOrder", m."B" FROM "_ConflictToEvent" m JOIN "Event" x ON x.id = m."B";
INSERT INTO "ConflictQuoteOrder" ("conflictId", "dateOrder", "quoteId")
SELECT m."A", x."dateOrder", m."B" FROM "_ConflictToQuote" m JOIN "Quote" x ON x.id = m."B";
