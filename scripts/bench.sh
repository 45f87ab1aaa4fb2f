#!/usr/bin/env bash
# Benchmark, measured side by side in one run (not a timed test):
#   - MB/s of `policyx batch` over the bench corpus with 1 and with 2 jobs, and the speed-up
#   - the same corpus through jieba-rs tag() alone, line by line (examples/jieba_tag.rs, the
#     current jieba-rs built with policyx's release profile), as the reference
#   - the traditional-script stage: batch with --script simplified (the stage off) beside the default
# Each throughput is the best of 10 runs, the 1-job and 2-job runs interleaved so that
# both see the same machine (this VM's speed drifts by 20 % over minutes).
#   - peak RSS of the batch runs
#   - wall time of `policyx extract` on the seed article as a piped process (start to exit)
# Usage: scripts/bench.sh [CORPUS_DIR]   (default ../shared/corpus/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bench}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
cargo build --release --quiet
cargo build --release --quiet --example jieba_tag --features reference-jieba
bin=target/release/policyx
bytes=$(find "$corpus" -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
timefmt='%e %M'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for _ in $(seq 10); do
  for j in 1 2; do
    /usr/bin/time -f "$timefmt" -o "$tmp/t" "$bin" batch "$corpus" --jobs "$j" >/dev/null
    cat "$tmp/t" >> "$tmp/jobs$j"
  done
done
# The least disturbed run of each (the machine is shared).
for _ in $(seq 5); do
  /usr/bin/time -f "$timefmt" -o "$tmp/t" "$bin" --script simplified batch "$corpus" --jobs 1 >/dev/null
  cat "$tmp/t" >> "$tmp/nostage"
  /usr/bin/time -f "$timefmt" -o "$tmp/t" "$bin" batch "$corpus" --jobs 1 >/dev/null
  cat "$tmp/t" >> "$tmp/stage"
done
read -r s_off _ < <(sort -n "$tmp/nostage" | head -1)
read -r s_on _ < <(sort -n "$tmp/stage" | head -1)
read -r s1 m1 < <(sort -n "$tmp/jobs1" | head -1)
read -r s2 m2 < <(sort -n "$tmp/jobs2" | head -1)
jieba=$(for _ in 1 2 3; do target/release/examples/jieba_tag "$corpus"; done | sort -t, -k5 | sed -E 's/.* ([0-9.]+) MB\/s.*/\1 &/' | sort -rn | head -1 | cut -d' ' -f2-)
jmbs=$(echo "$jieba" | sed -E 's/.* ([0-9.]+) MB\/s.*/\1/')
seed=testdata/seed/000_7a27c10ffd5541cc.txt
n=20
start=$(date +%s%N)
for _ in $(seq $n); do "$bin" extract < "$seed" > /dev/null; done
end=$(date +%s%N)
piped_ms=$(echo "($end - $start) / 1000000 / $n" | bc -l)
awk -v off="$s_off" -v on="$s_on" -v b="$bytes" -v s1="$s1" -v s2="$s2" -v m1="$m1" -v m2="$m2" -v j="$jmbs" -v p="$piped_ms" 'BEGIN {
  mb1 = b / 1e6 / s1; mb2 = b / 1e6 / s2
  printf "corpus             %.1f MB\n", b / 1e6
  printf "batch, 1 job       %6.2f MB/s  (%.2f s, peak RSS %d MB)\n", mb1, s1, m1 / 1024
  printf "batch, 2 jobs      %6.2f MB/s  (%.2f s, peak RSS %d MB)\n", mb2, s2, m2 / 1024
  printf "jieba-rs tag()     %6.2f MB/s  (1 thread, reference)\n", j
  printf "ratio 1 job / jieba      %.2fx\n", mb1 / j
  printf "speed-up 2 jobs / 1 job  %.2fx\n", mb2 / mb1
  printf "extract seed, piped      %.1f ms (mean of 20 runs, start to exit)\n", p
  printf "script stage cost        %+.1f%% (1 job, best of 5: %.2f s with, %.2f s with --script simplified)\n", (on / off - 1) * 100, on, off
}'
