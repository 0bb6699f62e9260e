-- Rules of the data model that Prisma's schema language cannot express. The constraint names are
-- part of the API: error mapping shows them to clients, so rename them only together with it.

-- Partial dates: `<name>` holds the first day of the period the source gives, `<name>Precision` its
-- length. A date and its precision come together, a MONTH is stored as its 1st day and a YEAR as
-- January 1st (so a month is never mistaken for a day), and the source's wording only accompanies
-- a date. EXTRACT on a DATE does not depend on the session time zone, unlike date_trunc.

ALTER TABLE "Event"
  ADD CONSTRAINT "Event_date_precision_check" CHECK (
    ("date" IS NULL) = ("datePrecision" IS NULL)
    AND ("datePrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "date") = 1)
    AND ("datePrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "date") = 1 AND EXTRACT(DAY FROM "date") = 1))
  ),
  ADD CONSTRAINT "Event_dateStated_check" CHECK ("dateStated" IS NULL OR "date" IS NOT NULL);

ALTER TABLE "Quote"
  ADD CONSTRAINT "Quote_date_precision_check" CHECK (
    ("date" IS NULL) = ("datePrecision" IS NULL)
    AND ("datePrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "date") = 1)
    AND ("datePrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "date") = 1 AND EXTRACT(DAY FROM "date") = 1))
  ),
  ADD CONSTRAINT "Quote_dateStated_check" CHECK ("dateStated" IS NULL OR "date" IS NOT NULL);

ALTER TABLE "LegalActionStatusChange"
  ADD CONSTRAINT "LegalActionStatusChange_date_precision_check" CHECK (
    ("date" IS NULL) = ("datePrecision" IS NULL)
    AND ("datePrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "date") = 1)
    AND ("datePrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "date") = 1 AND EXTRACT(DAY FROM "date") = 1))
  ),
  ADD CONSTRAINT "LegalActionStatusChange_dateStated_check" CHECK ("dateStated" IS NULL OR "date" IS NOT NULL);

ALTER TABLE "LegalAction"
  ADD CONSTRAINT "LegalAction_filedOn_precision_check" CHECK (
    ("filedOn" IS NULL) = ("filedOnPrecision" IS NULL)
    AND ("filedOnPrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "filedOn") = 1)
    AND ("filedOnPrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "filedOn") = 1 AND EXTRACT(DAY FROM "filedOn") = 1))
  ),
  ADD CONSTRAINT "LegalAction_filedOnStated_check" CHECK ("filedOnStated" IS NULL OR "filedOn" IS NOT NULL);

ALTER TABLE "Affiliation"
  ADD CONSTRAINT "Affiliation_startedOn_precision_check" CHECK (
    ("startedOn" IS NULL) = ("startedOnPrecision" IS NULL)
    AND ("startedOnPrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "startedOn") = 1)
    AND ("startedOnPrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "startedOn") = 1 AND EXTRACT(DAY FROM "startedOn") = 1))
  ),
  ADD CONSTRAINT "Affiliation_startedOnStated_check" CHECK ("startedOnStated" IS NULL OR "startedOn" IS NOT NULL);

ALTER TABLE "Affiliation"
  ADD CONSTRAINT "Affiliation_endedOn_precision_check" CHECK (
    ("endedOn" IS NULL) = ("endedOnPrecision" IS NULL)
    AND ("endedOnPrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "endedOn") = 1)
    AND ("endedOnPrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "endedOn") = 1 AND EXTRACT(DAY FROM "endedOn") = 1))
  ),
  ADD CONSTRAINT "Affiliation_endedOnStated_check" CHECK ("endedOnStated" IS NULL OR "endedOn" IS NOT NULL);

ALTER TABLE "Source"
  ADD CONSTRAINT "Source_publishedOn_precision_check" CHECK (
    ("publishedOn" IS NULL) = ("publishedOnPrecision" IS NULL)
    AND ("publishedOnPrecision" IS DISTINCT FROM 'MONTH' OR EXTRACT(DAY FROM "publishedOn") = 1)
    AND ("publishedOnPrecision" IS DISTINCT FROM 'YEAR' OR (EXTRACT(MONTH FROM "publishedOn") = 1 AND EXTRACT(DAY FROM "publishedOn") = 1))
  ),
  ADD CONSTRAINT "Source_publishedOnStated_check" CHECK ("publishedOnStated" IS NULL OR "publishedOn" IS NOT NULL);

-- Person and Organization share the Actor table. Only organisations have a kind, and they must.
ALTER TABLE "Actor"
  ADD CONSTRAINT "Actor_organizationKind_check" CHECK (("organizationKind" IS NOT NULL) = ("type" = 'ORGANIZATION'));

-- A citation supports exactly one fact: an exclusive arc over real foreign keys.
ALTER TABLE "Citation"
  ADD CONSTRAINT "Citation_exactly_one_fact" CHECK (
    num_nonnulls("actorId", "affiliationId", "eventId", "quoteId", "legalActionId", "legalClaimId", "statusChangeId") = 1
  );

-- A source cannot rely on itself.
ALTER TABLE "SourceCitation"
  ADD CONSTRAINT "SourceCitation_distinct_sources_check" CHECK ("citingSourceId" <> "citedSourceId");

-- An affiliation cannot end before it started. The end is compared by the last day of its period:
-- started 2020-03-15, ended "2020" (stored as 2020-01-01, YEAR) is consistent.
ALTER TABLE "Affiliation"
  ADD CONSTRAINT "Affiliation_ended_after_started_check" CHECK (
    "startedOn" IS NULL OR "endedOn" IS NULL
    OR "endedOn" + CASE "endedOnPrecision" WHEN 'YEAR' THEN INTERVAL '1 year' WHEN 'MONTH' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END
      > "startedOn"
  );
