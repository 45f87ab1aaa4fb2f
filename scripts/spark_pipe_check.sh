#!/usr/bin/env bash
# Runs `policyx stream` under Spark local mode with RDD.pipe over the dev texts and checks the
# output is byte-identical to a single-process run. Needs pyspark and Java; not run in CI.
# Usage: scripts/spark_pipe_check.sh [DIR_OF_TXT]   (default ../shared/eval/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/eval/dev}
python3 -c 'import pyspark' 2>/dev/null || { echo "pyspark is not installed (pip install pyspark)" >&2; exit 2; }
command -v java >/dev/null || { echo "java is not installed" >&2; exit 2; }
cargo build --release --quiet
bin=$(pwd)/target/release/policyx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$dir" > "$work/input.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if name.endswith(".txt"):
        raw = open(os.path.join(d, name), "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        print(json.dumps({"id": name, "text": text}, ensure_ascii=False))
PY
"$bin" stream < "$work/input.jsonl" > "$work/single.jsonl"
python3 - "$bin" "$work/input.jsonl" "$work/spark.jsonl" <<'PY'
import sys
from pyspark import SparkContext
bin_, inp, out = sys.argv[1:]
sc = SparkContext("local[2]", "policyx-pipe-check")
lines = open(inp, encoding="utf-8").read().splitlines()
rdd = sc.parallelize(lines, 4).pipe(bin_ + " stream")
with open(out, "w", encoding="utf-8") as f:
    for line in rdd.collect():
        f.write(line + "\n")
sc.stop()
PY
if cmp -s "$work/single.jsonl" "$work/spark.jsonl"; then
  echo "spark pipe: $(wc -l < "$work/single.jsonl") lines, byte-identical to a single process"
else
  echo "spark pipe output differs from a single process" >&2
  exit 1
fi
