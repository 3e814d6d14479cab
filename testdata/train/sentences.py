#!/usr/bin/env python3
"""Build testdata/train/sentences.jsonl.gz: one-sentence training pages.

1. The MTMPC rewrite pairs (mtmpc-pan10-sentence-paraphrase, Madnani et
   al. 2012, PAN-PC-10 train split, human labels) that build.py leaves
   unused, as pages of one sentence each, in a crawl of their own: positive
   pairs 1501 to 3000 give a source (original) and its rewrite (spun,
   source_id the source), negative pairs 601 to 1500 two independent
   originals. Pairs 3001 on (positive) and 1501 on (negative) are left for
   `spinscan eval`.
2. The first half of the MRPC dev pairs (mrpc, Dolan, Quirk & Brockett
   2004/2005, Microsoft Research, research use): news sentences of
   different outlets on one story, each an original (the corpus README:
   independently written versions of one event, not spun text; its labels
   are null, "original" is this file's reading), in a crawl of their own.
   The other half is left for `spinscan eval`.

They train the crawl model's short model (`spinscan train --short`,
model.Options.Short).

It also writes testdata/train/samestory.jsonl.gz: the paraphrase pairs
(judged 1) of that first half of MRPC, six at a time, assembled into two
documents, one of each outlet's sentences, both originals, in a crawl of
their own: two outlets' own reports of one story, which the embedded model
trains on (train-only rows) so that a same-language peer reworded without
a direction reads as what it is.

    python3 testdata/train/sentences.py ../shared/corpus testdata/train [MTMPC_EVAL.jsonl [MRPC_EVAL.jsonl [MRPC_DOCS_EVAL.jsonl]]]

With MTMPC_EVAL.jsonl it also writes the mtmpc samples of the pairs neither
this file nor build.py uses (11 000 pages: 2 000 positive and 3 500
negative pairs and their sentences), and with MRPC_EVAL.jsonl the sentences
of the other half of the MRPC dev pairs that the first half does not hold
(label null), for `spinscan eval`; with MRPC_DOCS_EVAL.jsonl the paraphrase
pairs of that other half assembled as samestory.jsonl.gz assembles the first
half's (label null): two outlets' own reports of one story that no training
file holds.

Deterministic: the same corpus gives the same bytes.
"""
import gzip
import json
import os
import sys

POS = (1500, 3000)  # slice of the positive pairs (build.py uses the first 1500)
NEG = (600, 1500)   # slice of the negative pairs (build.py uses the first 600)


def main(corpus, out_dir):
    src = os.path.join(corpus, "mtmpc-pan10-sentence-paraphrase")
    mt = {}
    with open(os.path.join(src, "samples.jsonl")) as f:
        for line in f:
            o = json.loads(line)
            mt[o["id"]] = o
    with open(os.path.join(src, "pairs.jsonl")) as f:
        pairs = [json.loads(line) for line in f]
    pos = [p["pair_id"] for p in pairs if p["paraphrase"] == 1][POS[0]:POS[1]]
    neg = [p["pair_id"] for p in pairs if p["paraphrase"] == 0][NEG[0]:NEG[1]]

    def page(pid, label, text, group, source_id=None):
        o = {"id": pid, "label": label, "text": text, "lang": "en", "group": group,
             "granularity": "sentence", "crawl": "sentences"}
        if source_id:
            o["source_id"] = source_id
        return o

    rows = []
    for c in pos:
        g = "mtmpc-sent:" + c.split(":")[-1]
        rows.append(page(g + ":src", "original", mt[c + ":s1"]["text"], g))
        rows.append(page(g + ":rw", "spun", mt[c + ":s2"]["text"], g, source_id=g + ":src"))
    for c in neg:
        g = "mtmpc-sentneg:" + c.split(":")[-1]
        rows.append(page(g + ":a", "original", mt[c + ":s1"]["text"], g))
        rows.append(page(g + ":b", "original", mt[c + ":s2"]["text"], g))
    first, _ = mrpc_halves(corpus)
    seen = set()
    for a, b, _ in first:
        g = "mrpc-train:" + a[0]
        for sid, text in (a, b):
            if sid not in seen:
                seen.add(sid)
                o = page("mrpc:" + sid, "original", text, g)
                o["crawl"] = "mrpc"
                rows.append(o)
    write_gz(os.path.join(out_dir, "sentences.jsonl.gz"), rows)
    docs = []
    para = [p for p in first if p[2]]
    for k in range(0, len(para) - 5, 6):
        chunk = para[k:k + 6]
        g = "mrpc-doc:" + chunk[0][0][0]
        for side, suffix in ((0, ":a"), (1, ":b")):
            docs.append({"id": g + suffix, "label": "original", "text": " ".join(p[side][1] for p in chunk),
                         "lang": "en", "group": g, "granularity": "document", "crawl": "samestory"})
    write_gz(os.path.join(out_dir, "samestory.jsonl.gz"), docs)
    return mt, pairs


def write_gz(path, rows):
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            for o in rows:
                gz.write((json.dumps(o, ensure_ascii=False) + "\n").encode())
    print("wrote %s: %d pages" % (path, len(rows)))


def mrpc_halves(corpus):
    """The MRPC dev pairs ((id, text), (id, text), paraphrase), split in
    two halves."""
    pairs = []
    path = os.path.join(corpus, "mrpc", "msr_paraphrase_train.txt")
    with open(path, encoding="utf-8-sig") as f:
        for i, line in enumerate(f):
            cols = line.rstrip("\r\n").split("\t")
            if i > 0 and len(cols) == 5:
                pairs.append(((cols[1], cols[3]), (cols[2], cols[4]), cols[0] == "1"))
    half = len(pairs) // 2
    return pairs[:half], pairs[half:]


def write_mrpc_eval(corpus, path):
    """Writes the sentences of the second half of the MRPC dev pairs that
    the first half does not hold, unlabelled."""
    first, second = mrpc_halves(corpus)
    used = {s[0] for p in first for s in p[:2]}
    n = 0
    with open(path, "w") as out:
        for p in second:
            for sid, text in p[:2]:
                if sid not in used:
                    used.add(sid)
                    out.write(json.dumps({"id": "mrpc:" + sid, "label": None, "text": text, "lang": "en",
                                          "granularity": "sentence"}, ensure_ascii=False) + "\n")
                    n += 1
    print("wrote %s: %d samples" % (path, n))


def write_mrpc_docs_eval(corpus, path):
    """Writes the paraphrase pairs of the second half of the MRPC dev pairs
    whose sentences the first half does not hold, six at a time, as two
    documents of a crawl of their own, unlabelled."""
    first, second = mrpc_halves(corpus)
    used = {s[0] for p in first for s in p[:2]}
    para = [p for p in second if p[2] and p[0][0] not in used and p[1][0] not in used]
    n = 0
    with open(path, "w") as out:
        for k in range(0, len(para) - 5, 6):
            chunk = para[k:k + 6]
            g = "mrpc-doc-eval:" + chunk[0][0][0]
            for side, suffix in ((0, ":a"), (1, ":b")):
                out.write(json.dumps({"id": g + suffix, "label": None, "text": " ".join(p[side][1] for p in chunk),
                                      "lang": "en", "group": g, "granularity": "document", "crawl": g},
                                     ensure_ascii=False) + "\n")
                n += 1
    print("wrote %s: %d samples" % (path, n))


def write_eval(corpus, mt, pairs, path):
    """Writes the samples of the pairs neither build.py nor this file uses."""
    pos = [p["pair_id"] for p in pairs if p["paraphrase"] == 1]
    neg = [p["pair_id"] for p in pairs if p["paraphrase"] == 0]
    used = set(pos[:POS[1]]) | set(neg[:NEG[1]])
    n = 0
    with open(os.path.join(corpus, "mtmpc-pan10-sentence-paraphrase", "samples.jsonl")) as f, open(path, "w") as out:
        for line in f:
            if json.loads(line)["id"].rsplit(":", 1)[0] not in used:
                out.write(line)
                n += 1
    print("wrote %s: %d samples" % (path, n))


if __name__ == "__main__":
    mt, pairs = main(sys.argv[1], sys.argv[2])
    if len(sys.argv) > 3:
        write_eval(sys.argv[1], mt, pairs, sys.argv[3])
    if len(sys.argv) > 4:
        write_mrpc_eval(sys.argv[1], sys.argv[4])
    if len(sys.argv) > 5:
        write_mrpc_docs_eval(sys.argv[1], sys.argv[5])
