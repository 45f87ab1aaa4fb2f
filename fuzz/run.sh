#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another.
# cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
# Crashes land in fuzz/artifacts/TARGET/; turn each into a regression test in tests/it/hostile.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
mkdir -p fuzz/corpus/extract fuzz/corpus/decode_clean_segment fuzz/corpus/rule_file
cp testdata/fixtures/*.txt testdata/seed/*.txt fuzz/corpus/extract/ 2>/dev/null || true
cp testdata/fixtures/*.txt fuzz/corpus/decode_clean_segment/ 2>/dev/null || true
cp rules/*.toml fuzz/corpus/rule_file/ 2>/dev/null || true
for t in decode_clean_segment rule_file extract; do
  echo "== $t for ${secs}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" --release -- -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536 2>&1 | tail -n 12
done
