-- A phase's list walks one of these indexes to its page. Past the first pages, most of that walk is offset: with
-- only the visible contributions in the index, the offset is counted in the index alone (an index-only scan) and
-- just the page's rows are read from the table; before, each skipped row was read from the table to test its state
-- (page 500 of a phase of 900,000 contributions: 1.6 s on a cold cache). Every query these served filters on the
-- same visibility. contributions_phase_idx stays for the queries over every state (is a phase empty, its last id).
DROP INDEX IF EXISTS "contributions_phase_supported_idx";--> statement-breakpoint
CREATE INDEX "contributions_phase_supported_idx" ON "contributions" USING btree ("phase_id","agree_count" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "contributions"."state" = 'published' and "contributions"."merged_into_id" is null;--> statement-breakpoint
DROP INDEX IF EXISTS "contributions_phase_debated_idx";--> statement-breakpoint
CREATE INDEX "contributions_phase_debated_idx" ON "contributions" USING btree ("phase_id","debate_count" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "contributions"."state" = 'published' and "contributions"."merged_into_id" is null;--> statement-breakpoint
DROP INDEX IF EXISTS "contributions_phase_random_idx";--> statement-breakpoint
CREATE INDEX "contributions_phase_random_idx" ON "contributions" USING btree ("phase_id","random_key","id") WHERE "contributions"."state" = 'published' and "contributions"."merged_into_id" is null;--> statement-breakpoint
-- The newest first, which also serves what this index served alone: a phase's visible count.
DROP INDEX IF EXISTS "contributions_phase_visible_idx";--> statement-breakpoint
CREATE INDEX "contributions_phase_visible_idx" ON "contributions" USING btree ("phase_id","created_at" DESC,"id" DESC) WHERE "contributions"."state" = 'published' and "contributions"."merged_into_id" is null;
