-- French without accents, word by word: what search excerpts need to find "expérimentation" when someone typed
-- "experimentation", while showing the text as written (unaccent is a filtering dictionary before the stemmer).
CREATE TEXT SEARCH CONFIGURATION parvis_french (COPY = pg_catalog.french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION parvis_french ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;
