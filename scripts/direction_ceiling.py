#!/usr/bin/env python3
"""How well can a text-only rule tell a rewrite from its source?

An upper bound for source attribution on sentence pairs (issue #3's mtmpc
target). Reads the rows `spinscan eval --rows` wrote for a samples file of
rewrite pairs (ids ending :s1 for the source, :s2 for the rewrite, as in
mtmpc-pan10-sentence-paraphrase) and the samples file itself, and for every
pair fits classifiers that see both pages' feature rows (the difference of
every spinscan column, plus a few text statistics: words, mean word length,
commas, other punctuation, type/token ratio, capitalised words, terminal
punctuation) and must say which of the two is the rewrite. 5-fold CV by
pair; each pair enters once in each orientation.

    spinscan eval --rows /tmp/rows.jsonl SAMPLES.jsonl
    python3 scripts/direction_ceiling.py /tmp/rows.jsonl SAMPLES.jsonl

Needs Debian python3-sklearn. Prints the share of pairs spinscan puts in
one cluster, the accuracy of each classifier and of the best single
column, and the attribution they imply (clustered share × accuracy): no
direction rule can do better than that on text that carries no dates.
"""
import json
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def text_stats(t):
    w = t.split()
    n = max(1, len(w))
    return [len(w), sum(len(x) for x in w) / n, t.count(","),
            sum(t.count(c) for c in ";:()-"), len({x.lower() for x in w}) / n,
            sum(1 for x in w if x[:1].isupper()) / n, float(t.strip()[-1:] in ".!?")]


def main(rows_path, samples_path):
    rows = {}
    with open(rows_path) as f:
        for line in f:
            d = json.loads(line)
            rows[d["id"]] = d
    texts = {}
    with open(samples_path) as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d.get("text", "")
    pairs = [(k[:-3] + ":s1", k) for k, d in rows.items()
             if k.endswith(":s2") and d.get("gold") == "spun" and k[:-3] + ":s1" in rows]
    if not pairs:
        sys.exit("no rewrite pairs (ids ending :s1 and :s2) in the rows")
    cols = sorted(rows[pairs[0][0]]["features"])
    together = sum(1 for a, b in pairs if rows[a]["cluster"] and rows[a]["cluster"] == rows[b]["cluster"])
    X, y, g = [], [], []
    for i, (a, b) in enumerate(pairs):
        fa = [rows[a]["features"][c] for c in cols] + text_stats(texts.get(a, ""))
        fb = [rows[b]["features"][c] for c in cols] + text_stats(texts.get(b, ""))
        diff = np.array(fb, float) - np.array(fa, float)
        X += [diff, -diff]
        y += [1, 0]
        g += [i, i]
    X, y, g = np.array(X), np.array(y), np.array(g)
    names = cols + ["text.words", "text.word_length", "text.commas", "text.punctuation",
                    "text.type_token", "text.capitalised", "text.terminal_punctuation"]
    cv = GroupKFold(5)
    clustered = together / len(pairs)
    print("pairs %d, in one cluster %d (%.3f)" % (len(pairs), together, clustered))
    for name, m in (("logistic", make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))),
                    ("gradient boosting", HistGradientBoostingClassifier(random_state=0))):
        acc = cross_val_score(m, X, y, cv=cv, groups=g).mean()
        print("%-18s direction accuracy %.3f  attribution ceiling %.3f" % (name, acc, clustered * acc))
    best = max(range(len(names)), key=lambda j: abs(np.mean(X[y == 1, j] > 0) - np.mean(X[y == 1, j] < 0)))
    v = X[y == 1, best]
    decided = np.mean(v != 0)
    right = max(np.mean(v > 0), np.mean(v < 0)) / decided if decided else 0
    print("best single column %s: decides %.3f of pairs, right on %.3f of those" % (names[best], decided, right))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
