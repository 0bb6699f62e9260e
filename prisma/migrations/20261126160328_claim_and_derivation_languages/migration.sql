-- Issue 7, "Languages", completed: the text columns added with claims and chronology (a claim's
-- summary and date wording, every date's derivation, a quote's speaker group) carry their language
-- like the others, and claims can have labels.

-- AlterEnum (PostgreSQL 12+ adds enum values inside a transaction; they are not used before commit)
ALTER TYPE "TextField" ADD VALUE 'speakerGroup';
ALTER TYPE "TextField" ADD VALUE 'dateDerivation';
ALTER TYPE "TextField" ADD VALUE 'startedOnDerivation';
ALTER TYPE "TextField" ADD VALUE 'endedOnDerivation';
ALTER TYPE "TextField" ADD VALUE 'filedOnDerivation';
ALTER TYPE "TextField" ADD VALUE 'publishedOnDerivation';

-- AlterTable
ALTER TABLE "Affiliation" ADD COLUMN     "endedOnDerivationLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "startedOnDerivationLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "dateDerivationLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "dateStatedLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "summaryLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "dateDerivationLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "claimId" UUID;

-- AlterTable
ALTER TABLE "LegalAction" ADD COLUMN     "filedOnDerivationLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "LegalActionStatusChange" ADD COLUMN     "dateDerivationLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "dateDerivationLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "speakerGroupLanguage" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "publishedOnDerivationLanguage" TEXT NOT NULL DEFAULT 'en';

-- CreateIndex
CREATE UNIQUE INDEX "Label_claimId_field_language_key" ON "Label"("claimId", "field", "language");

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules of the Label table that Prisma's schema language cannot express: a label belongs to exactly
-- one record, now including claims.
ALTER TABLE "Label" DROP CONSTRAINT "Label_exactly_one_record";
ALTER TABLE "Label"
  ADD CONSTRAINT "Label_exactly_one_record" CHECK (
    num_nonnulls("actorId", "affiliationId", "eventId", "quoteId", "legalActionId", "legalClaimId", "statusChangeId", "sourceId", "conflictId", "claimId") = 1
  );

-- A speaker group is the citing source's wording, in the language of the quote's published text.
UPDATE "Quote" SET "speakerGroupLanguage" = "language" WHERE "speakerGroup" IS NOT NULL;
