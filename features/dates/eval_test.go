package dates_test

import (
	"bytes"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/dates"
	"github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/internal/webgold"
)

// TestDateAccuracy measures the published date (the dates family's
// Result.Published, which the engine writes as the row's `published`) on
// the web-pages-gold dev pages with a hand-checked htmldate publication
// date: exact-day accuracy, within-a-day accuracy, and the same for plain
// go-htmldate (default options) as the baseline, and how many misses are
// pages whose gold date is the date the page itself labels as its last
// modification (the htmldate gold often takes the latest date).
// SPINSCAN_EVAL=1 go test ./features/dates -run TestDateAccuracy -v
func TestDateAccuracy(t *testing.T) {
	var items []webgold.Page
	for _, it := range webgold.Measure(t) {
		if _, err := time.Parse(time.DateOnly, it.Gold.Date); err == nil {
			items = append(items, it)
		}
	}
	// modified: the page states the gold date as its last-modified or
	// "Updated" date (markup or a labelled stamp).
	type outcome struct {
		ours, base time.Time
		modified   bool
	}
	out := make([]outcome, len(items))
	fam := dates.Family()
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				b, err := items[i].Body()
				if err != nil {
					continue
				}
				p, err := extract.Extract(features.Record{ID: items[i].ID, URL: items[i].URL, Kind: features.KindHTML, Body: b})
				if err == nil {
					vals := make([]float64, len(fam.Columns))
					var r features.Result
					fam.Extract(p, &features.Context{}, vals, &r)
					out[i].ours = r.Published
					gold := items[i].Gold.Date
					ev := dates.Find(p)
					for _, c := range ev.Markup {
						if c.Source == dates.SourceModified && c.Time.Format(time.DateOnly) == gold {
							out[i].modified = true
						}
					}
					for _, st := range ev.Stamps {
						if st.Label == "updated" && st.Time.Format(time.DateOnly) == gold {
							out[i].modified = true
						}
					}
				}
				if doc, err := html.Parse(bytes.NewReader(b)); err == nil {
					if r, err := htmldate.FromDocument(doc, htmldate.Options{URL: items[i].URL}); err == nil && !r.IsZero() {
						out[i].base = r.DateTime
					}
				}
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	var exact, day, none, bExact, bDay, missModified int
	for i, it := range items {
		gold, _ := time.Parse(time.DateOnly, it.Gold.Date)
		score := func(got time.Time, e, d *int) string {
			if got.IsZero() {
				return "none"
			}
			g := time.Date(got.Year(), got.Month(), got.Day(), 0, 0, 0, 0, time.UTC)
			diff := g.Sub(gold).Hours() / 24
			if diff == 0 {
				*e++
			}
			if diff >= -1 && diff <= 1 {
				*d++
			}
			return g.Format(time.DateOnly)
		}
		got := score(out[i].ours, &exact, &day)
		score(out[i].base, &bExact, &bDay)
		if got == "none" {
			none++
		}
		if got != it.Gold.Date && out[i].modified {
			missModified++
		}
		if got != it.Gold.Date && os.Getenv("SPINSCAN_EVAL") == "v" {
			t.Logf("miss %s %s gold=%s got=%s", it.ID, it.URL, it.Gold.Date, got)
		}
	}
	n := float64(len(items))
	t.Logf("web-pages-gold dev pages with a gold date: %d", len(items))
	t.Logf("published (dates family): exact day %d (%.3f), within a day %d (%.3f), no date %d", exact, float64(exact)/n, day, float64(day)/n, none)
	t.Logf("misses where the gold date is the page's own stated last-modified/updated date: %d", missModified)
	t.Logf("go-htmldate default:      exact day %d (%.3f), within a day %d (%.3f)", bExact, float64(bExact)/n, bDay, float64(bDay)/n)
}
