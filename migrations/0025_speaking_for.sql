-- The organization a person speaks for by default, kept on the membership itself: leaving the organization takes the
-- choice with it, and at most one membership of a person carries it (none: they speak for themselves).
ALTER TABLE "memberships" ADD COLUMN "speaks_for" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_speaks_for_key" ON "memberships" USING btree ("user_id") WHERE "speaks_for";
--> statement-breakpoint
-- Input entered after a workshop was stored as spoken for by the animating organization: the room spoke, not it
-- (the workshop, and through it its animators, is the contribution's origin).
UPDATE "contributions" SET "organization_id" = NULL WHERE "id" IN (SELECT "contribution_id" FROM "event_contributions");
