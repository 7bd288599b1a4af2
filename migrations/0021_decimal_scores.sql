-- Scores keep the decimals evaluators give ("4,5"): an integer column made the form cut them. Two decimals at
-- most, exact (numeric, not floating point), still between 0 and 5 by project_scores_score_check.
ALTER TABLE "project_scores" ALTER COLUMN "score" SET DATA TYPE numeric(3, 2);
