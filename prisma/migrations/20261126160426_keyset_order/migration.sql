-- DropIndex
DROP INDEX "Actor_type_name_idx";

-- DropIndex
DROP INDEX "Affiliation_memberId_idx";

-- DropIndex
DROP INDEX "Affiliation_organizationId_idx";

-- DropIndex
DROP INDEX "Citation_sourceId_idx";

-- DropIndex
DROP INDEX "Claim_claimantId_date_idx";

-- DropIndex
DROP INDEX "Quote_eventId_idx";

-- DropIndex
DROP INDEX "Quote_speakerId_date_idx";

-- AlterTable
ALTER TABLE "Affiliation" ADD COLUMN     "startedOnOrder" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "dateOrder" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "dateOrderDesc" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "dateOrder" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "dateOrderDesc" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LegalAction" ADD COLUMN     "filedOnOrder" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "filedOnOrderDesc" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "dateOrder" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "dateOrderDesc" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "publishedOnOrder" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "publishedOnOrderDesc" BIGINT NOT NULL DEFAULT 0;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: the sort keys' values (Prisma's schema language cannot express a trigger).
--
-- A list ordered by partial dates ("2015", "July 2023", "between 21 and 31 January 2025") used to
-- be ordered by several nullable columns (earliest NULLS LAST, chronologyDepth, latest NULLS LAST,
-- id). Prisma cannot page such an order with a keyset (its cursor falls back to OFFSET without
-- LIMIT), and PostgreSQL cannot serve a mixed NULLS LAST order and a row-value comparison from one
-- index. So each order is also stored as ONE never-null BIGINT whose numeric order is exactly the
-- list order; a list then pages with `(key, id) > ($key, $id) ORDER BY key, id LIMIT n` on a
-- plain (key, id) index, and a deep page costs what the first page costs.
--
-- Layout of a key (src/modules/common/date-order.ts reads and bounds it the same way):
--   bits 41..62  first possible day, as days since 0001-01-01 (0..3,652,058 < 2^22 - 1)
--   bits 22..40  chronologyDepth (0..2^19 - 1), or the precision's rank (YEAR 0, MONTH 1, DAY 2)
--   bits  0..21  last possible day, as days since 0001-01-01
-- An unknown date is 2^22 - 1 in both day fields: after every real date. The newest-first key
-- stores 2^22 - 2 - day and 2^19 - 1 - depth, so undated rows stay last there too, and ties keep
-- the id ascending, as the lists always did.

CREATE FUNCTION date_order_day(d DATE) RETURNS BIGINT
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
BEGIN
  IF d IS NULL THEN RETURN NULL; END IF;
  IF d < DATE '0001-01-01' OR d > DATE '9999-12-31' THEN
    RAISE EXCEPTION 'date % is outside 0001-01-01..9999-12-31, which sort keys can order', d USING ERRCODE = '22008';
  END IF;
  RETURN d - DATE '0001-01-01';
END $$;

CREATE FUNCTION date_order(earliest DATE, depth INTEGER, latest DATE, descending BOOLEAN) RETURNS BIGINT
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  e BIGINT := date_order_day(earliest);
  l BIGINT := date_order_day(latest);
BEGIN
  IF depth < 0 OR depth > 524287 THEN
    RAISE EXCEPTION 'chronologyDepth % is outside 0..524287, which sort keys can order', depth USING ERRCODE = '22003';
  END IF;
  IF descending THEN
    RETURN (COALESCE(4194302 - e, 4194303) << 41) | ((524287 - depth)::bigint << 22) | COALESCE(4194302 - l, 4194303);
  END IF;
  RETURN (COALESCE(e, 4194303) << 41) | (depth::bigint << 22) | COALESCE(l, 4194303);
END $$;

CREATE FUNCTION date_precision_rank(p "DatePrecision") RETURNS INTEGER
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE p WHEN 'YEAR' THEN 0 WHEN 'MONTH' THEN 1 WHEN 'DAY' THEN 2 ELSE 0 END $$;

-- Events, quotes and claims: by bounds, then known predecessors (orderByBounds).
CREATE FUNCTION fill_date_order() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW."dateOrder" := date_order(NEW."dateEarliest", NEW."chronologyDepth", NEW."dateLatest", false);
  NEW."dateOrderDesc" := date_order(NEW."dateEarliest", NEW."chronologyDepth", NEW."dateLatest", true);
  RETURN NEW;
END $$;

-- Sources: by the bounds of the publication date.
CREATE FUNCTION fill_published_on_order() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW."publishedOnOrder" := date_order(NEW."publishedOnEarliest", 0, NEW."publishedOnLatest", false);
  NEW."publishedOnOrderDesc" := date_order(NEW."publishedOnEarliest", 0, NEW."publishedOnLatest", true);
  RETURN NEW;
END $$;

-- Legal actions and affiliations: by day, then coarser precision first (orderByDate).
CREATE FUNCTION fill_filed_on_order() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW."filedOnOrder" := date_order(NEW."filedOn", date_precision_rank(NEW."filedOnPrecision"), NEW."filedOn", false);
  NEW."filedOnOrderDesc" := date_order(NEW."filedOn", date_precision_rank(NEW."filedOnPrecision"), NEW."filedOn", true);
  RETURN NEW;
END $$;

CREATE FUNCTION fill_started_on_order() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW."startedOnOrder" := date_order(NEW."startedOn", date_precision_rank(NEW."startedOnPrecision"), NEW."startedOn", false);
  RETURN NEW;
END $$;

-- Triggers of a table fire in name order: "<Table>_date_bounds" fills the bounds before
-- "<Table>_date_order" reads them.
CREATE TRIGGER "Event_date_order" BEFORE INSERT OR UPDATE ON "Event" FOR EACH ROW EXECUTE FUNCTION fill_date_order();
CREATE TRIGGER "Quote_date_order" BEFORE INSERT OR UPDATE ON "Quote" FOR EACH ROW EXECUTE FUNCTION fill_date_order();
CREATE TRIGGER "Claim_date_order" BEFORE INSERT OR UPDATE ON "Claim" FOR EACH ROW EXECUTE FUNCTION fill_date_order();
CREATE TRIGGER "Source_publishedOn_order" BEFORE INSERT OR UPDATE ON "Source" FOR EACH ROW EXECUTE FUNCTION fill_published_on_order();
CREATE TRIGGER "LegalAction_filedOn_order" BEFORE INSERT OR UPDATE ON "LegalAction" FOR EACH ROW EXECUTE FUNCTION fill_filed_on_order();
CREATE TRIGGER "Affiliation_startedOn_order" BEFORE INSERT OR UPDATE ON "Affiliation" FOR EACH ROW EXECUTE FUNCTION fill_started_on_order();

-- Rows written before this migration get their keys (the UPDATE fires the triggers above), before
-- the indexes are built so each is built once.
UPDATE "Event" SET "dateOrder" = 0;
UPDATE "Quote" SET "dateOrder" = 0;
UPDATE "Claim" SET "dateOrder" = 0;
UPDATE "Source" SET "publishedOnOrder" = 0;
UPDATE "LegalAction" SET "filedOnOrder" = 0;
UPDATE "Affiliation" SET "startedOnOrder" = 0;

-- CreateIndex
CREATE INDEX "Actor_type_name_id_idx" ON "Actor"("type", "name", "id");

-- CreateIndex
CREATE INDEX "Affiliation_memberId_startedOnOrder_id_idx" ON "Affiliation"("memberId", "startedOnOrder", "id");

-- CreateIndex
CREATE INDEX "Affiliation_organizationId_startedOnOrder_id_idx" ON "Affiliation"("organizationId", "startedOnOrder", "id");

-- CreateIndex
CREATE INDEX "Citation_sourceId_id_idx" ON "Citation"("sourceId", "id");

-- CreateIndex
CREATE INDEX "Claim_claimantId_dateOrder_id_idx" ON "Claim"("claimantId", "dateOrder", "id");

-- CreateIndex
CREATE INDEX "Claim_dateOrder_id_idx" ON "Claim"("dateOrder", "id");

-- CreateIndex
CREATE INDEX "Claim_dateOrderDesc_id_idx" ON "Claim"("dateOrderDesc", "id");

-- CreateIndex
CREATE INDEX "Conflict_name_id_idx" ON "Conflict"("name", "id");

-- CreateIndex
CREATE INDEX "Event_dateOrder_id_idx" ON "Event"("dateOrder", "id");

-- CreateIndex
CREATE INDEX "Event_dateOrderDesc_id_idx" ON "Event"("dateOrderDesc", "id");

-- CreateIndex
CREATE INDEX "LegalAction_filedOnOrder_id_idx" ON "LegalAction"("filedOnOrder", "id");

-- CreateIndex
CREATE INDEX "LegalAction_filedOnOrderDesc_id_idx" ON "LegalAction"("filedOnOrderDesc", "id");

-- CreateIndex
CREATE INDEX "Quote_speakerId_dateOrder_id_idx" ON "Quote"("speakerId", "dateOrder", "id");

-- CreateIndex
CREATE INDEX "Quote_eventId_dateOrder_id_idx" ON "Quote"("eventId", "dateOrder", "id");

-- CreateIndex
CREATE INDEX "Quote_dateOrder_id_idx" ON "Quote"("dateOrder", "id");

-- CreateIndex
CREATE INDEX "Quote_dateOrderDesc_id_idx" ON "Quote"("dateOrderDesc", "id");

-- CreateIndex
CREATE INDEX "Source_publishedOnOrder_id_idx" ON "Source"("publishedOnOrder", "id");

-- CreateIndex
CREATE INDEX "Source_publishedOnOrderDesc_id_idx" ON "Source"("publishedOnOrderDesc", "id");
