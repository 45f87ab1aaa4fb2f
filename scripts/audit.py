#!/usr/bin/env python3
"""Sanity checks over policyx output (JSON Lines): lists the officials, speakers,
meetings and principles that fail simple checks, with a count per check.

    policyx batch --split '^### ' ../shared/corpus/bench/xwlb > out.jsonl
    scripts/audit.py out.jsonl [--show N] [--sample-officials 100 --sample-principles 60 --seed 1]

Checks (each a count of records, with examples):
  official-country   a name that holds or sits inside a country's name (巴布韦, 应美国)
  official-function  a name that ends with a function word (李强所, 王储兼, 卡尼已)
  speaker-no-person  a task speaker that is no official of the document nor a surname-initial name,
                     no meeting and no document of the text
  meeting-no-noun    a meeting name that does not end with a gathering noun (会议, 大会, 论坛 …)
  principle-title    a principle item that holds a title or a name (中央军委主席习近平对做好)
  principle-count    a label that is a quantity, not a formulation (2个百分点, 一个好消息)
The lexicons are read from rules/lexicons, so the audit follows the rules in use.
--sample-* print records drawn at random for checking by hand.
"""
import argparse, json, os, random, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
LEX = os.path.join(HERE, "..", "rules", "lexicons")


def lexicon(name):
    with open(os.path.join(LEX, name + ".txt"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


COUNTRIES = lexicon("country")
SURNAMES = set(s for s in lexicon("surname") if len(s) == 1)
NOT_NAME = set(lexicon("not_name"))
TITLE_HEADS = sorted(lexicon("title_head"), key=len, reverse=True)
FUNCTION_END = set("的了在和与同及为向对就所已也还并都将把被让使从到给以兼等曾又则互最")
DOTS = set("·•‧・-")
GATHERING = tuple(lexicon("gathering"))
DOCUMENTS = ("通知", "意见", "纲要", "方案", "规划", "决定", "办法", "条例", "公报", "报告", "决议", "规定", "指南", "计划", "声明", "宣言", "白皮书", "倡议书", "贺信", "贺电")
QUANTITY = re.compile(r"(百分点|倍|好消息|中国|小时|分钟|亿|万|元|吨|公里|千米|年|月|天|岁|人|次|个点|昨天|今天)$")


def country_fragment(name):
    """Holds a country's name (巴西前), or is a piece of one (巴布韦 of 津巴布韦)."""
    return any(len(c) >= 2 and (c in name or (len(name) >= 2 and name in c and name != c)) for c in COUNTRIES)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl")
    ap.add_argument("--show", type=int, default=5, help="examples per check")
    ap.add_argument("--sample-officials", type=int, default=0)
    ap.add_argument("--sample-principles", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    a = ap.parse_args()
    fails = defaultdict(list)
    totals = Counter()
    officials, principles = [], []
    with open(a.jsonl, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except ValueError:
                continue
            if "error" in d:
                continue
            where = (d.get("source") or {}).get("path", "?")
            part = (d.get("source") or {}).get("part")
            where = f"{where}#{part}" if part is not None else where
            names = {o.get("name") for o in d.get("officials") or []}
            for o in d.get("officials") or []:
                n = o.get("name", "")
                totals["officials"] += 1
                officials.append((where, o))
                if country_fragment(n):
                    fails["official-country"].append((where, n, o.get("titles")))
                if len(n) >= 3 and not DOTS & set(n) and (n[-1] in FUNCTION_END or "兼" in n):
                    fails["official-function"].append((where, n, o.get("titles")))
            for t in d.get("tasks") or []:
                sp = t.get("speaker")
                if sp is None:
                    continue
                totals["speakers"] += 1
                person = sp in names or (2 <= len(sp) <= 4 and sp[0] in SURNAMES and sp not in NOT_NAME)
                meeting = sp.endswith(("会议", "會議", "会"))
                document = f"《{sp}》" in json.dumps(d, ensure_ascii=False) or sp.endswith(DOCUMENTS)
                if not (person or meeting or document):
                    fails["speaker-no-person"].append((where, sp, t.get("cue"), t.get("text", "")[:30]))
            m = d.get("meeting")
            if m and m.get("name"):
                totals["meetings"] += 1
                if not m["name"].endswith(GATHERING):
                    fails["meeting-no-noun"].append((where, m["name"]))
            for p in d.get("principles") or []:
                totals["principles"] += 1
                principles.append((where, p))
                label = p.get("label", "")
                items = [i if isinstance(i, str) else i.get("text", "") for i in p.get("items") or []]
                # A title inside an item, with text after it (主席习近平对做好), or an official's name.
                if any(any(h in it[:-len(h)] for h in TITLE_HEADS if len(h) >= 2) or any(n and n in it for n in names) for it in items):
                    fails["principle-title"].append((where, label, items))
                if QUANTITY.search(label):
                    fails["principle-count"].append((where, label, items))
    checks = ["official-country", "official-function", "speaker-no-person", "meeting-no-noun", "principle-title", "principle-count"]
    if a.json:
        print(json.dumps({"totals": totals, "checks": {c: len(fails[c]) for c in checks}}, ensure_ascii=False))
    else:
        print("totals: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
        print("| check | records |\n|---|---|")
        for c in checks:
            print(f"| {c} | {len(fails[c])} |")
        for c in checks:
            if fails[c] and a.show:
                print(f"\n== {c}")
                for x in fails[c][: a.show]:
                    print("  " + " | ".join(str(v) for v in x))
    rnd = random.Random(a.seed)
    if a.sample_officials:
        print(f"\n== {a.sample_officials} officials drawn at random")
        for where, o in rnd.sample(officials, min(a.sample_officials, len(officials))):
            print(f"  {where} | {o.get('name')} | {'、'.join(o.get('titles') or [])}")
    if a.sample_principles:
        print(f"\n== {a.sample_principles} principles drawn at random")
        for where, p in rnd.sample(principles, min(a.sample_principles, len(principles))):
            items = [i if isinstance(i, str) else i.get("text", "") for i in p.get("items") or []]
            print(f"  {where} | {p.get('label')} | {' / '.join(items)}")


if __name__ == "__main__":
    sys.exit(main())
