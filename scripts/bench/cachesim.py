#!/usr/bin/env python3
"""Simulates the paraphrase family's peer-analysis cache on a scored crawl.

Usage: scripts/bench/cachesim.py ROWS.jsonl

Reads the `cluster` of each row of `spinscan score` output (input order),
gives each page the peers the engine gives it (the first 64 other members
of its cluster in input order, `scan.DefaultMaxPeers`, of which the family
compares the first 40, `paraphrase.maxPeers`) and replays the lookups, in
input order (each page itself, then its peers, as the family asks; a page
with no peer is analysed outside the cache, which the replay counts as a
miss, so that misses are all the analyses made), through
a two-generation cache like `paraphrase.docCache` (keyed by page id) for
several sizes per generation. Prints lookups, misses (each one a full
analysis of a page) and the miss rate. One worker's order: with -j N the
engine interleaves N pages, which changes little.
"""
import collections
import json
import sys

MAX_PEERS, COMPARED = 64, 40

rows = []
with open(sys.argv[1]) as f:
    for line in f:
        rows.append(json.loads(line).get("cluster"))
members = collections.defaultdict(list)
for i, c in enumerate(rows):
    if c:
        members[c].append(i)


def peers(i):
    c = rows[i]
    if not c:
        return []
    return [j for j in members[c] if j != i][:MAX_PEERS][:COMPARED]


print(f"{len(rows)} pages")
for size in (256, 512, 1024, 2048, 4096):
    cur, old = set(), set()
    lookups = misses = 0
    for i in range(len(rows)):
        for j in [i] + peers(i):
            lookups += 1
            if j in cur:
                continue
            if j not in old:
                misses += 1
            if len(cur) >= size:
                old, cur = cur, set()
            cur.add(j)
    print(f"cache {size} per generation: lookups {lookups}, misses {misses} ({misses / max(lookups, 1):.3f}), {misses / len(rows):.2f} analyses a page")
