ALTER TABLE "contributions" ADD COLUMN "agree_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "mixed_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "disagree_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "debate_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "contributions_phase_supported_idx" ON "contributions" USING btree ("phase_id","agree_count" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contributions_phase_debated_idx" ON "contributions" USING btree ("phase_id","debate_count" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
UPDATE "contributions" c SET
  "agree_count" = (SELECT count(*) FROM "votes" v WHERE v."contribution_id" = c."id" AND v."value" = 'agree'),
  "mixed_count" = (SELECT count(*) FROM "votes" v WHERE v."contribution_id" = c."id" AND v."value" = 'mixed'),
  "disagree_count" = (SELECT count(*) FROM "votes" v WHERE v."contribution_id" = c."id" AND v."value" = 'disagree'),
  "debate_count" = (SELECT count(*) FROM "contribution_arguments" a WHERE a."contribution_id" = c."id")
    + (SELECT count(*) FROM "comments" m WHERE m."contribution_id" = c."id" AND m."deleted_at" IS NULL);
