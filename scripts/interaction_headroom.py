#!/usr/bin/env python3
"""How much do pairs of columns add? Gradient-boosted trees of depth 1 (one
column per tree: an additive model) against depth 2 (two columns per tree:
pairwise interactions) on one feature CSV, with spinscan's group folds.

Usage:
    spinscan features -o features.csv testdata/train/samples.jsonl.gz
    python3 scripts/interaction_headroom.py features.csv

The gap between the two is what pairs of columns can add to an additive
model such as spinscan's (a spline per column); it motivated `train
--interactions` (EVALUATION.md, "Chosen pairs of columns"). Needs Debian
python3-sklearn. Prints one JSON object per model: out-of-fold macro-F1 and
log loss over all rows with a label (the CSV holds no train-only rows, so
the figures sit under `train`'s, which trains on the augmentation too).
"""

import fnmatch
import json
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score, log_loss

from sklearn_compare import folds, read

# The columns a crawl model trains with weight 0 (defaultExclude and
# crawlExclude in cmd/spinscan/internal/cli/train.go).
EXCLUDE = ["paraphrase.peers", "paraphrase.centrality", "faq.*", "comments.*", "dates.has_claimed",
           "dates.has_content_date", "dates.content_anchors", "dates.days_after_earliest_peer",
           "paraphrase.sentences", "paraphrase.spinner_words"]


def columns(path):
    with open(path) as f:
        head = f.readline().rstrip("\n").split(",")
    return head[4:] if head[3] == "fold" else head[3:]


def main():
    ids, y, groups, fold, X = read(sys.argv[1])
    keep = [j for j, c in enumerate(columns(sys.argv[1])) if not any(fnmatch.fnmatch(c, e) for e in EXCLUDE)]
    X = X[:, keep]
    fold = np.array(fold if fold is not None else folds(groups, 5))
    classes = np.unique(y)
    n, k = len(y), len(classes)
    for name, depth, leaves, rounds in (("depth 1 (additive)", None, 2, 600), ("depth 2 (pairs)", 2, 31, 300)):
        probs = np.zeros((n, k))
        for f in np.unique(fold):
            tr, te = fold != f, fold == f
            counts = {c: (y[tr] == c).sum() for c in classes}
            w = np.array([(tr.sum() / (k * counts[c])) ** 0.25 for c in y[tr]])
            clf = HistGradientBoostingClassifier(max_iter=rounds, learning_rate=0.05, max_depth=depth,
                                                 max_leaf_nodes=leaves, random_state=0)
            clf.fit(X[tr], y[tr], sample_weight=w)
            p = clf.predict_proba(X[te])
            for j, c in enumerate(clf.classes_):
                probs[te, np.searchsorted(classes, c)] = p[:, j]
        pred = classes[probs.argmax(axis=1)]
        print(json.dumps({"model": name, "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
                          "log_loss": round(float(log_loss(y, probs, labels=classes)), 4)}))


if __name__ == "__main__":
    main()
