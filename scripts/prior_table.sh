#!/usr/bin/env bash
# The table of EVALUATION.md, "A class prior for the pages scored": for no
# prior and three, the English web-pages-gold pages each alone (single-page
# model), the gold crawl together (crawl model), the seeds together and
# alone, WMT22/WMT23 translations read translated (recall, then precision
# in parentheses), Clough and PAN13 macro-F1 (eval, in-sample).
#   OUT=/tmp/prior scripts/prior_table.sh [CORPUS]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpus}
OUT=${OUT:-/tmp/spinscan-prior}
mkdir -p "$OUT"
S="$OUT/spinscan"
go build -o "$S" ./cmd/spinscan
[ -f "$OUT/gold.warc.gz" ] || go run ./scripts/bench/gencrawl -src "$CORPUS/web-pages-gold/pages" -o "$OUT/gold.warc.gz"
for P in none "original=0.6,reprint=0.15,spun=0.15,translated=0.1" \
  "original=0.75,reprint=0.1,spun=0.1,translated=0.05" "original=0.9,reprint=0.05,spun=0.03,translated=0.02"; do
  A=()
  [ "$P" != none ] && A=(--prior "$P")
  # Exit status 3: one gold record is an error row (ExitPartial).
  "$S" score --single "${A[@]}" -o "$OUT/single.jsonl" "$OUT/gold.warc.gz" 2>/dev/null || [ $? -eq 3 ]
  "$S" score "${A[@]}" -o "$OUT/crawl.jsonl" "$OUT/gold.warc.gz" 2>/dev/null || [ $? -eq 3 ]
  "$S" eval "${A[@]}" testdata/seeds.samples.jsonl > "$OUT/seeds.txt" 2>/dev/null
  "$S" eval --single "${A[@]}" testdata/seeds.samples.jsonl > "$OUT/seeds-single.txt" 2>/dev/null
  for d in wmt22-general-mt wmt23-general-mt clough-stevenson-short-answers pan13-text-alignment-noobf; do
    "$S" eval "${A[@]}" "$CORPUS/$d/samples.jsonl" > "$OUT/$d.txt" 2>/dev/null
  done
  /usr/bin/python3 - "$P" "$OUT" <<'PY'
import collections, json, re, sys
p, out = sys.argv[1], sys.argv[2]
def labels(f, english):
    rows = [json.loads(l) for l in open(f)]
    return collections.Counter(r.get("label") for r in rows if r.get("label") and (not english or r.get("lang") == "en"))
def ev(name):
    t = open("%s/%s.txt" % (out, name)).read()
    m = re.search(r"accuracy ([0-9.]+)\s+macro-F1 ([0-9.]+)", t)
    n = int(re.search(r"samples (\d+)", t).group(1))
    tr = re.search(r"translated\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)", t)
    return float(m.group(1)), float(m.group(2)), n, tr
s, c = labels(out + "/single.jsonl", True), labels(out + "/crawl.jsonl", False)
seeds = round(ev("seeds")[0] * ev("seeds")[2]), round(ev("seeds-single")[0] * ev("seeds-single")[2])
w22, w23 = ev("wmt22-general-mt")[3], ev("wmt23-general-mt")[3]
print("| %s | %d / %d / %d / %d | %d / %d / %d | %d / %d | %s (%s); %s (%s) | %.3f, %.3f |" % (
    "none" if p == "none" else "`%s`" % p, s["original"], s["translated"], s["reprint"], s["spun"],
    c["original"], c["reprint"], c["translated"], seeds[0], seeds[1],
    w22.group(2), w22.group(1), w23.group(2), w23.group(1),
    ev("clough-stevenson-short-answers")[1], ev("pan13-text-alignment-noobf")[1]))
PY
done
