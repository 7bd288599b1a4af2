-- Votes cast together, in one round trip and one commit: the requests of a moment are gathered by the app
-- (consultations/vote-batch.ts) and answered once this commits. What a vote needs checked of its contribution (it
-- exists, is published, not merged, its phase open at the vote's time) is checked here, on the row locked for the
-- vote, so nothing is read before. Rows are taken in the order of their contribution, so two batches (two instances)
-- lock the contributions they share in the same order and never wait on each other in a cycle; each vote is then
-- cast as cast_vote casts one (migration 0013). `outcome`: ok, missing, merged or closed.
CREATE FUNCTION "cast_votes"("p_contributions" integer[], "p_voters" integer[], "p_choices" text[], "p_at" timestamptz[])
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
    FOR UPDATE OF c;
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
      UPDATE "contributions" SET
        "agree_count" = "agree_count" + (ballot.choice = 'agree')::int - coalesce(previous = 'agree', false)::int,
        "mixed_count" = "mixed_count" + (ballot.choice = 'mixed')::int - coalesce(previous = 'mixed', false)::int,
        "disagree_count" = "disagree_count" + (ballot.choice = 'disagree')::int - coalesce(previous = 'disagree', false)::int
      WHERE "id" = ballot.c
      RETURNING "agree_count", "mixed_count", "disagree_count" INTO agree, mixed, disagree;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;
