-- A phase list's filters each read from an index of their own: its count of matches up to the cap costs a walk of the
-- matches, not of the phase, and a filter that matches few rows (or none: kind=idea on a needs phase) in a phase of
-- 900,000 lists them from here instead of walking the order's index over the whole phase (1–3 s). The answered and
-- located ones hold only rows that have an answer or a territory.
CREATE INDEX "contributions_phase_kind_idx" ON "contributions" USING btree ("phase_id","kind") WHERE "contributions"."state" = 'published' and "contributions"."merged_into_id" is null;
--> statement-breakpoint
CREATE INDEX "contributions_phase_answered_idx" ON "contributions" USING btree ("phase_id","answer_status") WHERE "contributions"."state" = 'published' and "contributions"."merged_into_id" is null and "contributions"."answer_status" is not null;
--> statement-breakpoint
CREATE INDEX "contributions_phase_territory_idx" ON "contributions" USING btree ("phase_id","territory_code") WHERE "contributions"."state" = 'published' and "contributions"."merged_into_id" is null and "contributions"."territory_code" is not null;
