#!/usr/bin/env bash
# Runs policyx over the news archive of the bench corpus (one document per `### ` item) and audits
# the output with scripts/audit.py: counts of officials, speakers, meetings and principles that
# fail simple sanity checks, with examples. Extra arguments go to audit.py
# (--sample-officials 100 --sample-principles 60 for the hand checks).
#   scripts/audit.sh [--bin target/release/policyx] [--corpus ../shared/corpus/bench/xwlb] [audit.py args]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$here/target/release/policyx"
corpus="$here/../shared/corpus/bench/xwlb"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    *) break ;;
  esac
done
[ -x "$bin" ] || (cd "$here" && cargo build --release --locked -q)
out="$(mktemp -t policyx-audit.XXXXXX.jsonl)"
trap 'rm -f "$out"' EXIT
"$bin" batch --split '^### ' "$corpus" > "$out"
python3 "$here/scripts/audit.py" "$out" "$@"
