-- A tally follows its votes whoever writes them: a trigger on votes, where cast_votes counted them itself. Votes also
-- change without a ballot — an account deleted takes its votes with it (a cascade), a restore inserts them row by
-- row — and the counts must follow. So the tallies are derived like the phases' counts: a dump leaves them out, and
-- a restore rebuilds them from the contributions and votes it inserts.
CREATE FUNCTION "tallies_on_vote"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."contribution_id" = NEW."contribution_id" THEN
    IF OLD."value" IS DISTINCT FROM NEW."value" THEN
      UPDATE "contribution_tallies" SET
        "agree" = "agree" + (NEW."value" = 'agree')::int - (OLD."value" = 'agree')::int,
        "mixed" = "mixed" + (NEW."value" = 'mixed')::int - (OLD."value" = 'mixed')::int,
        "disagree" = "disagree" + (NEW."value" = 'disagree')::int - (OLD."value" = 'disagree')::int
      WHERE "contribution_id" = NEW."contribution_id";
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "contribution_tallies" SET "agree" = "agree" - (OLD."value" = 'agree')::int, "mixed" = "mixed" - (OLD."value" = 'mixed')::int,
      "disagree" = "disagree" - (OLD."value" = 'disagree')::int
    WHERE "contribution_id" = OLD."contribution_id";
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE "contribution_tallies" SET "agree" = "agree" + (NEW."value" = 'agree')::int, "mixed" = "mixed" + (NEW."value" = 'mixed')::int,
      "disagree" = "disagree" + (NEW."value" = 'disagree')::int
    WHERE "contribution_id" = NEW."contribution_id";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "votes_tally" AFTER INSERT OR DELETE OR UPDATE OF "value", "contribution_id" ON "votes" FOR EACH ROW EXECUTE FUNCTION "tallies_on_vote"();
--> statement-breakpoint
COMMENT ON TABLE "contribution_tallies" IS 'derived: kept by triggers on contributions and votes';
--> statement-breakpoint
-- As migration 0027's, the counting left to the trigger: a ballot writes its vote, then reads its contribution's tally.
CREATE OR REPLACE FUNCTION "cast_votes"("p_contributions" integer[], "p_voters" integer[], "p_choices" text[], "p_at" timestamptz[])
RETURNS TABLE ("ord" integer, "outcome" text, "agree" integer, "mixed" integer, "disagree" integer) LANGUAGE plpgsql AS $$
DECLARE
  ballot record;
  target record;
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
      IF ballot.choice = 'none' THEN
        DELETE FROM "votes" WHERE "contribution_id" = ballot.c AND "user_id" = ballot.u;
      ELSE
        INSERT INTO "votes" ("contribution_id", "user_id", "value", "updated_at") VALUES (ballot.c, ballot.u, ballot.choice, ballot.at)
        ON CONFLICT ("contribution_id", "user_id") DO UPDATE SET "value" = excluded."value", "updated_at" = excluded."updated_at";
      END IF;
      SELECT t."agree", t."mixed", t."disagree" INTO agree, mixed, disagree FROM "contribution_tallies" t WHERE t."contribution_id" = ballot.c;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;
