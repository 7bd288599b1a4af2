CREATE TABLE "phase_contribution_counts" (
	"phase_id" integer NOT NULL,
	"shard" smallint NOT NULL,
	"visible" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "phase_contribution_counts_phase_id_shard_pk" PRIMARY KEY("phase_id","shard")
);
--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "random_key" double precision DEFAULT random() NOT NULL;--> statement-breakpoint
ALTER TABLE "phase_contribution_counts" ADD CONSTRAINT "phase_contribution_counts_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contributions_phase_random_idx" ON "contributions" USING btree ("phase_id","random_key");--> statement-breakpoint
-- Each writer adds to its own row of a phase's count (by backend pid): concurrent writers never wait on one counter.
-- Deletions cascading from a deleted phase find no phase left and count nothing: its count rows go with it.
CREATE FUNCTION "phase_counts_add"("deltas" jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "phase_contribution_counts" AS k ("phase_id", "shard", "visible")
  SELECT (d->>'phase')::int, pg_backend_pid() % 16, (d->>'n')::int
  FROM jsonb_array_elements("deltas") d
  WHERE (d->>'n')::int <> 0 AND EXISTS (SELECT 1 FROM "phases" p WHERE p."id" = (d->>'phase')::int)
  ON CONFLICT ("phase_id", "shard") DO UPDATE SET "visible" = k."visible" + excluded."visible"
$$;
--> statement-breakpoint
CREATE FUNCTION "phase_counts_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "phase_counts_add"(coalesce((SELECT jsonb_agg(jsonb_build_object('phase', "phase_id", 'n', n)) FROM (
    SELECT "phase_id", count(*) AS n FROM "new_rows" WHERE "state" = 'published' AND "merged_into_id" IS NULL GROUP BY "phase_id") g), '[]'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "phase_counts_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "phase_counts_add"(coalesce((SELECT jsonb_agg(jsonb_build_object('phase', "phase_id", 'n', -n)) FROM (
    SELECT "phase_id", count(*) AS n FROM "old_rows" WHERE "state" = 'published' AND "merged_into_id" IS NULL GROUP BY "phase_id") g), '[]'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "phase_counts_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "phase_counts_add"(jsonb_build_array(
    jsonb_build_object('phase', OLD."phase_id", 'n', CASE WHEN OLD."state" = 'published' AND OLD."merged_into_id" IS NULL THEN -1 ELSE 0 END),
    jsonb_build_object('phase', NEW."phase_id", 'n', CASE WHEN NEW."state" = 'published' AND NEW."merged_into_id" IS NULL THEN 1 ELSE 0 END)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "contributions_count_insert" AFTER INSERT ON "contributions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "phase_counts_on_insert"();
--> statement-breakpoint
CREATE TRIGGER "contributions_count_delete" AFTER DELETE ON "contributions" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "phase_counts_on_delete"();
--> statement-breakpoint
-- Row by row, and only when visibility or phase changes: the vote and comment counters' updates never call it.
CREATE TRIGGER "contributions_count_update" AFTER UPDATE OF "state", "merged_into_id", "phase_id" ON "contributions" FOR EACH ROW
  WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."merged_into_id" IS DISTINCT FROM NEW."merged_into_id" OR OLD."phase_id" IS DISTINCT FROM NEW."phase_id")
  EXECUTE FUNCTION "phase_counts_on_update"();
--> statement-breakpoint
INSERT INTO "phase_contribution_counts" ("phase_id", "shard", "visible")
SELECT "phase_id", 0, count(*) FROM "contributions" WHERE "state" = 'published' AND "merged_into_id" IS NULL GROUP BY "phase_id";
