-- Every insert of a contribution maintains each of its indexes; this one is the first column of
-- contributions_consultation_id_idx (consultation_id, id), which serves every query it served.
DROP INDEX IF EXISTS "contributions_consultation_idx";
