// Command spinscan finds content-farm copies in a web crawl: for every page
// it decides original, reprint, spun or translated, with probabilities and
// the evidence behind them. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spinscan/spinscan/cmd/spinscan/internal/cli"
)

// memoryLimit is the Go heap's soft limit unless GOMEMLIMIT sets one: near
// it the garbage collector works harder instead of letting the heap grow to
// twice the live data, which is what made peak RSS grow on large crawls.
const memoryLimit = 1536 << 20

// gcPercent is the garbage collector's GOGC unless the environment sets
// one: the heap may grow to three times its live data before a collection
// instead of twice, up to memoryLimit. On the web-pages-gold crawl pinned
// to one core that made spinscan 9% faster (median of six alternating
// rounds) for 90 MB more peak RSS; on the 10k synthetic crawl 3% faster
// for 0.76 -> 1.06 GB (BENCHMARKS.md). The soft limit keeps large crawls
// where they were: with a big live heap both settings collect at the limit.
const gcPercent = 200

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
