package comments_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/comments"
	"github.com/spinscan/spinscan/features/extract"
)

func TestScratchSeeds(t *testing.T) {
	fs, _ := filepath.Glob("../../testdata/seeds/*.txt")
	for _, f := range fs {
		b, _ := os.ReadFile(f)
		p, err := extract.Extract(features.Record{ID: f, Kind: features.KindText, Body: b})
		if err != nil { t.Fatal(err) }
		st := comments.Measure(p, p.Comments)
		t.Logf("%s: %+v signals=%v junk=%v", filepath.Base(f), st, st.Signals(), st.Junk())
		for _, c := range p.Comments { t.Logf("  %q %v %q", c.Author, c.Time, c.Text) }
	}
}

func TestScratchRestate(t *testing.T) {
	b, _ := os.ReadFile("../../testdata/seeds/001_f57f713da8e1d060.txt")
	p, _ := extract.Extract(features.Record{ID: "x", Kind: features.KindText, Body: b})
	var body []map[string]bool
	all := map[string]bool{}
	for _, s := range p.Sentences { m := comments.StemSet(s); body = append(body, m); for k := range m { all[k] = true } }
	for _, c := range p.Comments {
		cs := comments.StemSet(c.Text)
		n := 0
		for k := range cs { if all[k] { n++ } }
		r, _ := comments.Restates(cs, body); t.Logf("%.2f %.2f %d %s", r, float64(n)/float64(len(cs)), len(cs), c.Author)
	}
}

func TestScratchDist(t *testing.T) {
	if os.Getenv("SPINSCAN_EVAL") == "" { t.Skip() }
	for _, g := range readGold(t) {
		if g.Gold.Trafilatura == nil { continue }
		p, err := loadGold(t, g)
		if err != nil || len(p.Comments) < 2 { continue }
		var body []map[string]bool
		all := map[string]bool{}
		for _, s := range p.Sentences { m := comments.StemSet(s); body = append(body, m); for k := range m { all[k] = true } }
		var a, b []float64
		for _, c := range p.Comments {
			cs := comments.StemSet(c.Text)
			n := 0
			for k := range cs { if all[k] { n++ } }
			r, _ := comments.Restates(cs, body); a = append(a, r)
			if len(cs) >= 3 { b = append(b, float64(n)/float64(len(cs))) } else { b = append(b, 0) }
		}
		st := comments.Measure(p, p.Comments)
		_ = a; _ = b; t.Logf("%s n=%d lang=%s restating=%d handles=%d burst=%v span=%.0f generic=%d links=%d", g.ID, len(p.Comments), g.Lang, st.Restating, st.Handles, st.Burst, st.SpanHours, st.Generic, st.Links)
	}
}
