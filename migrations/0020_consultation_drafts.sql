-- A consultation is a draft until its organizers publish it: only they and the platform admins see it. The column's
-- default is "published now" so that rows written without it (older backups restored, fixtures) stay public as they
-- were; the service creates every new consultation with null, a draft.
ALTER TABLE "consultations" ADD COLUMN "published_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
-- The consultations that exist were public from their creation.
UPDATE "consultations" SET "published_at" = "created_at";--> statement-breakpoint
-- The drafts, few at any time: what public reads leave out (search, open data) is read from this index alone.
CREATE INDEX "consultations_drafts_idx" ON "consultations" USING btree ("id") WHERE "consultations"."published_at" is null;
