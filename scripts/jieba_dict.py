#!/usr/bin/env python3
"""Writes src/data/jieba-dict.txt: jieba-rs's default dictionary sorted by UTF-8 bytes,
and src/data/jieba-dict.total: the sum of its frequencies.

policyx looks words up in it by binary search (src/dictionary.rs) instead of
building jieba-rs's whole trie. Run after upgrading jieba-rs:

    scripts/jieba_dict.py [PATH/TO/jieba-rs-X.Y.Z/src/data/dict.txt]

Entries keep jieba-rs's load semantics: a repeated word keeps its first tag
and its last frequency.
"""
import glob
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) > 1:
    src = sys.argv[1]
else:
    found = sorted(glob.glob(os.path.expanduser(
        "~/.cargo/registry/src/*/jieba-rs-0.7.*/src/data/dict.txt")))
    if not found:
        sys.exit("jieba-rs's dict.txt not found; give its path")
    src = found[-1]
entries = {}
with open(src, encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if not parts:
            continue
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 else 0
        tag = parts[2] if len(parts) > 2 else ""
        if word in entries:
            entries[word] = (freq, entries[word][1])
        else:
            entries[word] = (freq, tag)
out = os.path.join(here, "..", "src", "data", "jieba-dict.txt")
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for word in sorted(entries, key=lambda w: w.encode("utf-8")):
        freq, tag = entries[word]
        f.write(f"{word} {freq} {tag}\n")
total = sum(freq for freq, _ in entries.values())
with open(out.replace(".txt", ".total"), "w") as f:
    f.write(f"{total}\n")
print(f"{len(entries)} entries, total frequency {total}, from {src} -> {os.path.normpath(out)}")
