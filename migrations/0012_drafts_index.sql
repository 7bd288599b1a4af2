CREATE INDEX "contributions_drafts_idx" ON "contributions" USING btree ("author_id","phase_id") WHERE "contributions"."state" = 'draft';--> statement-breakpoint
-- A dump leaves out tables whose rows triggers rebuild (src/platform/db/backup.ts): restoring them would count twice.
COMMENT ON TABLE "phase_contribution_counts" IS 'derived: kept by triggers on contributions';
