#!/bin/sh
# alternate.sh runs commands in turn, ROUNDS times, and prints each
# command's wall and CPU seconds (minimum and median over the rounds).
# The VM this project is measured on drifts by up to 25% between minutes,
# so programs are compared only within the same rounds; the minimum is
# the least disturbed run.
#
# Usage: ROUNDS=5 scripts/bench/alternate.sh 'label=command' ...
# With PIN=1 every command runs under `taskset -c 0` (one core, its
# garbage collector included). With REF=label, each round's wall time of
# that command is divided by every other command's of the same round
# (REF=baseline: how many times faster than the baseline), and the
# ratios are printed.
set -e
ROUNDS=${ROUNDS:-5}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pin=
[ "${PIN:-0}" = 1 ] && pin="taskset -c 0"
i=0
while [ $i -lt "$ROUNDS" ]; do
	for spec in "$@"; do
		label=${spec%%=*}
		cmd=${spec#*=}
		/usr/bin/time -a -o "$log" -f "$label %e %U %S %M" $pin sh -c "$cmd" >/dev/null 2>&1 || true
	done
	i=$((i + 1))
done
python3 - "$log" "${REF:-}" <<'PY'
import statistics, sys
runs = {}
ref = sys.argv[2]
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 5:
        runs.setdefault(f[0], []).append((float(f[1]), float(f[2]) + float(f[3]), int(f[4])))
print(f"{'label':24} {'n':>2} {'wall min':>9} {'wall med':>9} {'cpu min':>8} {'cpu med':>8} {'maxRSS MB':>9}")
for label, r in runs.items():
    w = [x[0] for x in r]; c = [x[1] for x in r]
    print(f"{label:24} {len(r):2} {min(w):9.2f} {statistics.median(w):9.2f} {min(c):8.2f} {statistics.median(c):8.2f} {max(x[2] for x in r)/1024:9.0f}")
if ref in runs:
    print(f"\nwall of {ref} / wall of each, round by round:")
    for label, r in runs.items():
        if label != ref:
            q = [a[0] / b[0] for a, b in zip(runs[ref], r)]
            print(f"{label:24} " + " ".join(f"{x:.2f}" for x in q) + f"  (median {statistics.median(q):.2f})")
PY
