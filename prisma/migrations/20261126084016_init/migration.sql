-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('PERSON', 'ORGANIZATION');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('COMPANY', 'NONPROFIT', 'GOVERNMENT_BODY', 'NEWS_OUTLET', 'SOCIAL_MEDIA_ACCOUNT', 'SOCIAL_MEDIA_PLATFORM', 'PROJECT', 'OTHER');

-- CreateEnum
CREATE TYPE "AffiliationRole" AS ENUM ('CO_FOUNDER', 'FOUNDER', 'CEO', 'BOARD_MEMBER', 'EMPLOYEE', 'INVESTOR', 'PARTNER', 'OWNER', 'OPERATOR', 'OTHER');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('FOUNDING', 'DEPARTURE', 'STATUS_CHANGE', 'PRODUCT_LAUNCH', 'ANNOUNCEMENT', 'FILING', 'STATEMENT', 'INVESTMENT', 'REPORT', 'MILESTONE', 'OTHER');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('FOUNDER', 'ANNOUNCER', 'INITIATOR', 'PARTNER', 'INVESTOR', 'SUBJECT', 'HOST', 'AUTHOR', 'RESPONDENT', 'PLAINTIFF', 'DEFENDANT', 'OTHER');

-- CreateEnum
CREATE TYPE "LegalActionStatus" AS ENUM ('FILED', 'PENDING', 'WITHDRAWN', 'DISMISSED', 'SETTLED', 'DECIDED');

-- CreateEnum
CREATE TYPE "PartySide" AS ENUM ('PLAINTIFF', 'DEFENDANT');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('ARTICLE', 'NEWS_REPORT', 'BLOG_POST', 'SOCIAL_MEDIA_POST', 'PRESS_RELEASE', 'COURT_FILING', 'EMAIL', 'OTHER');

-- CreateTable
CREATE TABLE "Actor" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "type" "ActorType" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "organizationKind" "OrganizationKind",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Actor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Affiliation" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "AffiliationRole" NOT NULL,
    "title" TEXT,
    "startedOn" DATE,
    "startedOnPrecision" "DatePrecision",
    "startedOnStated" TEXT,
    "endedOn" DATE,
    "endedOnPrecision" "DatePrecision",
    "endedOnStated" TEXT,

    CONSTRAINT "Affiliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "kind" "EventKind" NOT NULL,
    "date" DATE,
    "datePrecision" "DatePrecision",
    "dateStated" TEXT,
    "place" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventParticipant" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "role" "ParticipantRole" NOT NULL,

    CONSTRAINT "EventParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "originalLanguage" TEXT,
    "speakerId" UUID NOT NULL,
    "eventId" UUID,
    "context" TEXT,
    "date" DATE,
    "datePrecision" "DatePrecision",
    "dateStated" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalAction" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "court" TEXT,
    "jurisdiction" TEXT,
    "caseNumber" TEXT,
    "filedOn" DATE,
    "filedOnPrecision" "DatePrecision",
    "filedOnStated" TEXT,
    "status" "LegalActionStatus" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalActionParty" (
    "id" UUID NOT NULL,
    "legalActionId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "side" "PartySide" NOT NULL,

    CONSTRAINT "LegalActionParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalClaim" (
    "id" UUID NOT NULL,
    "legalActionId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LegalClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalActionStatusChange" (
    "id" UUID NOT NULL,
    "legalActionId" UUID NOT NULL,
    "status" "LegalActionStatus" NOT NULL,
    "date" DATE,
    "datePrecision" "DatePrecision",
    "dateStated" TEXT,
    "note" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "LegalActionStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "publisherName" TEXT,
    "publisherId" UUID,
    "authorName" TEXT,
    "authorId" UUID,
    "url" TEXT,
    "language" TEXT,
    "publishedOn" DATE,
    "publishedOnPrecision" "DatePrecision",
    "publishedOnStated" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceCitation" (
    "id" UUID NOT NULL,
    "citingSourceId" UUID NOT NULL,
    "citedSourceId" UUID NOT NULL,
    "excerpt" TEXT,

    CONSTRAINT "SourceCitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Citation" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "excerpt" TEXT,
    "actorId" UUID,
    "affiliationId" UUID,
    "eventId" UUID,
    "quoteId" UUID,
    "legalActionId" UUID,
    "legalClaimId" UUID,
    "statusChangeId" UUID,

    CONSTRAINT "Citation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conflict" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_QuoteSubject" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_QuoteSubject_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ActorToConflict" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ActorToConflict_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_EventToLegalAction" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_EventToLegalAction_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ConflictToEvent" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ConflictToEvent_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ConflictToQuote" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ConflictToQuote_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ConflictToLegalAction" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ConflictToLegalAction_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Actor_slug_key" ON "Actor"("slug");

-- CreateIndex
CREATE INDEX "Actor_type_name_idx" ON "Actor"("type", "name");

-- CreateIndex
CREATE INDEX "Affiliation_memberId_idx" ON "Affiliation"("memberId");

-- CreateIndex
CREATE INDEX "Affiliation_organizationId_idx" ON "Affiliation"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");

-- CreateIndex
CREATE INDEX "Event_date_idx" ON "Event"("date");

-- CreateIndex
CREATE INDEX "Event_kind_date_idx" ON "Event"("kind", "date");

-- CreateIndex
CREATE INDEX "EventParticipant_actorId_idx" ON "EventParticipant"("actorId");

-- CreateIndex
CREATE UNIQUE INDEX "EventParticipant_eventId_actorId_role_key" ON "EventParticipant"("eventId", "actorId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_slug_key" ON "Quote"("slug");

-- CreateIndex
CREATE INDEX "Quote_speakerId_date_idx" ON "Quote"("speakerId", "date");

-- CreateIndex
CREATE INDEX "Quote_eventId_idx" ON "Quote"("eventId");

-- CreateIndex
CREATE INDEX "Quote_date_idx" ON "Quote"("date");

-- CreateIndex
CREATE UNIQUE INDEX "LegalAction_slug_key" ON "LegalAction"("slug");

-- CreateIndex
CREATE INDEX "LegalAction_filedOn_idx" ON "LegalAction"("filedOn");

-- CreateIndex
CREATE INDEX "LegalAction_status_filedOn_idx" ON "LegalAction"("status", "filedOn");

-- CreateIndex
CREATE INDEX "LegalActionParty_actorId_idx" ON "LegalActionParty"("actorId");

-- CreateIndex
CREATE UNIQUE INDEX "LegalActionParty_legalActionId_actorId_side_key" ON "LegalActionParty"("legalActionId", "actorId", "side");

-- CreateIndex
CREATE INDEX "LegalClaim_legalActionId_position_idx" ON "LegalClaim"("legalActionId", "position");

-- CreateIndex
CREATE INDEX "LegalActionStatusChange_date_idx" ON "LegalActionStatusChange"("date");

-- CreateIndex
CREATE UNIQUE INDEX "LegalActionStatusChange_legalActionId_position_key" ON "LegalActionStatusChange"("legalActionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Source_slug_key" ON "Source"("slug");

-- CreateIndex
CREATE INDEX "Source_publishedOn_idx" ON "Source"("publishedOn");

-- CreateIndex
CREATE INDEX "SourceCitation_citedSourceId_idx" ON "SourceCitation"("citedSourceId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceCitation_citingSourceId_citedSourceId_key" ON "SourceCitation"("citingSourceId", "citedSourceId");

-- CreateIndex
CREATE INDEX "Citation_sourceId_idx" ON "Citation"("sourceId");

-- CreateIndex
CREATE INDEX "Citation_actorId_idx" ON "Citation"("actorId");

-- CreateIndex
CREATE INDEX "Citation_affiliationId_idx" ON "Citation"("affiliationId");

-- CreateIndex
CREATE INDEX "Citation_eventId_idx" ON "Citation"("eventId");

-- CreateIndex
CREATE INDEX "Citation_quoteId_idx" ON "Citation"("quoteId");

-- CreateIndex
CREATE INDEX "Citation_legalActionId_idx" ON "Citation"("legalActionId");

-- CreateIndex
CREATE INDEX "Citation_legalClaimId_idx" ON "Citation"("legalClaimId");

-- CreateIndex
CREATE INDEX "Citation_statusChangeId_idx" ON "Citation"("statusChangeId");

-- CreateIndex
CREATE UNIQUE INDEX "Conflict_slug_key" ON "Conflict"("slug");

-- CreateIndex
CREATE INDEX "_QuoteSubject_B_index" ON "_QuoteSubject"("B");

-- CreateIndex
CREATE INDEX "_ActorToConflict_B_index" ON "_ActorToConflict"("B");

-- CreateIndex
CREATE INDEX "_EventToLegalAction_B_index" ON "_EventToLegalAction"("B");

-- CreateIndex
CREATE INDEX "_ConflictToEvent_B_index" ON "_ConflictToEvent"("B");

-- CreateIndex
CREATE INDEX "_ConflictToQuote_B_index" ON "_ConflictToQuote"("B");

-- CreateIndex
CREATE INDEX "_ConflictToLegalAction_B_index" ON "_ConflictToLegalAction"("B");

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventParticipant" ADD CONSTRAINT "EventParticipant_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventParticipant" ADD CONSTRAINT "EventParticipant_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalActionParty" ADD CONSTRAINT "LegalActionParty_legalActionId_fkey" FOREIGN KEY ("legalActionId") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalActionParty" ADD CONSTRAINT "LegalActionParty_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalClaim" ADD CONSTRAINT "LegalClaim_legalActionId_fkey" FOREIGN KEY ("legalActionId") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalActionStatusChange" ADD CONSTRAINT "LegalActionStatusChange_legalActionId_fkey" FOREIGN KEY ("legalActionId") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Actor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Actor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceCitation" ADD CONSTRAINT "SourceCitation_citingSourceId_fkey" FOREIGN KEY ("citingSourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceCitation" ADD CONSTRAINT "SourceCitation_citedSourceId_fkey" FOREIGN KEY ("citedSourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_affiliationId_fkey" FOREIGN KEY ("affiliationId") REFERENCES "Affiliation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_legalActionId_fkey" FOREIGN KEY ("legalActionId") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_legalClaimId_fkey" FOREIGN KEY ("legalClaimId") REFERENCES "LegalClaim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_statusChangeId_fkey" FOREIGN KEY ("statusChangeId") REFERENCES "LegalActionStatusChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_QuoteSubject" ADD CONSTRAINT "_QuoteSubject_A_fkey" FOREIGN KEY ("A") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_QuoteSubject" ADD CONSTRAINT "_QuoteSubject_B_fkey" FOREIGN KEY ("B") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ActorToConflict" ADD CONSTRAINT "_ActorToConflict_A_fkey" FOREIGN KEY ("A") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ActorToConflict" ADD CONSTRAINT "_ActorToConflict_B_fkey" FOREIGN KEY ("B") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_EventToLegalAction" ADD CONSTRAINT "_EventToLegalAction_A_fkey" FOREIGN KEY ("A") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_EventToLegalAction" ADD CONSTRAINT "_EventToLegalAction_B_fkey" FOREIGN KEY ("B") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ConflictToEvent" ADD CONSTRAINT "_ConflictToEvent_A_fkey" FOREIGN KEY ("A") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ConflictToEvent" ADD CONSTRAINT "_ConflictToEvent_B_fkey" FOREIGN KEY ("B") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ConflictToQuote" ADD CONSTRAINT "_ConflictToQuote_A_fkey" FOREIGN KEY ("A") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ConflictToQuote" ADD CONSTRAINT "_ConflictToQuote_B_fkey" FOREIGN KEY ("B") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ConflictToLegalAction" ADD CONSTRAINT "_ConflictToLegalAction_A_fkey" FOREIGN KEY ("A") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ConflictToLegalAction" ADD CONSTRAINT "_ConflictToLegalAction_B_fkey" FOREIGN KEY ("B") REFERENCES "LegalAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
