#!/usr/bin/env python3
"""Cross-check spinscan's softmax model against scikit-learn on one feature CSV.

Usage:
    python3 scripts/sklearn_compare.py FEATURES.csv [--k 5] [--lambda 0.01]
            [--folds-from FOLDS.csv] [--print-folds]

Go counterpart (same CSV, same folds, same numbers):
    go test ./model -run TestSklearnParity -v -csv=FEATURES.csv [-k 5] [-lambda 0.01]

Input: header ``id,label,group[,fold],<columns...>``. Rows with an empty label are
skipped. Empty cells are missing values. Folds come, in order of preference, from
the CSV's ``fold`` column, from ``--folds-from`` (a CSV with columns id,fold), or
from a replica of spinscan's ``model.Folds`` (group-aware, deterministic).

Model: StandardScaler (fitted per training fold, ignoring missing values; missing
values then count as 0, i.e. the training mean, exactly as spinscan does) followed
by LogisticRegression(multi_class="multinomial", solver="lbfgs",
class_weight="balanced").

Regularisation mapping. spinscan minimises

    (1/S) * sum_i s_i * logloss_i + lambda/2 * ||W||^2      (biases unpenalised)

with s_i the class weight of sample i and S = sum_i s_i; scikit-learn minimises

    C * sum_i s_i * logloss_i + 1/2 * ||W||^2               (intercepts unpenalised)

Both have the same minimiser when C = 1 / (lambda * S). With balanced class
weights S = n (the number of training samples in the fold), so C = 1/(lambda*n),
recomputed for every fold.

Prints one JSON object: n, k, lambda, accuracy, macro_f1, log_loss (pooled
out-of-fold predictions), train_seconds (sum of the per-fold fit times),
full_fit_seconds and coef_first_class (coefficients of the first class, in
sorted label order, from a fit on all rows, on standardised columns).
"""

import argparse
import csv
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss
from sklearn.preprocessing import SplineTransformer, StandardScaler

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


def fnv1a64(s):
    h = FNV_OFFSET
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def folds(groups, k):
    """Replica of spinscan's model.Folds."""
    keys = [g if g != "" else "\x00sample:%d" % i for i, g in enumerate(groups)]
    size = {}
    for g in keys:
        size[g] = size.get(g, 0) + 1
    if len(size) < k:
        sys.exit("%d groups cannot fill k = %d folds" % (len(size), k))
    order = sorted(size, key=lambda g: (-size[g], fnv1a64(g), g.encode("utf-8")))
    load = [0] * k
    fold_of = {}
    for g in order:
        best = min(range(k), key=lambda f: (load[f], f))
        fold_of[g] = best
        load[best] += size[g]
    return [fold_of[g] for g in keys]


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    if head[:3] != ["id", "label", "group"]:
        sys.exit("%s: header must start with id,label,group" % path)
    first = 4 if len(head) > 3 and head[3] == "fold" else 3
    ids, labels, groups, fold, X = [], [], [], [], []
    for r in rows[1:]:
        if r[1] == "":
            continue
        ids.append(r[0])
        labels.append(r[1])
        groups.append(r[2])
        if first == 4:
            fold.append(int(r[3]))
        X.append([float(v) if v != "" else np.nan for v in r[first:]])
    X = np.array(X, dtype=float)
    X[~np.isfinite(X)] = np.nan
    return ids, np.array(labels), groups, (fold if first == 4 else None), X


def standardise(train, test):
    sc = StandardScaler().fit(train)  # ignores NaN; zero variance -> scale 1
    return (np.nan_to_num(sc.transform(train), nan=0.0),
            np.nan_to_num(sc.transform(test), nan=0.0))


def spline_knots(z, n):
    """Interior knots as model/spline.go's splineKnots picks them: n evenly
    spaced quantiles (linear interpolation), near-duplicates dropped; None
    for fewer than three distinct values or knots."""
    z = np.sort(z)
    if len(np.unique(z)) < 3:
        return None
    out = []
    for q in range(n):
        v = np.percentile(z, 100.0 * q / (n - 1))
        if not out or v > out[-1] + 1e-9:
            out.append(v)
    return np.array(out) if len(out) >= 3 else None


def with_splines(Ztr, Zte, n):
    """Appends each column's cubic B-spline basis (SplineTransformer with
    the knots above, constant extrapolation; sklearn extends the knots at
    both ends as spinscan does) to the standardised columns."""
    tr, te = [Ztr], [Zte]
    for c in range(Ztr.shape[1]):
        k = spline_knots(Ztr[:, c], n)
        if k is None:
            continue
        st = SplineTransformer(knots=k.reshape(-1, 1), degree=3, extrapolation="constant").fit(Ztr[:, [c]])
        tr.append(st.transform(Ztr[:, [c]]))
        te.append(st.transform(Zte[:, [c]]))
    return np.hstack(tr), np.hstack(te)


def fit(X, y, lam):
    clf = LogisticRegression(multi_class="multinomial", solver="lbfgs",
                             class_weight="balanced", C=1.0 / (lam * len(y)),
                             max_iter=1000, tol=1e-8)
    start = time.perf_counter()
    clf.fit(X, y)
    return clf, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--lambda", dest="lam", type=float, default=1e-2)
    ap.add_argument("--folds-from", help="CSV with columns id,fold")
    ap.add_argument("--pairs", action="store_true",
                    help="append the product of every two columns (i < j, in column order), "
                         "as model.Options.Pairs does (Go side: -pairs)")
    ap.add_argument("--splines", type=int, default=0,
                    help="append each column's cubic B-spline basis over N quantile knots, "
                         "as model.Options.Splines does (Go side: -splines N)")
    ap.add_argument("--print-folds", action="store_true",
                    help="print the replicated model.Folds assignment of the CSV's groups and exit")
    a = ap.parse_args()

    ids, y, groups, fold, X = read(a.csv)
    if a.pairs:
        i, j = np.triu_indices(X.shape[1], k=1)  # row-major: (0,1), (0,2), ...
        X = np.hstack([X, X[:, i] * X[:, j]])
    if a.print_folds:
        print(json.dumps(folds(groups, a.k)))
        return
    if fold is None and a.folds_from:
        with open(a.folds_from, newline="") as f:
            m = {r["id"]: int(r["fold"]) for r in csv.DictReader(f)}
        fold = [m[i] for i in ids]
    if fold is None:
        fold = folds(groups, a.k)
    fold = np.array(fold)
    classes = np.unique(y)  # sorted, as the Go test orders them

    probs = np.zeros((len(y), len(classes)))
    seconds = 0.0
    for f in np.unique(fold):
        tr, te = fold != f, fold == f
        Ztr, Zte = standardise(X[tr], X[te])
        if a.splines:
            Ztr, Zte = with_splines(Ztr, Zte, a.splines)
        clf, s = fit(Ztr, y[tr], a.lam)
        seconds += s
        # a class absent from a training fold gets probability 0
        p = clf.predict_proba(Zte)
        for j, c in enumerate(clf.classes_):
            probs[te, np.searchsorted(classes, c)] = p[:, j]

    pred = classes[probs.argmax(axis=1)]
    Zall, _ = standardise(X, X[:1])
    if a.splines:
        Zall, _ = with_splines(Zall, Zall[:1], a.splines)
    full, full_s = fit(Zall, y, a.lam)
    print(json.dumps({
        "n": int(len(y)),
        "k": int(len(np.unique(fold))),
        "lambda": a.lam,
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "macro_f1": round(float(f1_score(y, pred, average="macro", labels=np.unique(y), zero_division=0)), 4),
        "log_loss": round(float(log_loss(y, probs, labels=classes)), 4),
        "train_seconds": round(seconds, 4),
        "full_fit_seconds": round(full_s, 4),
        "full_fit_iterations": int(full.n_iter_[0]),
        "coef_first_class": [round(float(v), 4) for v in full.coef_[0]],
    }))


if __name__ == "__main__":
    main()
