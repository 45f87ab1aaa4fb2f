#!/usr/bin/env bash
# The README's quality table, generated: every gold set under ../shared/eval scored by the built
# binary (`policyx eval`, the figures of score.py), one row per set, F1 per field ("–" where the
# set has no gold for the field and nothing was predicted).
#   scripts/quality.sh            print the table
#   scripts/quality.sh --check F  exit 1 unless file F holds exactly this table between
#                                 <!-- quality:begin --> and <!-- quality:end -->
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${POLICYX:-target/release/policyx}
eval_dir=../shared/eval
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release)" >&2; exit 2; }
[ -d "$eval_dir" ] || { echo "no gold sets at $eval_dir" >&2; exit 2; }
table() {
  echo "| set | docs | officials | titles | principles | items_exact | tasks | speaker | spans |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for gold in "$eval_dir"/*/gold.jsonl; do
    set_name=$(basename "$(dirname "$gold")")
    # The text report's figures are rounded as score.py rounds them.
    "$bin" eval --gold "$gold" | awk -v set="$set_name" '
      $1 == "docs" { docs = $2 }
      NF == 5 && $5 ~ /^[0-9]+\/[0-9]+\/[0-9]+$/ && !($1 in f1) {
        split($5, n, "/"); f1[$1] = (n[2] == 0 && n[3] == 0) ? "–" : $4
      }
      END {
        printf "| %s | %s |", set, docs
        split("officials titles principles items_exact tasks speaker spans", k, " ")
        for (i = 1; i <= 7; i++) printf " %s |", f1[k[i]]
        printf "\n"
      }'

  done
}
if [ "${1:-}" = "--check" ]; then
  file=${2:?usage: scripts/quality.sh --check README.md}
  want=$(table)
  have=$(sed -n '/<!-- quality:begin -->/,/<!-- quality:end -->/p' "$file" | sed '1d;$d')
  if [ "$want" != "$have" ]; then
    echo "$file: the quality table is not what the built binary scores; run scripts/quality.sh and paste:" >&2
    diff <(echo "$have") <(echo "$want") >&2 || true
    exit 1
  fi
  echo "quality table in $file matches the built binary"
else
  table
fi
