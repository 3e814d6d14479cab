// Command spinscan finds content-farm copies in a web crawl: for every page
// it decides original, reprint, spun or translated, with probabilities and
// the evidence behind them. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/spinscan/spinscan/cmd/spinscan/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
