-- Site-wide search reads every public text of organizations, projects and events, and the words they are found by
-- without writing them (search_terms: the territory's name from the COG, the domains' names, written by the app).
-- Stored vectors, weighted so a name or title counts more than a description, and more than a territory or domain.
ALTER TABLE "organizations" ADD COLUMN "search_terms" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('french', immutable_unaccent("name")), 'A') || setweight(to_tsvector('french', immutable_unaccent(coalesce("legal_name", '') || ' ' || coalesce("siret", '') || ' ' || "description")), 'B') || setweight(to_tsvector('french', immutable_unaccent("search_terms")), 'C')) STORED;
--> statement-breakpoint
DROP INDEX IF EXISTS "organizations_search_idx";
--> statement-breakpoint
CREATE INDEX "organizations_search_idx" ON "organizations" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "search_terms" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('french', immutable_unaccent("title")), 'A') || setweight(to_tsvector('french', immutable_unaccent("context" || ' ' || "problem" || ' ' || "expected" || ' ' || "timeline")), 'B') || setweight(to_tsvector('french', immutable_unaccent("search_terms")), 'C')) STORED;
--> statement-breakpoint
DROP INDEX IF EXISTS "projects_search_idx";
--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "search_terms" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('french', immutable_unaccent("title")), 'A') || setweight(to_tsvector('french', immutable_unaccent("description" || ' ' || coalesce("venue", ''))), 'B') || setweight(to_tsvector('french', immutable_unaccent("search_terms")), 'C')) STORED;
--> statement-breakpoint
DROP INDEX IF EXISTS "events_search_idx";
--> statement-breakpoint
CREATE INDEX "events_search_idx" ON "events" USING gin ("search");
