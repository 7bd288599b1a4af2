-- One vote in one round trip: the contribution's row is locked first, so every change of its votes happens one after
-- the other, and each statement below (a new snapshot each, in a volatile function) sees the ones committed before:
-- the previous vote read here is the true one, and the counts move by exactly what changed.
CREATE FUNCTION "cast_vote"("p_contribution" integer, "p_voter" integer, "p_choice" text, "p_at" timestamptz)
RETURNS TABLE ("agree" integer, "mixed" integer, "disagree" integer) LANGUAGE plpgsql AS $$
DECLARE
  previous text;
BEGIN
  PERFORM 1 FROM "contributions" WHERE "id" = p_contribution FOR UPDATE;
  SELECT "value" INTO previous FROM "votes" WHERE "contribution_id" = p_contribution AND "user_id" = p_voter;
  IF p_choice = 'none' THEN
    DELETE FROM "votes" WHERE "contribution_id" = p_contribution AND "user_id" = p_voter;
  ELSE
    INSERT INTO "votes" ("contribution_id", "user_id", "value", "updated_at") VALUES (p_contribution, p_voter, p_choice, p_at)
    ON CONFLICT ("contribution_id", "user_id") DO UPDATE SET "value" = excluded."value", "updated_at" = excluded."updated_at";
  END IF;
  RETURN QUERY UPDATE "contributions" SET
    "agree_count" = "agree_count" + (p_choice = 'agree')::int - coalesce(previous = 'agree', false)::int,
    "mixed_count" = "mixed_count" + (p_choice = 'mixed')::int - coalesce(previous = 'mixed', false)::int,
    "disagree_count" = "disagree_count" + (p_choice = 'disagree')::int - coalesce(previous = 'disagree', false)::int
  WHERE "id" = p_contribution
  RETURNING "agree_count", "mixed_count", "disagree_count";
END $$;
