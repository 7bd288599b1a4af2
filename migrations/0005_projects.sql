CREATE TABLE "project_alerts" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"territories" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"response_id" integer,
	"file_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"label" text NOT NULL,
	"weight" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "project_criteria_weight_check" CHECK ("project_criteria"."weight" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "project_evaluation_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"response_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_faq" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"question_id" integer,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_invitations" (
	"project_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	CONSTRAINT "project_invitations_project_id_organization_id_pk" PRIMARY KEY("project_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "project_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"response_id" integer NOT NULL,
	"author_id" integer,
	"from_owner" boolean NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"asker_id" integer,
	"asker_organization_id" integer,
	"body" text NOT NULL,
	"visibility" text NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"author_id" integer,
	"summary" text NOT NULL,
	"approach" text NOT NULL,
	"references" text DEFAULT '' NOT NULL,
	"maturity" integer NOT NULL,
	"price_min" integer,
	"price_max" integer,
	"team" text DEFAULT '' NOT NULL,
	"confidentiality" text DEFAULT 'owner_only' NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"status_message" text DEFAULT '' NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_responses_maturity_check" CHECK ("project_responses"."maturity" between 1 and 9),
	CONSTRAINT "project_responses_price_check" CHECK ("project_responses"."price_min" is null or "project_responses"."price_max" is null or "project_responses"."price_min" <= "project_responses"."price_max")
);
--> statement-breakpoint
CREATE TABLE "project_scores" (
	"response_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"evaluator_id" integer NOT NULL,
	"score" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_scores_response_id_criterion_id_evaluator_id_pk" PRIMARY KEY("response_id","criterion_id","evaluator_id"),
	CONSTRAINT "project_scores_score_check" CHECK ("project_scores"."score" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"owner_organization_id" integer NOT NULL,
	"created_by" integer,
	"title" text NOT NULL,
	"context" text DEFAULT '' NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"expected" text DEFAULT '' NOT NULL,
	"territory_kind" text,
	"territory_code" text,
	"latitude" double precision,
	"longitude" double precision,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage" text NOT NULL,
	"timeline" text DEFAULT '' NOT NULL,
	"deadline" timestamp with time zone,
	"budget_min" integer,
	"budget_max" integer,
	"visibility" text DEFAULT 'public' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"alerts_sent_at" timestamp with time zone,
	"replicated_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_budget_check" CHECK ("projects"."budget_min" is null or "projects"."budget_max" is null or "projects"."budget_min" <= "projects"."budget_max"),
	CONSTRAINT "projects_point_check" CHECK (("projects"."latitude" is null) = ("projects"."longitude" is null))
);
--> statement-breakpoint
ALTER TABLE "project_alerts" ADD CONSTRAINT "project_alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_response_id_project_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."project_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_criteria" ADD CONSTRAINT "project_criteria_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluation_notes" ADD CONSTRAINT "project_evaluation_notes_response_id_project_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."project_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluation_notes" ADD CONSTRAINT "project_evaluation_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_faq" ADD CONSTRAINT "project_faq_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_faq" ADD CONSTRAINT "project_faq_question_id_project_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."project_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_messages" ADD CONSTRAINT "project_messages_response_id_project_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."project_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_messages" ADD CONSTRAINT "project_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_questions" ADD CONSTRAINT "project_questions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_questions" ADD CONSTRAINT "project_questions_asker_id_users_id_fk" FOREIGN KEY ("asker_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_questions" ADD CONSTRAINT "project_questions_asker_organization_id_organizations_id_fk" FOREIGN KEY ("asker_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_questions" ADD CONSTRAINT "project_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_responses" ADD CONSTRAINT "project_responses_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_responses" ADD CONSTRAINT "project_responses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_responses" ADD CONSTRAINT "project_responses_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_scores" ADD CONSTRAINT "project_scores_response_id_project_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."project_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_scores" ADD CONSTRAINT "project_scores_criterion_id_project_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."project_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_scores" ADD CONSTRAINT "project_scores_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_replicated_from_projects_id_fk" FOREIGN KEY ("replicated_from") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_attachments_project_idx" ON "project_attachments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_attachments_response_idx" ON "project_attachments" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "project_criteria_project_idx" ON "project_criteria" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_evaluation_notes_response_idx" ON "project_evaluation_notes" USING btree ("response_id","id");--> statement-breakpoint
CREATE INDEX "project_faq_project_idx" ON "project_faq" USING btree ("project_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_faq_question_key" ON "project_faq" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "project_invitations_org_idx" ON "project_invitations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "project_messages_response_idx" ON "project_messages" USING btree ("response_id","id");--> statement-breakpoint
CREATE INDEX "project_questions_project_idx" ON "project_questions" USING btree ("project_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_responses_org_key" ON "project_responses" USING btree ("project_id","organization_id");--> statement-breakpoint
CREATE INDEX "project_responses_org_idx" ON "project_responses" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_organization_id");--> statement-breakpoint
CREATE INDEX "projects_state_idx" ON "projects" USING btree ("state","deadline");