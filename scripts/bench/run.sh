#!/bin/sh
# run.sh reproduces the figures in BENCHMARKS.md. Generated data goes to
# $OUT (default /tmp/spinscan-bench), never into the repository.
# Usage: scripts/bench/run.sh [gold|growth N...|lite N...]
# lite: the growth crawl with every source page cut to 120 words of prose
# (gencrawl -words), for a million records within an hour.
set -e
OUT=${OUT:-/tmp/spinscan-bench}
GOLD=${GOLD:-../shared/corpus/web-pages-gold/pages}
mkdir -p "$OUT"
go build -o "$OUT/spinscan" ./cmd/spinscan
go build -o "$OUT/spinscan-baseline" ./cmd/spinscan-baseline
T="/usr/bin/time -f %e_s_wall_%M_KB_maxrss"
case "$1" in
gold)
	go run ./scripts/bench/gencrawl -src "$GOLD" -o "$OUT/gold.warc.gz"
	for j in 1 2; do
		$T "$OUT/spinscan-baseline" -j $j "$OUT/gold.warc.gz"
		$T "$OUT/spinscan" score -j $j -o "$OUT/gold-j$j.jsonl" "$OUT/gold.warc.gz" || true
	done
	;;
growth)
	shift
	for n in "$@"; do
		go run ./scripts/bench/gencrawl -src "$GOLD" -n "$n" -o "$OUT/crawl-$n.warc.gz"
		$T "$OUT/spinscan" score -o "$OUT/crawl-$n.jsonl" "$OUT/crawl-$n.warc.gz" || true
	done
	;;
lite)
	shift
	for n in "$@"; do
		go run ./scripts/bench/gencrawl -src "$GOLD" -n "$n" -words 120 -o "$OUT/lite-$n.warc.gz"
		$T "$OUT/spinscan" score -o "$OUT/lite-$n.jsonl" "$OUT/lite-$n.warc.gz" || true
	done
	;;
*)
	echo "usage: $0 gold | growth N... | lite N..." >&2
	exit 2
	;;
esac
