-- Synthetic benchmark population for the Understand stage, generated in DuckDB SQL (no generator needed).
-- ${PEOPLE} people, ~20 activity rows each over three financial years, ~1.6 condition records each,
-- ICD-10 and strata codes drawn from realistic lists. Deterministic: everything derives from hash(row number).
DELETE FROM practices; DELETE FROM people; DELETE FROM conditions; DELETE FROM activity;
INSERT INTO practices
SELECT 'P' || lpad(CAST(i AS VARCHAR), 4, '0'), 'Practice ' || i, 'N' || (i % 12), 'PL' || (i % 4), 'Place ' || (i % 4), 'QXX'
FROM range(0, 60) t(i);
INSERT INTO people
SELECT 'X' || lpad(CAST(i AS VARCHAR), 8, '0'),
       CASE WHEN hash(i * 64 + 1) % 2 = 0 THEN 'F' ELSE 'M' END,
       CAST(1920 + hash(i * 64 + 2) % 106 AS INTEGER),
       CASE WHEN hash(i * 64 + 3) % 100 = 0 THEN DATE '2022-04-01' + CAST(hash(i * 64 + 4) % 1200 AS INTEGER) END,
       CASE WHEN hash(i * 64 + 5) % 200 = 0 THEN 'Z999' ELSE 'P' || lpad(CAST(hash(i * 64 + 6) % 60 AS VARCHAR), 4, '0') END,
       'E01' || lpad(CAST(hash(i * 64 + 7) % 30000 AS VARCHAR), 6, '0'),
       CAST(1 + hash(i * 64 + 8) % 10 AS INTEGER),
       ['white', 'white', 'white', 'asian', 'black', 'mixed', 'other'][1 + CAST(hash(i * 64 + 9) % 7 AS INTEGER)]
FROM range(0, ${PEOPLE}) t(i);
INSERT INTO conditions
SELECT 'X' || lpad(CAST(hash(i * 64 + 10) % ${PEOPLE} AS VARCHAR), 8, '0'),
       CASE WHEN hash(i * 64 + 11) % 3 = 0 THEN 'strata' ELSE 'icd10' END,
       CASE WHEN hash(i * 64 + 11) % 3 = 0
            THEN ['hypertension', 'anxiety_depression', 'painful_condition', 'asthma', 'diabetes', 'hearing_loss', 'ibs',
                  'physical_disability', 'frailty_moderate', 'learning_disability', 'palliative_care', 'ckd', 'copd'][1 + CAST(hash(i * 64 + 12) % 13 AS INTEGER)]
            ELSE ['I10', 'I11.9', 'F32.9', 'F41.1', 'H90.3', 'K58.9', 'J45.9', 'E11.9', 'E10.9', 'I25.1', 'N18.4', 'I48.0',
                  'K59.0', 'I63.9', 'J44.1', 'M06.9', 'C50.9', 'C44.3', 'F10.2', 'I50.0', 'F03', 'G30.1', 'F20.0', 'G40.9',
                  'R54', 'C78.0', 'N18.5', 'K72.1', 'Z51.5', 'R10.4'][1 + CAST(hash(i * 64 + 13) % 30 AS INTEGER)] END,
       DATE '2005-01-01' + CAST(hash(i * 64 + 14) % 7700 AS INTEGER)
FROM range(0, CAST(${PEOPLE} * 1.6 AS BIGINT)) t(i);
INSERT INTO activity
SELECT 'A' || i, person_id, setting, provider, start_date,
       CASE WHEN setting IN ('emergency_admission', 'elective_admission', 'maternity') THEN start_date + CAST(hash(i * 64 + 20) % 9 AS INTEGER) END,
       -- Hospital settings carry a primary diagnosis: mostly symptoms, injuries and acute episodes that map to no
       -- condition, with long-term-condition codes in a minority of spells (as in SUS data).
       CASE WHEN setting NOT IN ('emergency_admission', 'elective_admission', 'daycase', 'ae_attendance', 'outpatient_first', 'maternity') THEN NULL
            WHEN setting = 'maternity' THEN ['O80', 'O82.0', 'O26.8', 'Z37.0'][1 + CAST(hash(i * 64 + 21) % 4 AS INTEGER)]
            ELSE ['R07.4', 'R10.4', 'S72.0', 'N39.0', 'J18.9', 'K35.8', 'M54.5', 'R55', 'S06.0', 'T81.4', 'K80.2', 'L03.1',
                  'H26.9', 'M17.1', 'K40.9', 'R51', 'A09.9', 'J06.9', 'S52.5', 'Z03.9', 'R69', 'G43.9', 'N20.0', 'K57.3',
                  'J44.1', 'I50.0', 'I21.4', 'E11.9', 'J45.9', 'F32.9', 'I63.9', 'C50.9'][1 + CAST(hash(i * 64 + 21) % 32 AS INTEGER)] END,
       CAST(cost AS DECIMAL(14, 2))
FROM (
  SELECT i, 'X' || lpad(CAST(hash(i * 64 + 22) % ${PEOPLE} AS VARCHAR), 8, '0') AS person_id,
         CASE WHEN s.setting = 'maternity' AND hash(i * 64 + 25) % 10 <> 0 THEN 'gp_appointment' ELSE s.setting END AS setting,
         s.cost, s.provider, DATE '2022-04-01' + CAST(hash(i * 64 + 23) % 1096 AS INTEGER) AS start_date
  FROM range(0, ${PEOPLE} * 20) t(i)
  JOIN (SELECT * FROM (VALUES
      (0, 'gp_appointment', 35.0, 'GP1'), (1, 'gp_appointment', 35.0, 'GP1'), (2, 'gp_appointment', 35.0, 'GP1'),
      (3, 'gp_appointment', 35.0, 'GP1'), (4, 'gp_appointment', 35.0, 'GP1'), (5, 'prescribing', 12.0, 'GP1'),
      (6, 'prescribing', 12.0, 'GP1'), (7, 'prescribing', 12.0, 'GP1'), (8, 'outpatient_followup', 110.0, 'RX1'),
      (9, 'outpatient_first', 180.0, 'RX1'), (10, 'community_contact', 60.0, 'CM1'), (11, 'community_contact', 60.0, 'CM1'),
      (12, 'ae_attendance', 180.0, 'RX1'), (13, 'emergency_admission', 2500.0, 'RX1'), (14, 'elective_admission', 3500.0, 'RX1'),
      (15, 'daycase', 900.0, 'RX1'), (16, 'mental_health_contact', 150.0, 'MH1'), (17, 'maternity', 3000.0, 'RX1'),
      (18, 'social_care', 200.0, 'SC1'), (19, 'ambulance_conveyance', 300.0, 'AM1')) v(k, setting, cost, provider)) s
    ON s.k = hash(i * 64 + 24) % 20
) g;
SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM conditions) AS conditions, (SELECT count(*) FROM activity) AS activity;
