-- The lower bound for `strata import` (bench/import-ratio.sh): the same five format v1 files read by DuckDB's own
-- typed CSV reader straight into tables of the same types, with no validation, reject bookkeeping or line numbers.
-- DIR is replaced by the folder of the files.
CREATE TABLE practices AS SELECT * FROM read_csv('DIR/practices.csv', header = true, auto_detect = false, columns = {'practice_code': 'VARCHAR', 'practice_name': 'VARCHAR', 'neighbourhood_code': 'VARCHAR', 'place_code': 'VARCHAR', 'place_name': 'VARCHAR', 'icb_code': 'VARCHAR'});
CREATE TABLE providers AS SELECT * FROM read_csv('DIR/providers.csv', header = true, auto_detect = false, columns = {'provider_code': 'VARCHAR', 'provider_name': 'VARCHAR', 'provider_type': 'VARCHAR', 'place_code': 'VARCHAR'});
CREATE TABLE people AS SELECT * FROM read_csv('DIR/people.csv', header = true, auto_detect = false, columns = {'person_id': 'VARCHAR', 'sex': 'VARCHAR', 'year_of_birth': 'INTEGER', 'death_date': 'DATE', 'practice_code': 'VARCHAR', 'lsoa_code': 'VARCHAR', 'imd_decile': 'INTEGER', 'ethnicity': 'VARCHAR'});
CREATE TABLE conditions AS SELECT * FROM read_csv('DIR/conditions.csv', header = true, auto_detect = false, columns = {'person_id': 'VARCHAR', 'code_system': 'VARCHAR', 'code': 'VARCHAR', 'recorded_on': 'DATE'});
CREATE TABLE activity AS SELECT * FROM read_csv('DIR/activity.csv', header = true, auto_detect = false, columns = {'activity_id': 'VARCHAR', 'person_id': 'VARCHAR', 'setting': 'VARCHAR', 'provider_code': 'VARCHAR', 'start_date': 'DATE', 'end_date': 'DATE', 'primary_diagnosis': 'VARCHAR', 'cost_gbp': 'DECIMAL(14,2)'});
SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM activity) AS activity;
