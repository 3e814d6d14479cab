package dates_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/dates"
	"github.com/spinscan/spinscan/features/extract"
)

// seedPages reads the seed pages (testdata/seeds at the repository root)
// through extraction, as a crawl of one story.
func seedPages(t *testing.T) []*features.Page {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/seeds/00*.txt")
	if len(files) == 0 {
		t.Skip("no seeds in ../../testdata/seeds")
	}
	var pages []*features.Page
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := extract.Extract(features.Record{ID: filepath.Base(f), Kind: features.KindText, Body: b})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		pages = append(pages, p)
	}
	return pages
}

func TestSeeds(t *testing.T) {
	pages := seedPages(t)
	want := map[string]bool{"003": true, "004": true}
	fam := dates.Family()
	for _, alone := range []bool{true, false} {
		for _, p := range pages {
			c := &features.Context{}
			if !alone {
				for _, q := range pages {
					if q != p {
						c.Peers = append(c.Peers, q)
					}
				}
			}
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, c, vals, &r)
			got := len(r.Flags) > 0
			id := p.ID[:3]
			t.Logf("alone=%v %s published=%s vals=%v\n\t%s", alone, id, r.Published.Format("2006-01-02"), vals, strings.Join(r.Evidence, "\n\t"))
			if got != want[id] {
				t.Errorf("alone=%v seed %s: date_anomaly = %v, want %v", alone, id, got, want[id])
			}
		}
	}
}

// TestSettledVote checks that the dates family reads a page the same
// whether extraction settled its date vote (Settle, the engine's way) or
// the family runs the vote itself (a Page built without extraction).
func TestSettledVote(t *testing.T) {
	pages := seedPages(t)
	fam := dates.Family()
	for _, p := range pages {
		if !p.DateVote.Done {
			t.Fatalf("%s: extraction did not settle the date vote", p.ID)
		}
		c := &features.Context{Peers: pages}
		run := func(p *features.Page) ([]float64, features.Result) {
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, c, vals, &r)
			return vals, r
		}
		v1, r1 := run(p)
		bare := *p
		bare.DateVote = features.DateVote{}
		v2, r2 := run(&bare)
		if !slices.Equal(v1, v2) || !r1.Published.Equal(r2.Published) || !slices.Equal(r1.Evidence, r2.Evidence) {
			t.Errorf("%s: settled %v %v %q, unsettled %v %v %q", p.ID, v1, r1.Published, r1.Evidence, v2, r2.Published, r2.Evidence)
		}
		if !p.Published.Equal(r1.Published) && !r1.Published.IsZero() {
			t.Errorf("%s: page published %v, family %v", p.ID, p.Published, r1.Published)
		}
	}
}
