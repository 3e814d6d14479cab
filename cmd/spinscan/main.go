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

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
