-- A GIN index takes new entries into a pending list, merged into the index when the list passes
-- gin_pending_list_limit (4 MB by default) — by the writer that passes it, or by autovacuum. On contributions that
-- merge took 2.4 s inside one batch of new contributions (the p99 of 50 writing clients reached 1.3 s), and every
-- search scans the list until it is merged (30 → 53 ms for "pistes cyclables" with 2.4 MB pending). At 256 kB a merge
-- costs ~50 ms and a search scans little; turning the list off doubled the cost of each insert instead.
ALTER INDEX "contributions_search_idx" SET (gin_pending_list_limit = 256);
--> statement-breakpoint
ALTER INDEX "contributions_title_trgm_idx" SET (gin_pending_list_limit = 256);
--> statement-breakpoint
-- The home page counts the workshops not called off, and the agenda the events not over: read from this index alone
-- instead of every page of a table of wide rows (10,000 events: 31 → 1 ms).
CREATE INDEX "events_ends_idx" ON "events" USING btree ("ends_at","cancelled_at");
