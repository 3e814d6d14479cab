#!/usr/bin/env python3
"""clstats.py summarises the story clusters of spinscan rows scored on a
gencrawl crawl, whose urls (/story/<variant>/<copy>) say which story variant
each page copies; variant v copies source page v mod SOURCES (886 for the
web-pages-gold pages).

Usage: scripts/bench/clstats.py ROWS.jsonl... (SOURCES=886 by default)
"""
import collections
import json
import os
import re
import sys

SOURCES = int(os.environ.get("SOURCES", "886"))

for f in sys.argv[1:]:
    cl = collections.defaultdict(list)
    n = err = 0
    with open(f) as rows:
        for line in rows:
            r = json.loads(line)
            n += 1
            if r.get("error"):
                err += 1
            m = re.search(r"/story/(\d+)/(\d+)", r.get("url") or "")
            if r.get("cluster") and m:
                cl[r["cluster"]].append(int(m.group(1)))
    sizes = [len(v) for v in cl.values()] or [0]
    multi_var = sum(len(v) for v in cl.values() if len(set(v)) > 1)
    multi_src = sum(len(v) for v in cl.values() if len({x % SOURCES for x in v}) > 1)
    print(f"{f}: rows {n}, errors {err}, clusters {len(cl)}, largest {max(sizes)}, "
          f"pages in clusters over 50 {sum(s for s in sizes if s > 50)}, "
          f"in clusters joining variants {multi_var}, "
          f"joining source pages {multi_src} ({100 * multi_src / max(n, 1):.1f}%)")
