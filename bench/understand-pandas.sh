#!/usr/bin/env bash
# Understand benchmark, pandas comparison: `strata segment` on a workspace against the same segmentation written in
# pandas (bench/understand_pandas.py) reading the CSVs that workspace was imported from. Checks that every segment's
# count and mean LTC/CMS agree and prints wall / CPU / peak of both. Figures go in docs/benchmarks.md ("Understand").
# Usage: bench/understand-pandas.sh DATA_DIR [WORKSPACE=DATA_DIR/../pandas-ws.duckdb]
#   DATA_DIR holds `strata generate` CSV output; the workspace is imported from it when it does not exist.
#   Needs Debian's python3-pandas (/usr/bin/python3).
set -euo pipefail
DATA=$1
WS=${2:-$(dirname "$DATA")/pandas-ws.duckdb}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
AT=2025-03-31
THREADS=${THREADS:-2}
OUT=$(mktemp -d)

dotnet build "$ROOT/src/Strata.Cli/Strata.Cli.csproj" -c Release -v quiet -nologo > /dev/null
STRATA="$ROOT/src/Strata.Cli/bin/Release/net10.0/strata"
[ -f "$WS" ] || "$STRATA" import "$DATA" -w "$WS" --json > /dev/null

measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" > "$OUT/$label.json"
  read -r wall user sys kb < "$OUT/time.txt"
  printf '%-16s wall %7.1f s   cpu %7.1f s   peak %6d MB\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
}

echo "Data: $DATA, workspace: $WS, threads: $THREADS, load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure strata-segment "$STRATA" segment -w "$WS" --at "$AT" --threads "$THREADS" --json --no-disclosure-control
measure pandas /usr/bin/python3 "$HERE/understand_pandas.py" "$DATA" --at "$AT" --json
/usr/bin/python3 - "$OUT/strata-segment.json" "$OUT/pandas.json" <<'EOF'
import json, sys
strata, pandas = (json.load(open(f)) for f in sys.argv[1:3])
print(f"pandas load {pandas['load_seconds']} s, compute {pandas['compute_seconds']} s")
same = True
for s, p in zip(strata["segments"], pandas["segments"]):
    ok = s["segment"] == p["segment"] and s["people"] == p["people"] and all(
        abs(s[k] - p[k]) < 1e-9 for k in ("mean_ltc_count", "mean_cms_general", "mean_cms_mortality"))
    same &= ok
    print(f"{s['segment']:<18} strata {s['people']:>9}  pandas {p['people']:>9}  {'same' if ok else 'DIFFERENT'}")
sys.exit(0 if same else 1)
EOF
rm -rf "$OUT"
