// Command spinscan-baseline is the yardstick of spinscan's speed: it runs
// go-trafilatura and go-htmldate alone, as a user would, one page at a time
// over the same input spinscan reads (a folder of HTML, a .warc.gz, JSONL),
// and reports pages per second.
//
// Each page is decoded (charset detection as spinscan does), then
// trafilatura.Extract runs on the bytes (it parses the HTML and runs
// htmldate inside for its metadata), then htmldate.FromReader runs
// separately on the same bytes, as a user wanting the publication date
// would. Saved-text records are skipped (neither library reads them).
//
// Usage:
//
//	spinscan-baseline [-j N] INPUT...
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/extract"
)

func main() {
	workers := flag.Int("j", 1, "worker goroutines")
	cpuprofile := flag.String("cpuprofile", "", "write a pprof CPU profile to `FILE`")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: spinscan-baseline [-j N] INPUT...")
		os.Exit(2)
	}
	jobs := make(chan features.Record, *workers)
	var mu sync.Mutex
	var pages, failed, dated int
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rec := range jobs {
				ok, hasDate := one(rec)
				mu.Lock()
				pages++
				if !ok {
					failed++
				}
				if hasDate {
					dated++
				}
				mu.Unlock()
			}
		}()
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "spinscan-baseline:", err)
			os.Exit(1)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	_, err := crawl.Read(context.Background(), flag.Args(), os.Stdin, crawl.Options{}, func(r features.Record) error {
		if r.Err != nil || r.Kind != features.KindHTML {
			return nil
		}
		jobs <- r
		return nil
	})
	close(jobs)
	wg.Wait()
	el := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, "spinscan-baseline:", err)
	}
	fmt.Printf("pages %d failed %d dated %d seconds %.2f pages/s %.1f workers %d\n",
		pages, failed, dated, el.Seconds(), float64(pages)/el.Seconds(), *workers)
}

// one runs both libraries on one record: trafilatura for the main text and
// metadata, htmldate for the publication date.
func one(rec features.Record) (ok, hasDate bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	body, err := extract.Decode(rec.Body, rec.ContentType)
	if err != nil {
		return false, false
	}
	opts := trafilatura.Options{Focus: trafilatura.Balanced, HtmlDateOptions: &htmldate.Options{UseOriginalDate: true}}
	if u, err := url.ParseRequestURI(rec.URL); err == nil && rec.URL != "" {
		opts.OriginalURL = u
	}
	_, terr := trafilatura.Extract(bytes.NewReader([]byte(body)), opts)
	res, derr := htmldate.FromReader(bytes.NewReader([]byte(body)), htmldate.Options{UseOriginalDate: true})
	return terr == nil, derr == nil && !res.DateTime.IsZero()
}
