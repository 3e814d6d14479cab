package dates_test

import (
	"testing"
	"time"

	"github.com/spinscan/spinscan/features/dates"
	"github.com/spinscan/spinscan/features/internal/webgold"
)

// TestWeightHalves measures the vote weights on the web-pages-gold dev
// pages split in two halves (even and odd manifest positions): exact-day
// accuracy with the current weights, the share of pages whose gold day is
// among the days they state (the vote's ceiling), and each weight changed
// alone, so a change is kept only when it helps both halves.
func TestWeightHalves(t *testing.T) {
	type item struct {
		ev   *dates.Evidence
		gold time.Time
	}
	var items []item
	for _, it := range webgold.Measure(t) {
		g, err := time.Parse(time.DateOnly, it.Gold.Date)
		if err != nil {
			continue
		}
		ev := &dates.Evidence{}
		if p, err := it.Extract(); err == nil {
			ev = dates.Find(p)
		}
		items = append(items, item{ev, g})
	}
	score := func(w map[dates.Source]float64, half int) int {
		n := 0
		for i, it := range items {
			if i%2 == half && dates.Revote(it.ev, w).Equal(it.gold) {
				n++
			}
		}
		return n
	}
	ceiling := 0
	for _, it := range items {
		for _, d := range dates.Days(it.ev) {
			if d.Equal(it.gold) {
				ceiling++
				break
			}
		}
	}
	t.Logf("%d pages; current weights: half A %d, half B %d exact; gold day among the stated days: %d", len(items), score(dates.Weights, 0), score(dates.Weights, 1), ceiling)
	sources := append([]dates.Source{dates.SourceRecord, dates.SourceHTMLDate, dates.SourceURL, dates.SourceItemprop, dates.SourceMeta, dates.SourceJSONLD, dates.SourceTime, dates.SourceModified, dates.SourceStamp}, dates.InternalSources...)
	for _, s := range sources {
		for _, v := range []float64{0, 0.5, 1, 1.5, 2, 3} {
			w := map[dates.Source]float64{}
			for k, x := range dates.Weights {
				w[k] = x
			}
			w[s] = v
			t.Logf("%-10s %.1f: A %d  B %d", s, v, score(w, 0), score(w, 1))
		}
	}
}
