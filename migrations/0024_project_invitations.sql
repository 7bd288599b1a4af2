-- An invitation says who made it and when: the owner team sees it on the project, and a revoked one can be told
-- from one never made. Invitations made before this migration have no author and the migration's time.
ALTER TABLE "project_invitations" ADD COLUMN "invited_by" integer;--> statement-breakpoint
ALTER TABLE "project_invitations" ADD COLUMN "invited_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
