#!/usr/bin/env bash
# Plan Monte Carlo benchmark: 1,000 runs × 10 years × 20 interventions on a 3M-person ICB's cells (synthesised in code).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Strata.Bench -c Release -v q -nologo
dotnet bench/Strata.Bench/bin/Release/net10.0/Strata.Bench.dll plan --runs "${RUNS:-1000}" --years "${YEARS:-10}" --interventions "${INTERVENTIONS:-20}" ${THREADS:+--threads $THREADS}
