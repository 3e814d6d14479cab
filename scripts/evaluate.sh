#!/usr/bin/env bash
# Reproduces every figure in EVALUATION.md. Run from the repository root with
# the shared corpus beside it (../shared). Writes its outputs to $OUT
# (default /tmp/spinscan-eval) and prints the figures.
#
#   scripts/evaluate.sh            # everything (about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/spinscan-eval}
CORPUS=${CORPUS:-../shared/corpus}
mkdir -p "$OUT"
go build -o "$OUT/spinscan" ./cmd/spinscan
S="$OUT/spinscan"

echo "== 1. Rebuild the default model (group 5-fold CV, out-of-fold figures by dataset)"
"$S" train -o "$OUT/model.json" --folds 5 --short 1 --report "$OUT/train.html" \
  --augment testdata/train/synthetic.jsonl.gz --augment testdata/train/samestory.jsonl.gz --augment testdata/train/padded.jsonl.gz \
  --short-augment testdata/train/sentences.jsonl.gz testdata/train/samples.jsonl.gz 2>&1 | tee "$OUT/train.txt"
"$S" train --single -o "$OUT/single.json" --folds 5 \
  --augment testdata/train/synthetic.jsonl.gz --augment testdata/train/spins.jsonl.gz testdata/train/samples.jsonl.gz 2>&1 | tee "$OUT/train-single.txt"
echo "-- do the rebuilt models match model/default.json and model/single.json (ignoring the date and output path)?"
/usr/bin/python3 - "$OUT/model.json" model/default.json "$OUT/single.json" model/single.json <<'PY'
import json, sys
for got, want in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    a, b = (json.load(open(p)) for p in (got, want))
    for m in (a, b):
        m["provenance"].pop("date", None)
        m["provenance"].pop("command", None)
    print(want, "identical" if a == b else "DIFFERENT")
PY

echo "== 2. Seeds, scored together and each alone"
"$S" eval testdata/seeds.samples.jsonl | tee "$OUT/seeds-crawl.txt"
"$S" eval --single testdata/seeds.samples.jsonl | tee "$OUT/seeds-single.txt"

echo "== 3. Each dev dataset through spinscan eval (in-sample for the default model: it was trained on these slices)"
for d in clough-stevenson-short-answers mtmpc-pan10-sentence-paraphrase pan13-text-alignment-noobf wmt22-general-mt wmt23-general-mt; do
  echo "-- $d"
  "$S" eval "$CORPUS/$d/samples.jsonl" > "$OUT/eval-$d.txt"
  head -4 "$OUT/eval-$d.txt"
done

echo "== 4. scikit-learn parity on the training feature matrix (needs Debian python3-sklearn)"
"$S" features -o "$OUT/features.csv" testdata/train/samples.jsonl.gz
/usr/bin/python3 scripts/sklearn_compare.py "$OUT/features.csv" | tee "$OUT/sklearn.json"
go test ./model -run TestSklearnParity -v -csv="$OUT/features.csv" | tee "$OUT/gonum.txt" | grep -v '^=== RUN'
echo "-- the same with the products of every two columns (the degree-2 model before the splines)"
/usr/bin/python3 scripts/sklearn_compare.py --pairs "$OUT/features.csv" | tee "$OUT/sklearn-pairs.json"
go test ./model -run TestSklearnParity -v -timeout 30m -csv="$OUT/features.csv" -pairs | tee "$OUT/gonum-pairs.txt" | grep -v '^=== RUN'
echo "-- with a cubic spline per column (the default model's inputs)"
/usr/bin/python3 scripts/sklearn_compare.py --splines 6 --lambda 0.00025 "$OUT/features.csv" | tee "$OUT/sklearn-splines.json"
go test ./model -run TestSklearnParity -v -csv="$OUT/features.csv" -splines 6 -lambda 0.00025 | tee "$OUT/gonum-splines.txt" | grep -v '^=== RUN'

echo "-- how much pairs of columns can add to one shape per column (gradient-boosted trees of depth 1 and 2; EVALUATION.md, \"Chosen pairs of columns\")"
/usr/bin/python3 scripts/interaction_headroom.py "$OUT/features.csv" | tee "$OUT/headroom.json"

echo "== 5. Short pages: the embedded model (--short 1) and one trained with --short 2, on the mtmpc pairs and MRPC sentences no training file uses"
mkdir -p "$OUT/sentences"
/usr/bin/python3 testdata/train/sentences.py "$CORPUS" "$OUT/sentences" "$OUT/mtmpc-heldout.jsonl" "$OUT/mrpc-heldout.jsonl" "$OUT/mrpc-docs-heldout.jsonl"
cmp "$OUT/sentences/sentences.jsonl.gz" testdata/train/sentences.jsonl.gz && echo "testdata/train/sentences.jsonl.gz rebuilt identical"
"$S" train -o "$OUT/short.json" --short 2 --folds 5 --augment testdata/train/synthetic.jsonl.gz \
  --augment testdata/train/samestory.jsonl.gz --augment testdata/train/padded.jsonl.gz --short-augment testdata/train/sentences.jsonl.gz \
  testdata/train/samples.jsonl.gz > "$OUT/train-short.txt" 2>&1
head -1 "$OUT/train-short.txt"
echo "-- embedded model"
"$S" eval "$OUT/mtmpc-heldout.jsonl" > "$OUT/eval-heldout.txt"
head -3 "$OUT/eval-heldout.txt"
echo "-- with the short model"
"$S" eval --model "$OUT/short.json" "$OUT/mtmpc-heldout.jsonl" > "$OUT/eval-heldout-short.txt"
head -3 "$OUT/eval-heldout-short.txt"
echo "-- MRPC sentences the short model did not train on (independent outlets on one story: should read original), embedded model, then the short model"
"$S" eval "$OUT/mrpc-heldout.jsonl" | grep unlabelled
"$S" eval --model "$OUT/short.json" "$OUT/mrpc-heldout.jsonl" | grep unlabelled
echo "-- the same outlets' sentences six pairs at a time, two documents of one story (as samestory.jsonl.gz, from the pairs no training file holds): should read original"
"$S" eval "$OUT/mrpc-docs-heldout.jsonl" | grep unlabelled
echo "-- how far text alone can tell a rewrite from its source (needs python3-sklearn; about a minute)"
"$S" eval --rows "$OUT/heldout-rows.jsonl" "$OUT/mtmpc-heldout.jsonl" > /dev/null
/usr/bin/python3 scripts/direction_ceiling.py "$OUT/heldout-rows.jsonl" "$OUT/mtmpc-heldout.jsonl"

echo "== 6. Main text extraction against the article-extraction benchmark's article bodies and go-trafilatura's own web-pages-gold snippets"
SPINSCAN_EVAL=1 go test ./features/extract -run 'TestMainText' -count=1 -v | grep -v '^=== RUN' | tee "$OUT/maintext.txt"
