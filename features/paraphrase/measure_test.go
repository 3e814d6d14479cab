package paraphrase

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/cluster"
	"github.com/spinscan/spinscan/features/internal/devcorpus"
)

// The measurements in this file read the dev corpus in ../shared/corpus and
// take from seconds to minutes; they run only with SPINSCAN_EVAL=1:
//
//	SPINSCAN_EVAL=1 go test ./features/paraphrase -run Measure -v

type sample = devcorpus.Sample

func measuring(t *testing.T) {
	t.Helper()
	if os.Getenv("SPINSCAN_EVAL") == "" {
		t.Skip("set SPINSCAN_EVAL=1 to run corpus measurements")
	}
	if _, err := os.Stat(devcorpus.Dir()); err != nil {
		t.Skip("no ../shared/corpus")
	}
}

// readSamples reads a dataset's samples.jsonl (or manifest.jsonl) and loads
// each item's text.
func readSamples(t *testing.T, dataset, file string) []sample {
	return devcorpus.Samples(t, dataset, file)
}

func labelOf(s sample) string {
	if s.Label == nil {
		return "null"
	}
	return *s.Label
}

func TestMeasureMTMPC(t *testing.T) {
	measuring(t)
	ss := readSamples(t, "mtmpc-pan10-sentence-paraphrase", "samples.jsonl")
	pages := make([]*features.Page, len(ss))
	for i, s := range ss {
		pages[i] = textPage(s.ID, "en", s.Text)
	}
	clusters, res, vals := scoreCrawl(pages)
	idx := map[string]int{}
	for i, s := range ss {
		idx[s.ID] = i
	}
	var spun, together, attributed, s1names int
	flagged := map[string][2]int{}
	for i, s := range ss {
		l := labelOf(s)
		c := flagged[l]
		c[0]++
		if hasFlag(res[i], "reworded_copy") {
			c[1]++
		}
		flagged[l] = c
		if l != "spun" {
			continue
		}
		spun++
		j := idx[s.SourceID]
		if clusters[i] != "" && clusters[i] == clusters[j] {
			together++
		}
		if res[i].Source == s.SourceID {
			attributed++
		}
		if res[j].Source == s.ID {
			s1names++
		}
	}
	t.Logf("mtmpc: %d spun; same cluster as source %d (%.3f); source attributed %d (%.3f); source names the copy %d",
		spun, together, float64(together)/float64(spun), attributed, float64(attributed)/float64(spun), s1names)
	for l, c := range flagged {
		t.Logf("mtmpc: label %-8s reworded_copy %d/%d (%.3f)", l, c[1], c[0], float64(c[1])/float64(c[0]))
	}
	_ = vals
}

func TestMeasureClough(t *testing.T) {
	measuring(t)
	ss := readSamples(t, "clough-stevenson-short-answers", "manifest.jsonl")
	pages := make([]*features.Page, len(ss))
	for i, s := range ss {
		pages[i] = textPage(s.ID, "en", s.Text)
	}
	clusters, res, vals := scoreCrawl(pages)
	idx := map[string]int{}
	for i, s := range ss {
		idx[s.ID] = i
	}
	type agg struct {
		n, clustered, attributed int
		sum                      []float64
		flags                    map[string]int
		named                    map[string]int // category of the page named as source
	}
	by := map[string]*agg{}
	for i, s := range ss {
		a := by[s.Category]
		if a == nil {
			a = &agg{sum: make([]float64, len(columns)), flags: map[string]int{}, named: map[string]int{}}
			by[s.Category] = a
		}
		a.n++
		if clusters[i] != "" {
			a.clustered++
		}
		if s.SourceID != "" && res[i].Source == s.SourceID {
			a.attributed++
		}
		if res[i].Source != "" {
			if j, ok := idx[res[i].Source]; ok {
				a.named[ss[j].Category]++
			}
		} else {
			a.named["none"]++
		}
		for j := range columns {
			a.sum[j] += vals[i][j]
		}
		for _, f := range res[i].Flags {
			a.flags[f]++
		}
	}
	for _, cat := range []string{"orig", "cut", "light", "heavy", "non"} {
		a := by[cat]
		if a == nil {
			continue
		}
		var b strings.Builder
		for j, c := range columns {
			if j == colHasPeer || j == colPeers || j == colForeign {
				continue
			}
			b.WriteString(c + "=")
			b.WriteString(strings.TrimRight(strings.TrimRight(ftoa(a.sum[j]/float64(a.n)), "0"), "."))
			b.WriteString(" ")
		}
		t.Logf("clough %-5s n=%2d clustered=%d attributed=%d source named (by its category)=%v flags=%v\n    means: %s", cat, a.n, a.clustered, a.attributed, a.named, a.flags, b.String())
	}
}

func ftoa(f float64) string {
	return strings.TrimSpace(strings.Replace(fmtF(f), " ", "", -1))
}

func fmtF(f float64) string { return strings.TrimSpace(sprintf("%.3f", f)) }

var _ = cluster.Sign

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }
