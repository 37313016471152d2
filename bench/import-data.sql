-- Synthetic format v1 files for the import benchmark (not realistic data: the generator does that).
-- bench/import.sh fills in the sizes and the folder. Every row is valid (births before 2022, deaths after the
-- last activity) apart from three bad rows at the end of people and activity, so the reject paths run too.
COPY (SELECT printf('P%05d', i) AS practice_code, 'Practice ' || i AS practice_name, printf('N%03d', i // 6) AS neighbourhood_code,
             printf('PL%d', i % 8) AS place_code, 'Place ' || (i % 8) AS place_name, 'QXX' AS icb_code
      FROM range(300) t(i)) TO 'OUT/practices.csv' (HEADER);
COPY (SELECT printf('R%03d', i) AS provider_code, 'Provider ' || i AS provider_name,
             (['acute','community','mental_health','primary_care','ambulance','social_care','vcse','independent'])[1 + i % 8] AS provider_type,
             CASE WHEN i % 5 = 0 THEN NULL ELSE printf('PL%d', i % 8) END AS place_code
      FROM range(60) t(i)) TO 'OUT/providers.csv' (HEADER);
COPY (SELECT printf('%010d', i) AS person_id, (['F','M','U'])[1 + (hash(i) % 2)::INT] AS sex, 1925 + (hash(i * 7) % 97)::INT AS year_of_birth,
             CASE WHEN hash(i * 3) % 100 = 0 THEN DATE '2025-02-01' + (hash(i) % 50)::INT END AS death_date,
             printf('P%05d', (hash(i * 11) % 300)::INT) AS practice_code, printf('E0100%04d', (hash(i * 13) % 2000)::INT) AS lsoa_code,
             1 + (hash(i * 17) % 10)::INT AS imd_decile,
             CASE WHEN i % 20 = 0 THEN NULL ELSE (['asian','black','mixed','white','other'])[1 + (hash(i * 19) % 5)::INT] END AS ethnicity
      FROM range(PEOPLE) t(i)
      UNION ALL SELECT '0000000000', 'X', 1950, NULL, 'P00001', NULL, 5, NULL) TO 'OUT/people.csv' (HEADER);
COPY (SELECT printf('%010d', i // 2) AS person_id, 'strata' AS code_system,
             (['hypertension','diabetes','asthma','copd','anxiety_depression'])[1 + (hash(i) % 5)::INT] AS code,
             DATE '2024-04-01' + (hash(i * 5) % 300)::INT AS recorded_on
      FROM range(PEOPLE * 2) t(i)) TO 'OUT/conditions.csv' (HEADER);
COPY (SELECT printf('A%012d', i) AS activity_id, printf('%010d', (hash(i) % PEOPLE)::BIGINT) AS person_id,
             (['gp_appointment','ae_attendance','emergency_admission','outpatient_first','outpatient_followup','community_contact','prescribing'])[1 + (hash(i * 3) % 7)::INT] AS setting,
             printf('R%03d', (hash(i * 5) % 60)::INT) AS provider_code, DATE '2022-04-01' + (hash(i * 7) % 1000)::INT AS start_date,
             CASE WHEN i % 10 = 0 THEN DATE '2022-04-01' + (hash(i * 7) % 1000)::INT + (i % 7)::INT END AS end_date,
             CASE WHEN i % 4 = 0 THEN printf('I%02d', (i % 100)::INT) END AS primary_diagnosis,
             round(10 + (hash(i * 9) % 50000) / 100.0, 2) AS cost_gbp
      FROM range(ACTIVITY) t(i)
      UNION ALL SELECT 'A000000000000', '0000000001', 'gp_appointment', 'R001', DATE '2023-01-01', NULL, NULL, 30
      UNION ALL SELECT 'Z1', 'missing-person', 'gp_appointment', 'R001', DATE '2023-01-01', NULL, NULL, -5) TO 'OUT/activity.csv' (HEADER)
