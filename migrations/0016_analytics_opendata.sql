CREATE TABLE "analytics_changes" (
	"phase_id" integer PRIMARY KEY NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_phase_settings" (
	"phase_id" integer PRIMARY KEY NOT NULL,
	"private_until_synthesis" boolean DEFAULT false NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_snapshots" (
	"scope" text PRIMARY KEY NOT NULL,
	"consultation_id" integer,
	"phase_id" integer,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_results" (
	"phase_id" integer PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_assignments" (
	"contribution_id" integer PRIMARY KEY NOT NULL,
	"phase_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"similarity" real DEFAULT 0 NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"phase_id" integer NOT NULL,
	"position" integer NOT NULL,
	"terms" text[] NOT NULL,
	"label" text,
	"centroid" jsonb NOT NULL,
	"size" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_runs" (
	"phase_id" integer PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"through_id" integer DEFAULT 0 NOT NULL,
	"documents" integer DEFAULT 0 NOT NULL,
	"requested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "opendata_archives" (
	"scope" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"building" integer,
	"progress" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"built_at" timestamp with time zone,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"sha256" text,
	"rows" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "opendata_chunks" (
	"scope" text NOT NULL,
	"generation" integer NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "opendata_chunks_scope_generation_seq_pk" PRIMARY KEY("scope","generation","seq")
);
--> statement-breakpoint
ALTER TABLE "analytics_changes" ADD CONSTRAINT "analytics_changes_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_phase_settings" ADD CONSTRAINT "analytics_phase_settings_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_phase_settings" ADD CONSTRAINT "analytics_phase_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_snapshots" ADD CONSTRAINT "analytics_snapshots_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_snapshots" ADD CONSTRAINT "analytics_snapshots_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_results" ADD CONSTRAINT "opinion_results_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_assignments" ADD CONSTRAINT "topic_assignments_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_assignments" ADD CONSTRAINT "topic_assignments_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_assignments" ADD CONSTRAINT "topic_assignments_group_id_topic_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."topic_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_groups" ADD CONSTRAINT "topic_groups_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_runs" ADD CONSTRAINT "topic_runs_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_snapshots_consultation_idx" ON "analytics_snapshots" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "analytics_snapshots_computed_idx" ON "analytics_snapshots" USING btree ("computed_at");--> statement-breakpoint
CREATE INDEX "topic_assignments_group_idx" ON "topic_assignments" USING btree ("group_id","similarity" DESC NULLS LAST,"contribution_id");--> statement-breakpoint
CREATE INDEX "topic_assignments_phase_idx" ON "topic_assignments" USING btree ("phase_id");--> statement-breakpoint
CREATE INDEX "topic_groups_phase_idx" ON "topic_groups" USING btree ("phase_id","position");--> statement-breakpoint
-- Which phases changed since the analytics job read them. Statement triggers, so a bulk write adds one row per phase;
-- `on conflict do nothing` takes no lock on an existing row, so concurrent votes never queue on it. Votes, arguments
-- and comments all move a contribution's kept counts (an update of contributions), so these three cover them too.
CREATE FUNCTION "analytics_mark_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_changes" ("phase_id") SELECT DISTINCT "phase_id" FROM "new_rows" ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "analytics_mark_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_changes" ("phase_id") SELECT DISTINCT o."phase_id" FROM "old_rows" o WHERE EXISTS (SELECT 1 FROM "phases" p WHERE p."id" = o."phase_id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "contributions_analytics_insert" AFTER INSERT ON "contributions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "analytics_mark_new"();
--> statement-breakpoint
CREATE TRIGGER "contributions_analytics_update" AFTER UPDATE ON "contributions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "analytics_mark_new"();
--> statement-breakpoint
CREATE TRIGGER "contributions_analytics_delete" AFTER DELETE ON "contributions" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "analytics_mark_old"();
--> statement-breakpoint
-- The open-data export of a consultation reads its contributions in id order, a batch at a time.
CREATE INDEX IF NOT EXISTS "contributions_consultation_id_idx" ON "contributions" USING btree ("consultation_id", "id");
--> statement-breakpoint
-- A dump leaves out tables whose rows are computed again from the others (src/platform/db/backup.ts).
COMMENT ON TABLE "analytics_changes" IS 'derived: kept by triggers on contributions';
--> statement-breakpoint
COMMENT ON TABLE "analytics_snapshots" IS 'derived: computed by the analytics job';
--> statement-breakpoint
COMMENT ON TABLE "opinion_results" IS 'derived: computed by the analytics job';
--> statement-breakpoint
COMMENT ON TABLE "opendata_archives" IS 'derived: built by the open-data job';
--> statement-breakpoint
COMMENT ON TABLE "opendata_chunks" IS 'derived: built by the open-data job';
