-- The lower bound: segmentation v1 at 2025-03-31 as ONE plain DuckDB query, written by hand with the spec's rules
-- hard-coded (conditions from strata codes, ICD-10 prefixes and hospital diagnoses; windows; CMS from the codelist).
CREATE OR REPLACE TABLE segments_plain AS
WITH records AS (
  SELECT person_id, code AS condition, recorded_on AS on_date FROM conditions WHERE code_system = 'strata'
  UNION ALL
  -- ICD-10 prefixes are 3 or 4 characters: one equi-join per length keeps these hash joins.
  SELECT c.person_id, m.condition, c.recorded_on FROM conditions c JOIN codelist_condition_icd10 m
    ON c.code_system = 'icd10' AND m.icd10_prefix = left(upper(replace(c.code, '.', '')), 3)
  UNION ALL
  SELECT c.person_id, m.condition, c.recorded_on FROM conditions c JOIN codelist_condition_icd10 m
    ON c.code_system = 'icd10' AND m.icd10_prefix = left(upper(replace(c.code, '.', '')), 4)
  UNION ALL
  SELECT a.person_id, m.condition, a.start_date FROM activity a JOIN codelist_condition_icd10 m
    ON m.icd10_prefix = left(upper(replace(a.primary_diagnosis, '.', '')), 3)
  UNION ALL
  SELECT a.person_id, m.condition, a.start_date FROM activity a JOIN codelist_condition_icd10 m
    ON m.icd10_prefix = left(upper(replace(a.primary_diagnosis, '.', '')), 4)
),
pc AS (
  SELECT DISTINCT r.person_id, r.condition, c.long_term_condition, c.cms_general, c.cms_mortality
  FROM records r JOIN codelist_conditions c USING (condition)
  WHERE r.on_date <= DATE '2025-03-31'
    AND (c.window_months IS NULL OR r.on_date > DATE '2025-03-31' - to_months(c.window_months))
),
cond AS (
  SELECT person_id, list(condition ORDER BY condition) AS conds,
         count(*) FILTER (WHERE long_term_condition) AS ltc_count,
         round(sum(coalesce(cms_general, 0)), 2) AS cms_general, round(sum(coalesce(cms_mortality, 0)), 2) AS cms_mortality
  FROM pc GROUP BY person_id
),
act AS (
  SELECT person_id,
    count(*) FILTER (WHERE setting = 'emergency_admission' AND start_date > DATE '2024-03-31') AS emergency,
    count(*) FILTER (WHERE setting = 'emergency_admission' AND start_date > DATE '2024-03-31'
                     AND left(replace(primary_diagnosis, '.', ''), 3) BETWEEN 'J40' AND 'J47') AS respiratory,
    bool_or(setting IN ('emergency_admission', 'ae_attendance') AND start_date > DATE '2024-03-31') AS acute,
    bool_or((setting = 'maternity' OR primary_diagnosis LIKE 'O%') AND start_date > DATE '2025-03-31' - 308) AS maternity
  FROM activity WHERE start_date <= DATE '2025-03-31' AND start_date > DATE '2024-03-31' - 0
  GROUP BY person_id
),
p AS (
  SELECT p.person_id, p.sex, p.imd_decile, p.practice_code, pr.neighbourhood_code, pr.place_code,
         greatest(0, 2024 - p.year_of_birth) AS age,
         coalesce(c.conds, []) AS conds, coalesce(c.ltc_count, 0) AS ltc_count,
         coalesce(c.cms_general, 0) AS cms_general, coalesce(c.cms_mortality, 0) AS cms_mortality,
         coalesce(a.emergency, 0) AS emergency, coalesce(a.respiratory, 0) AS respiratory,
         coalesce(a.acute, false) AS acute, coalesce(a.maternity, false) AS maternity
  FROM people p JOIN practices pr USING (practice_code)
  LEFT JOIN cond c USING (person_id) LEFT JOIN act a USING (person_id)
  WHERE (p.death_date IS NULL OR p.death_date >= DATE '2025-03-31') AND p.year_of_birth <= 2025
)
SELECT person_id,
  CASE WHEN list_contains(conds, 'palliative_care') THEN 'end_of_life'
       WHEN list_contains(conds, 'dementia') OR list_contains(conds, 'frailty_severe')
            OR (age >= 65 AND list_contains(conds, 'frailty_moderate')) THEN 'frailty_dementia'
       WHEN list_has_any(conds, ['heart_failure', 'end_stage_renal', 'liver_failure'])
            OR (list_contains(conds, 'ckd') AND emergency >= 4) OR (list_contains(conds, 'copd') AND respiratory >= 1) THEN 'organ_failure'
       WHEN list_contains(conds, 'cancer_incurable') THEN 'incurable_cancer'
       WHEN list_has_any(conds, ['learning_disability', 'physical_disability']) THEN 'disability'
       WHEN ltc_count >= 4 THEN 'ltc_complex' WHEN ltc_count >= 2 THEN 'ltc_multiple' WHEN ltc_count = 1 THEN 'ltc_single'
       WHEN maternity OR age < 1 THEN 'maternal_infant'
       WHEN acute THEN 'acutely_ill'
       ELSE 'healthy' END AS segment,
  array_to_string(conds, ';') AS subsegments, ltc_count, cms_general, cms_mortality, age, sex, imd_decile,
  practice_code, neighbourhood_code, place_code
FROM p;
SELECT segment, count(*) FROM segments_plain GROUP BY segment ORDER BY segment;
