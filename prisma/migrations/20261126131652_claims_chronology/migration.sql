-- CreateEnum
CREATE TYPE "ClaimRelationKind" AS ENUM ('DISPUTES', 'DENIES', 'SUPPORTS', 'RESPONDS_TO');

-- AlterEnum
ALTER TYPE "SourceKind" ADD VALUE 'ANNOUNCEMENT';

-- AlterTable
ALTER TABLE "Affiliation" ADD COLUMN     "endedOnDerivation" TEXT,
ADD COLUMN     "startedOnDerivation" TEXT;

-- AlterTable
ALTER TABLE "Citation" ADD COLUMN     "chronologyLinkId" UUID,
ADD COLUMN     "claimId" UUID,
ADD COLUMN     "claimRelationId" UUID;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "chronologyDepth" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dateDerivation" TEXT,
ADD COLUMN     "dateEarliest" DATE,
ADD COLUMN     "dateLatest" DATE;

-- AlterTable
ALTER TABLE "LegalAction" ADD COLUMN     "filedOnDerivation" TEXT;

-- AlterTable
ALTER TABLE "LegalActionStatusChange" ADD COLUMN     "dateDerivation" TEXT,
ADD COLUMN     "dateEarliest" DATE,
ADD COLUMN     "dateLatest" DATE;

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "chronologyDepth" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dateDerivation" TEXT,
ADD COLUMN     "dateEarliest" DATE,
ADD COLUMN     "dateLatest" DATE,
ADD COLUMN     "speakerGroup" TEXT;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "publishedOnDerivation" TEXT,
ADD COLUMN     "publishedOnEarliest" DATE,
ADD COLUMN     "publishedOnLatest" DATE;

-- CreateTable
CREATE TABLE "Claim" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "claimantId" UUID NOT NULL,
    "date" DATE,
    "datePrecision" "DatePrecision",
    "dateStated" TEXT,
    "dateDerivation" TEXT,
    "dateEarliest" DATE,
    "dateLatest" DATE,
    "chronologyDepth" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimRelation" (
    "id" UUID NOT NULL,
    "fromClaimId" UUID NOT NULL,
    "toClaimId" UUID NOT NULL,
    "kind" "ClaimRelationKind" NOT NULL,

    CONSTRAINT "ClaimRelation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChronologyLink" (
    "id" UUID NOT NULL,
    "laterEventId" UUID,
    "laterQuoteId" UUID,
    "laterClaimId" UUID,
    "earlierEventId" UUID,
    "earlierQuoteId" UUID,
    "earlierClaimId" UUID,

    CONSTRAINT "ChronologyLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_QuoteSpeakers" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_QuoteSpeakers_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ClaimAboutActor" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ClaimAboutActor_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ClaimAboutEvent" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ClaimAboutEvent_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ClaimAboutLegalAction" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ClaimAboutLegalAction_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ClaimAboutClaim" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ClaimAboutClaim_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ClaimQuote" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ClaimQuote_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ClaimToConflict" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ClaimToConflict_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Claim_slug_key" ON "Claim"("slug");

-- CreateIndex
CREATE INDEX "Claim_claimantId_date_idx" ON "Claim"("claimantId", "date");

-- CreateIndex
CREATE INDEX "Claim_date_idx" ON "Claim"("date");

-- CreateIndex
CREATE INDEX "Claim_dateEarliest_chronologyDepth_dateLatest_idx" ON "Claim"("dateEarliest", "chronologyDepth", "dateLatest");

-- CreateIndex
CREATE INDEX "ClaimRelation_toClaimId_kind_idx" ON "ClaimRelation"("toClaimId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimRelation_fromClaimId_toClaimId_kind_key" ON "ClaimRelation"("fromClaimId", "toClaimId", "kind");

-- CreateIndex
CREATE INDEX "ChronologyLink_laterEventId_idx" ON "ChronologyLink"("laterEventId");

-- CreateIndex
CREATE INDEX "ChronologyLink_laterQuoteId_idx" ON "ChronologyLink"("laterQuoteId");

-- CreateIndex
CREATE INDEX "ChronologyLink_laterClaimId_idx" ON "ChronologyLink"("laterClaimId");

-- CreateIndex
CREATE INDEX "ChronologyLink_earlierEventId_idx" ON "ChronologyLink"("earlierEventId");

-- CreateIndex
CREATE INDEX "ChronologyLink_earlierQuoteId_idx" ON "ChronologyLink"("earlierQuoteId");

-- CreateIndex
CREATE INDEX "ChronologyLink_earlierClaimId_idx" ON "ChronologyLink"("earlierClaimId");

-- CreateIndex
CREATE INDEX "_QuoteSpeakers_B_index" ON "_QuoteSpeakers"("B");

-- CreateIndex
CREATE INDEX "_ClaimAboutActor_B_index" ON "_ClaimAboutActor"("B");

-- CreateIndex
CREATE INDEX "_ClaimAboutEvent_B_index" ON "_ClaimAboutEvent"("B");

-- CreateIndex
CREATE INDEX "_ClaimAboutLegalAction_B_index" ON "_ClaimAboutLegalAction"("B");

-- CreateIndex
CREATE INDEX "_ClaimAboutClaim_B_index" ON "_ClaimAboutClaim"("B");

-- CreateIndex
CREATE INDEX "_ClaimQuote_B_index" ON "_ClaimQuote"("B");

-- CreateIndex
CREATE INDEX "_ClaimToConflict_B_index" ON "_ClaimToConflict"("B");

-- CreateIndex
CREATE INDEX "Citation_claimId_idx" ON "Citation"("claimId");

-- CreateIndex
CREATE INDEX "Citation_claimRelationId_idx" ON "Citation"("claimRelationId");

-- CreateIndex
CREATE INDEX "Citation_chronologyLinkId_idx" ON "Citation"("chronologyLinkId");

-- CreateIndex
CREATE INDEX "Event_dateEarliest_chronologyDepth_dateLatest_idx" ON "Event"("dateEarliest", "chronologyDepth", "dateLatest");

-- CreateIndex
CREATE INDEX "LegalActionStatusChange_dateEarliest_dateLatest_idx" ON "LegalActionStatusChange"("dateEarliest", "dateLatest");

-- CreateIndex
CREATE INDEX "Quote_dateEarliest_chronologyDepth_dateLatest_idx" ON "Quote"("dateEarliest", "chronologyDepth", "dateLatest");

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_claimRelationId_fkey" FOREIGN KEY ("claimRelationId") REFERENCES "ClaimRelation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_chronologyLinkId_fkey" FOREIGN KEY ("chronologyLinkId") REFERENCES "ChronologyLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimRelation" ADD CONSTRAINT "ClaimRelation_fromClaimId_fkey" FOREIGN KEY ("fromClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimRelation" ADD CONSTRAINT "ClaimRelation_toClaimId_fkey" FOREIGN KEY ("toClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyLink" ADD CONSTRAINT "ChronologyLink_laterEventId_fkey" FOREIGN KEY ("laterEventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyLink" ADD CONSTRAINT "ChronologyLink_laterQuoteId_fkey" FOREIGN KEY ("laterQuoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyLink" ADD CONSTRAINT "ChronologyLink_laterClaimId_fkey" FOREIGN KEY ("laterClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyLink" ADD CONSTRAINT "ChronologyLink_earlierEventId_fkey" FOREIGN KEY ("earlierEventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyLink" ADD CONSTRAINT "ChronologyLink_earlierQuoteId_fkey" FOREIGN KEY ("earlierQuoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyLink" ADD CONSTRAINT "ChronologyLink_earlierClaimId_fkey" FOREIGN KEY ("earlierClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_QuoteSpeakers" ADD CONSTRAINT "_QuoteSpeakers_A_fkey" FOREIGN KEY ("A") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_QuoteSpeakers" ADD CONSTRAINT "_QuoteSpeakers_B_fkey" FOREIGN KEY ("B") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutActor" ADD CONSTRAINT "_ClaimAboutActor_A_fkey" FOREIGN KEY ("A") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutActor" ADD CONSTRAINT "_ClaimAboutActor_B_fkey" FOREIGN KEY ("B") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutEvent" ADD CONSTRAINT "_ClaimAboutEvent_A_fkey" FOREIGN KEY ("A") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutEvent" ADD CONSTRAINT "_ClaimAboutEvent_B_fkey" FOREIGN KEY ("B") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutLegalAction" ADD CONSTRAINT "_ClaimAboutLegalAction_A_fkey" FOREIGN KEY ("A") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutLegalAction" ADD CONSTRAINT "_ClaimAboutLegalAction_B_fkey" FOREIGN KEY ("B") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutClaim" ADD CONSTRAINT "_ClaimAboutClaim_A_fkey" FOREIGN KEY ("A") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimAboutClaim" ADD CONSTRAINT "_ClaimAboutClaim_B_fkey" FOREIGN KEY ("B") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimQuote" ADD CONSTRAINT "_ClaimQuote_A_fkey" FOREIGN KEY ("A") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimQuote" ADD CONSTRAINT "_ClaimQuote_B_fkey" FOREIGN KEY ("B") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimToConflict" ADD CONSTRAINT "_ClaimToConflict_A_fkey" FOREIGN KEY ("A") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ClaimToConflict" ADD CONSTRAINT "_ClaimToConflict_B_fkey" FOREIGN KEY ("B") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: rules Prisma's schema language cannot express.

-- Last day of the period a partial date stands for (a YEAR date is stored as 1 January, a MONTH
-- date as its 1st). Date arithmetic on DATE / timestamp without time zone: no session time zone.
CREATE FUNCTION partial_date_end(d DATE, p "DatePrecision") RETURNS DATE
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE p WHEN 'YEAR' THEN (d + INTERVAL '1 year' - INTERVAL '1 day')::date
                      WHEN 'MONTH' THEN (d + INTERVAL '1 month' - INTERVAL '1 day')::date
                      ELSE d END $$;

-- Bounds of a dated item: the dataset may narrow a period ("after 21 January" within January
-- 2025); otherwise the bounds are the period itself. Filled here, so every writer (the seed, a
-- bulk COPY, a hand-written INSERT) gets them and the range filters and the timeline's order read
-- plain DATE columns. When an UPDATE changes the date and leaves the bounds as they were, the old
-- bounds belonged to the old date: they are recomputed.
CREATE FUNCTION fill_date_bounds() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW."date" IS DISTINCT FROM OLD."date" OR NEW."datePrecision" IS DISTINCT FROM OLD."datePrecision") THEN
    IF NEW."dateEarliest" IS NOT DISTINCT FROM OLD."dateEarliest" THEN NEW."dateEarliest" := NULL; END IF;
    IF NEW."dateLatest" IS NOT DISTINCT FROM OLD."dateLatest" THEN NEW."dateLatest" := NULL; END IF;
  END IF;
  IF NEW."date" IS NOT NULL AND NEW."datePrecision" IS NOT NULL THEN
    NEW."dateEarliest" := COALESCE(NEW."dateEarliest", NEW."date");
    NEW."dateLatest" := COALESCE(NEW."dateLatest", partial_date_end(NEW."date", NEW."datePrecision"));
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION fill_published_on_bounds() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW."publishedOn" IS DISTINCT FROM OLD."publishedOn" OR NEW."publishedOnPrecision" IS DISTINCT FROM OLD."publishedOnPrecision") THEN
    IF NEW."publishedOnEarliest" IS NOT DISTINCT FROM OLD."publishedOnEarliest" THEN NEW."publishedOnEarliest" := NULL; END IF;
    IF NEW."publishedOnLatest" IS NOT DISTINCT FROM OLD."publishedOnLatest" THEN NEW."publishedOnLatest" := NULL; END IF;
  END IF;
  IF NEW."publishedOn" IS NOT NULL AND NEW."publishedOnPrecision" IS NOT NULL THEN
    NEW."publishedOnEarliest" := COALESCE(NEW."publishedOnEarliest", NEW."publishedOn");
    NEW."publishedOnLatest" := COALESCE(NEW."publishedOnLatest", partial_date_end(NEW."publishedOn", NEW."publishedOnPrecision"));
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Event_date_bounds" BEFORE INSERT OR UPDATE ON "Event" FOR EACH ROW EXECUTE FUNCTION fill_date_bounds();
CREATE TRIGGER "Quote_date_bounds" BEFORE INSERT OR UPDATE ON "Quote" FOR EACH ROW EXECUTE FUNCTION fill_date_bounds();
CREATE TRIGGER "LegalActionStatusChange_date_bounds" BEFORE INSERT OR UPDATE ON "LegalActionStatusChange" FOR EACH ROW EXECUTE FUNCTION fill_date_bounds();
CREATE TRIGGER "Claim_date_bounds" BEFORE INSERT OR UPDATE ON "Claim" FOR EACH ROW EXECUTE FUNCTION fill_date_bounds();
CREATE TRIGGER "Source_publishedOn_bounds" BEFORE INSERT OR UPDATE ON "Source" FOR EACH ROW EXECUTE FUNCTION fill_published_on_bounds();

-- Rows written before this migration get their bounds (the triggers only see new writes).
UPDATE "Event" SET "dateEarliest" = "date", "dateLatest" = partial_date_end("date", "datePrecision") WHERE "date" IS NOT NULL;
UPDATE "Quote" SET "dateEarliest" = "date", "dateLatest" = partial_date_end("date", "datePrecision") WHERE "date" IS NOT NULL;
UPDATE "LegalActionStatusChange" SET "dateEarliest" = "date", "dateLatest" = partial_date_end("date", "datePrecision") WHERE "date" IS NOT NULL;
UPDATE "Source" SET "publishedOnEarliest" = "publishedOn", "publishedOnLatest" = partial_date_end("publishedOn", "publishedOnPrecision") WHERE "publishedOn" IS NOT NULL;

-- The bounds lie inside the period, in order, and exist exactly when the date does.
ALTER TABLE "Event" ADD CONSTRAINT "Event_date_bounds_check" CHECK (
  CASE WHEN "date" IS NULL THEN "dateEarliest" IS NULL AND "dateLatest" IS NULL
       ELSE "date" <= "dateEarliest" AND "dateEarliest" <= "dateLatest" AND "dateLatest" <= partial_date_end("date", "datePrecision") END
);
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_date_bounds_check" CHECK (
  CASE WHEN "date" IS NULL THEN "dateEarliest" IS NULL AND "dateLatest" IS NULL
       ELSE "date" <= "dateEarliest" AND "dateEarliest" <= "dateLatest" AND "dateLatest" <= partial_date_end("date", "datePrecision") END
);
ALTER TABLE "LegalActionStatusChange" ADD CONSTRAINT "LegalActionStatusChange_date_bounds_check" CHECK (
  CASE WHEN "date" IS NULL THEN "dateEarliest" IS NULL AND "dateLatest" IS NULL
       ELSE "date" <= "dateEarliest" AND "dateEarliest" <= "dateLatest" AND "dateLatest" <= partial_date_end("date", "datePrecision") END
);
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_date_bounds_check" CHECK (
  CASE WHEN "date" IS NULL THEN "dateEarliest" IS NULL AND "dateLatest" IS NULL
       ELSE "date" <= "dateEarliest" AND "dateEarliest" <= "dateLatest" AND "dateLatest" <= partial_date_end("date", "datePrecision") END
);
ALTER TABLE "Source" ADD CONSTRAINT "Source_publishedOn_bounds_check" CHECK (
  CASE WHEN "publishedOn" IS NULL THEN "publishedOnEarliest" IS NULL AND "publishedOnLatest" IS NULL
       ELSE "publishedOn" <= "publishedOnEarliest" AND "publishedOnEarliest" <= "publishedOnLatest"
            AND "publishedOnLatest" <= partial_date_end("publishedOn", "publishedOnPrecision") END
);

-- A claim's date follows the same rules as every partial date.
ALTER TABLE "Claim"
  ADD CONSTRAINT "Claim_date_precision_check" CHECK (
    ("date" IS NULL) = ("datePrecision" IS NULL)
    AND ("datePrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "date") = 1)
    AND ("datePrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "date") = 1 AND EXTRACT(DAY FROM "date") = 1))
  ),
  ADD CONSTRAINT "Claim_dateStated_check" CHECK ("dateStated" IS NULL OR "date" IS NOT NULL);

-- A citation still supports exactly one fact; claims, their relations and chronology links are facts.
ALTER TABLE "Citation" DROP CONSTRAINT "Citation_exactly_one_fact";
ALTER TABLE "Citation"
  ADD CONSTRAINT "Citation_exactly_one_fact" CHECK (
    num_nonnulls("actorId", "affiliationId", "eventId", "quoteId", "legalActionId", "legalClaimId", "statusChangeId",
                 "claimId", "claimRelationId", "chronologyLinkId") = 1
  );

-- A claim does not relate to itself.
ALTER TABLE "ClaimRelation" ADD CONSTRAINT "ClaimRelation_distinct_claims_check" CHECK ("fromClaimId" <> "toClaimId");

-- Each end of a chronology link is exactly one event, quote or claim, and the two ends differ.
ALTER TABLE "ChronologyLink"
  ADD CONSTRAINT "ChronologyLink_one_later_check" CHECK (num_nonnulls("laterEventId", "laterQuoteId", "laterClaimId") = 1),
  ADD CONSTRAINT "ChronologyLink_one_earlier_check" CHECK (num_nonnulls("earlierEventId", "earlierQuoteId", "earlierClaimId") = 1),
  ADD CONSTRAINT "ChronologyLink_distinct_items_check" CHECK (
    COALESCE("laterEventId", "laterQuoteId", "laterClaimId") <> COALESCE("earlierEventId", "earlierQuoteId", "earlierClaimId")
  );
