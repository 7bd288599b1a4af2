-- Votes counted in a narrow table of their own. A vote used to update its contribution's row, and as the supported
-- order's index held agree_count, every such update was a new row version with an entry in each of the table's 13
-- indexes (the French search and trigram GIN among them): 0.1–0.5 ms a vote at 2 million contributions, most of
-- what held votes under 2,000 a second. A tally row is a few integers with two indexes; a mixed or disagree vote
-- changes no indexed column and, with the room fillfactor leaves, is a HOT update. The tally mirrors its
-- contribution's phase and visibility (kept by the triggers below) so that the supported order walks its index alone.
CREATE TABLE "contribution_tallies" (
	"contribution_id" integer PRIMARY KEY NOT NULL,
	"phase_id" integer NOT NULL,
	"visible" boolean NOT NULL,
	"agree" integer DEFAULT 0 NOT NULL,
	"mixed" integer DEFAULT 0 NOT NULL,
	"disagree" integer DEFAULT 0 NOT NULL
) WITH (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE "contribution_tallies" ADD CONSTRAINT "contribution_tallies_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
INSERT INTO "contribution_tallies" ("contribution_id", "phase_id", "visible", "agree", "mixed", "disagree")
SELECT "id", "phase_id", "state" = 'published' AND "merged_into_id" IS NULL, "agree_count", "mixed_count", "disagree_count" FROM "contributions";
--> statement-breakpoint
CREATE INDEX "contribution_tallies_supported_idx" ON "contribution_tallies" USING btree ("phase_id","agree" DESC NULLS LAST,"contribution_id" DESC NULLS LAST) WHERE "contribution_tallies"."visible";
--> statement-breakpoint
DROP INDEX IF EXISTS "contributions_phase_supported_idx";
--> statement-breakpoint
ALTER TABLE "contributions" DROP COLUMN "agree_count";
--> statement-breakpoint
ALTER TABLE "contributions" DROP COLUMN "mixed_count";
--> statement-breakpoint
ALTER TABLE "contributions" DROP COLUMN "disagree_count";
--> statement-breakpoint
CREATE FUNCTION "tallies_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "contribution_tallies" ("contribution_id", "phase_id", "visible")
  SELECT "id", "phase_id", "state" = 'published' AND "merged_into_id" IS NULL FROM "new_rows";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "contributions_tallies_insert" AFTER INSERT ON "contributions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tallies_on_insert"();
--> statement-breakpoint
CREATE FUNCTION "tallies_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "contribution_tallies" SET "phase_id" = NEW."phase_id", "visible" = (NEW."state" = 'published' AND NEW."merged_into_id" IS NULL)
  WHERE "contribution_id" = NEW."id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "contributions_tallies_update" AFTER UPDATE OF "state", "merged_into_id", "phase_id" ON "contributions" FOR EACH ROW
  WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."merged_into_id" IS DISTINCT FROM NEW."merged_into_id" OR OLD."phase_id" IS DISTINCT FROM NEW."phase_id")
  EXECUTE FUNCTION "tallies_on_update"();
--> statement-breakpoint
DROP FUNCTION IF EXISTS "cast_vote"(integer, integer, text, timestamptz);
--> statement-breakpoint
-- As migration 0019's, the count now kept in the tally: the contribution's row is still locked first (its state is
-- what a vote checks, and a merge or a hiding takes the same lock), but no longer written.
CREATE OR REPLACE FUNCTION "cast_votes"("p_contributions" integer[], "p_voters" integer[], "p_choices" text[], "p_at" timestamptz[])
RETURNS TABLE ("ord" integer, "outcome" text, "agree" integer, "mixed" integer, "disagree" integer) LANGUAGE plpgsql AS $$
DECLARE
  ballot record;
  target record;
  previous text;
BEGIN
  FOR ballot IN
    SELECT b.c, b.u, b.choice, b.at, b.i::integer AS i
    FROM unnest(p_contributions, p_voters, p_choices, p_at) WITH ORDINALITY AS b(c, u, choice, at, i)
    ORDER BY b.c, b.i
  LOOP
    SELECT c."state", c."merged_into_id", p."starts_at", p."ends_at" INTO target
    FROM "contributions" c JOIN "phases" p ON p."id" = c."phase_id"
    WHERE c."id" = ballot.c
    FOR NO KEY UPDATE OF c;
    ord := ballot.i;
    agree := NULL; mixed := NULL; disagree := NULL;
    IF NOT FOUND THEN
      outcome := 'missing';
    ELSIF target."merged_into_id" IS NOT NULL THEN
      outcome := 'merged';
    ELSIF target."state" <> 'published' THEN
      outcome := 'missing';
    ELSIF NOT (ballot.at >= target."starts_at" AND ballot.at < target."ends_at") THEN
      outcome := 'closed';
    ELSE
      outcome := 'ok';
      SELECT v."value" INTO previous FROM "votes" v WHERE v."contribution_id" = ballot.c AND v."user_id" = ballot.u;
      IF ballot.choice = 'none' THEN
        DELETE FROM "votes" WHERE "contribution_id" = ballot.c AND "user_id" = ballot.u;
      ELSE
        INSERT INTO "votes" ("contribution_id", "user_id", "value", "updated_at") VALUES (ballot.c, ballot.u, ballot.choice, ballot.at)
        ON CONFLICT ("contribution_id", "user_id") DO UPDATE SET "value" = excluded."value", "updated_at" = excluded."updated_at";
      END IF;
      UPDATE "contribution_tallies" t SET
        "agree" = t."agree" + (ballot.choice = 'agree')::int - coalesce(previous = 'agree', false)::int,
        "mixed" = t."mixed" + (ballot.choice = 'mixed')::int - coalesce(previous = 'mixed', false)::int,
        "disagree" = t."disagree" + (ballot.choice = 'disagree')::int - coalesce(previous = 'disagree', false)::int
      WHERE t."contribution_id" = ballot.c
      RETURNING t."agree", t."mixed", t."disagree" INTO agree, mixed, disagree;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;
