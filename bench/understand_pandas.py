#!/usr/bin/python3
"""Segmentation v1 at a reference date, written as an analyst would in pandas, for comparison with `strata segment`.

Reads the import-format CSVs written by `strata generate` (people, practices, conditions, activity) and the v1
codelists, applies the rules of docs segmentation spec v1 (default precedence) and prints per-segment counts, load and
compute seconds and peak RSS. Usage: /usr/bin/python3 bench/understand_pandas.py DATA_DIR [--at 2025-03-31] [--json]
"""
import argparse
import json
import os
import resource
import sys
import time

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
CODELISTS = os.path.join(os.path.dirname(HERE), "codelists")
PRECEDENCE = ["end_of_life", "frailty_dementia", "organ_failure", "incurable_cancer", "disability",
              "ltc_complex", "ltc_multiple", "ltc_single", "maternal_infant", "acutely_ill", "healthy"]


def load(data):
    people = pd.read_csv(os.path.join(data, "people.csv"),
                         usecols=["person_id", "year_of_birth", "death_date", "practice_code"],
                         dtype={"person_id": str, "practice_code": str, "year_of_birth": "int32"})
    people["death_date"] = pd.to_datetime(people["death_date"], format="%Y-%m-%d")
    practices = pd.read_csv(os.path.join(data, "practices.csv"), usecols=["practice_code"], dtype=str)
    conditions = pd.read_csv(os.path.join(data, "conditions.csv"), dtype=str)
    conditions["recorded_on"] = pd.to_datetime(conditions["recorded_on"], format="%Y-%m-%d")
    activity = pd.read_csv(os.path.join(data, "activity.csv"),
                           usecols=["person_id", "setting", "start_date", "primary_diagnosis"],
                           dtype={"person_id": str, "setting": "category", "primary_diagnosis": str})
    activity["start_date"] = pd.to_datetime(activity["start_date"], format="%Y-%m-%d")
    codelist = pd.read_csv(os.path.join(CODELISTS, "conditions.v1.csv"))
    icd10 = pd.read_csv(os.path.join(CODELISTS, "condition-icd10.v1.csv"), dtype=str)
    return people, practices, conditions, activity, codelist, icd10


def segment(people, practices, conditions, activity, codelist, icd10, at):
    d = pd.Timestamp(at)
    year_ago = d - pd.DateOffset(months=12)

    # Condition records from every source: strata codes as they are, ICD-10 codes and hospital primary diagnoses
    # mapped by 3- or 4-character prefix with the dot removed.
    strata = conditions.loc[conditions["code_system"] == "strata", ["person_id", "code", "recorded_on"]]
    strata = strata.rename(columns={"code": "condition", "recorded_on": "on_date"})
    coded = conditions.loc[conditions["code_system"] == "icd10", ["person_id", "code", "recorded_on"]]
    coded = coded.rename(columns={"recorded_on": "on_date"})
    hosp = activity.loc[activity["primary_diagnosis"].notna(), ["person_id", "primary_diagnosis", "start_date"]]
    hosp = hosp.rename(columns={"primary_diagnosis": "code", "start_date": "on_date"})
    records = [strata]
    for source in (coded, hosp):
        source = source[source["on_date"] <= d]
        clean = source["code"].str.replace(".", "", regex=False).str.upper()
        for n in sorted(icd10["icd10_prefix"].str.len().unique()):
            mapped = source.assign(icd10_prefix=clean.str[:n]).merge(icd10, on="icd10_prefix")
            records.append(mapped[["person_id", "condition", "on_date"]])
    records = pd.concat(records, ignore_index=True).merge(codelist, on="condition")

    # Present at D: recorded on or before D, and within the window (months up to and including D) when there is one.
    window_start = {m: d - pd.DateOffset(months=int(m)) for m in records["window_months"].dropna().unique()}
    start = records["window_months"].map(window_start)
    present = records[(records["on_date"] <= d) & (start.isna() | (records["on_date"] > start))]
    present = present.drop_duplicates(["person_id", "condition"])

    # One row per person, one boolean column per condition (pivot, not crosstab: crosstab aggregates group by group
    # in Python and takes most of the compute time).
    flags = present.assign(flag=True).pivot(index="person_id", columns="condition", values="flag").notna()
    scores = present.assign(ltc=present["long_term_condition"].astype(bool)).groupby("person_id").agg(
        ltc_count=("ltc", "sum"), cms_general=("cms_general", "sum"), cms_mortality=("cms_mortality", "sum"))

    # Activity in the year to D (and the maternal window, which is shorter).
    act = activity[(activity["start_date"] <= d) & (activity["start_date"] > year_ago)]
    diag = act["primary_diagnosis"].str.replace(".", "", regex=False).str.upper()
    emergency = act["setting"] == "emergency_admission"
    act = pd.DataFrame({
        "person_id": act["person_id"],
        "emergency": emergency,
        "respiratory": emergency & diag.str[:3].between("J40", "J47"),
        "acute": act["setting"].isin(["emergency_admission", "ae_attendance"]),
        "maternity": ((act["setting"] == "maternity") | diag.str.startswith("O", na=False))
                     & (act["start_date"] > d - pd.Timedelta(days=308)),
    }).groupby("person_id").agg(emergency=("emergency", "sum"), respiratory=("respiratory", "sum"),
                                acute=("acute", "any"), maternity=("maternity", "any"))

    # Population: registered at a known practice, alive at D, born by D's year; birthdays taken as 1 July.
    pop = people[people["practice_code"].isin(practices["practice_code"])
                 & (people["death_date"].isna() | (people["death_date"] >= d))
                 & (people["year_of_birth"] <= d.year)].set_index("person_id")
    pop["age"] = (d.year - (1 if d.month < 7 else 0) - pop["year_of_birth"]).clip(lower=0)
    pop = pop.join(scores).join(act).join(flags)
    for c in codelist["condition"]:
        pop[c] = pop[c].fillna(False).astype(bool) if c in pop else False
    pop = pop.fillna({"ltc_count": 0, "cms_general": 0.0, "cms_mortality": 0.0, "emergency": 0, "respiratory": 0,
                      "acute": False, "maternity": False})
    pop["cms_general"] = pop["cms_general"].round(2)
    pop["cms_mortality"] = pop["cms_mortality"].round(2)

    rules = [
        ("end_of_life", pop["palliative_care"]),
        ("frailty_dementia", pop["dementia"] | pop["frailty_severe"] | ((pop["age"] >= 65) & pop["frailty_moderate"])),
        ("organ_failure", pop["heart_failure"] | pop["end_stage_renal"] | pop["liver_failure"]
         | (pop["ckd"] & (pop["emergency"] >= 4)) | (pop["copd"] & (pop["respiratory"] >= 1))),
        ("incurable_cancer", pop["cancer_incurable"]),
        ("disability", pop["learning_disability"] | pop["physical_disability"]),
        ("ltc_complex", pop["ltc_count"] >= 4),
        ("ltc_multiple", pop["ltc_count"] >= 2),
        ("ltc_single", pop["ltc_count"] == 1),
        ("maternal_infant", pop["maternity"].astype(bool) | (pop["age"] < 1)),
        ("acutely_ill", pop["acute"].astype(bool)),
    ]
    pop["segment"] = "healthy"
    for name, rule in reversed(rules):   # later assignments win, so apply lowest precedence first
        pop.loc[rule.astype(bool), "segment"] = name
    return pop


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--at", default="2025-03-31")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    frames = load(args.data)
    t1 = time.perf_counter()
    pop = segment(*frames, at=args.at)
    g = pop.groupby("segment").agg(people=("age", "size"), mean_ltc=("ltc_count", "mean"),
                                   mean_cms_general=("cms_general", "mean"), mean_cms_mortality=("cms_mortality", "mean"))
    t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    segments = [{"segment": s, "people": int(g.loc[s, "people"]) if s in g.index else 0,
                 "mean_ltc_count": float(g.loc[s, "mean_ltc"]) if s in g.index else 0.0,
                 "mean_cms_general": float(g.loc[s, "mean_cms_general"]) if s in g.index else 0.0,
                 "mean_cms_mortality": float(g.loc[s, "mean_cms_mortality"]) if s in g.index else 0.0}
                for s in PRECEDENCE]
    if args.json:
        json.dump({"people": len(pop), "segments": segments, "load_seconds": round(t1 - t0, 2),
                   "compute_seconds": round(t2 - t1, 2), "peak_rss_mb": peak_mb}, sys.stdout, indent=2)
        print()
    else:
        for s in segments:
            print(f"{s['segment']:<18} {s['people']:>10}  ltc {s['mean_ltc_count']:.3f}  cms {s['mean_cms_general']:.3f}")
        print(f"people {len(pop)}  load {t1 - t0:.1f} s  compute {t2 - t1:.1f} s  peak RSS {peak_mb} MB")


if __name__ == "__main__":
    main()
