CREATE TABLE "contribution_coauthors" (
	"contribution_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "contribution_coauthors_contribution_id_user_id_pk" PRIMARY KEY("contribution_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "contribution_links" (
	"from_id" integer NOT NULL,
	"to_id" integer NOT NULL,
	CONSTRAINT "contribution_links_from_id_to_id_pk" PRIMARY KEY("from_id","to_id"),
	CONSTRAINT "contribution_links_not_self" CHECK ("contribution_links"."from_id" <> "contribution_links"."to_id")
);
--> statement-breakpoint
CREATE TABLE "syntheses" (
	"id" serial PRIMARY KEY NOT NULL,
	"phase_id" integer NOT NULL,
	"body" text NOT NULL,
	"author_id" integer,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "syntheses_phase_id_unique" UNIQUE("phase_id")
);
--> statement-breakpoint
CREATE TABLE "synthesis_citations" (
	"synthesis_id" integer NOT NULL,
	"contribution_id" integer NOT NULL,
	CONSTRAINT "synthesis_citations_synthesis_id_contribution_id_pk" PRIMARY KEY("synthesis_id","contribution_id")
);
--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "state" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "answer" text;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "answer_status" text;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "answered_by" integer;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('french', immutable_unaccent(coalesce(title, '') || ' ' || coalesce(body, '')))) STORED;--> statement-breakpoint
ALTER TABLE "contribution_coauthors" ADD CONSTRAINT "contribution_coauthors_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_coauthors" ADD CONSTRAINT "contribution_coauthors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_links" ADD CONSTRAINT "contribution_links_from_id_contributions_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."contributions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_links" ADD CONSTRAINT "contribution_links_to_id_contributions_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."contributions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syntheses" ADD CONSTRAINT "syntheses_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syntheses" ADD CONSTRAINT "syntheses_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_citations" ADD CONSTRAINT "synthesis_citations_synthesis_id_syntheses_id_fk" FOREIGN KEY ("synthesis_id") REFERENCES "public"."syntheses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_citations" ADD CONSTRAINT "synthesis_citations_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contribution_links_to_idx" ON "contribution_links" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "synthesis_citations_contribution_idx" ON "synthesis_citations" USING btree ("contribution_id");--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contributions_consultation_idx" ON "contributions" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "contributions_search_idx" ON "contributions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "contributions_title_trgm_idx" ON "contributions" USING gin (immutable_unaccent(lower("title")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contributions_merged_idx" ON "contributions" USING btree ("merged_into_id");