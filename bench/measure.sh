# Shared by the bench scripts: read a `/usr/bin/time -v` log.
seconds() { awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
measure() { # log -> "wall cpu rss_mb"
  local wall cpu rss
  wall=$(grep 'Elapsed (wall clock)' "$1" | seconds)
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$1")
  rss=$(grep 'Maximum resident set size' "$1" | awk '{printf "%.0f", $NF/1024}')
  echo "$wall $cpu $rss"
}
