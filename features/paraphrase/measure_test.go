package paraphrase

import (
	"fmt"
	"os"
	"path/filepath"
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

// TestMeasureMRPC scores the MRPC dev sentences as one crawl: independent
// outlets' sentences on the same story, the "same event, own words"
// baseline. A sentence that names its pair as its source, or is flagged a
// reworded copy, is a false alarm of the peer comparison (MRPC also holds
// some wire re-use, so not every one is wrong).
func TestMeasureMRPC(t *testing.T) {
	measuring(t)
	dir := filepath.Join(devcorpus.Dir(), "mrpc")
	b, err := os.ReadFile(filepath.Join(dir, "msr_paraphrase_train.txt"))
	if err != nil {
		t.Skip(err)
	}
	type pair struct {
		a, b       string
		paraphrase bool
	}
	var pairs []pair
	var pages []*features.Page
	idx := map[string]int{}
	add := func(id, text string) {
		if _, ok := idx[id]; !ok {
			idx[id] = len(pages)
			pages = append(pages, textPage(id, "en", text))
		}
	}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if i == 0 || len(f) != 5 {
			continue
		}
		add(f[1], f[3])
		add(f[2], f[4])
		pairs = append(pairs, pair{f[1], f[2], f[0] == "1"})
	}
	clusters, res, _ := scoreCrawl(pages)
	for _, para := range []bool{true, false} {
		var n, together, named, flagged int
		for _, p := range pairs {
			if p.paraphrase != para {
				continue
			}
			n++
			i, j := idx[p.a], idx[p.b]
			if clusters[i] != "" && clusters[i] == clusters[j] {
				together++
			}
			if res[i].Source == p.b || res[j].Source == p.a {
				named++
			}
			if hasFlag(res[i], "reworded_copy") || hasFlag(res[j], "reworded_copy") {
				flagged++
			}
		}
		t.Logf("mrpc paraphrase=%v: %d pairs; same cluster %d (%.3f); one names the other as source %d (%.3f); reworded_copy on either %d (%.3f)",
			para, n, together, float64(together)/float64(n), named, float64(named)/float64(n), flagged, float64(flagged)/float64(n))
	}
}

// TestMeasurePunctuationCue counts, over the gold copy–source pairs of
// mtmpc and Clough, how often the copy has fewer (or more) punctuation
// marks per word than its source: the evidence behind the punctuation term
// of direction.
func TestMeasurePunctuationCue(t *testing.T) {
	measuring(t)
	rate := func(d *doc, marks string) float64 {
		n := 0
		for _, s := range d.sents {
			for _, r := range s.text {
				if strings.ContainsRune(marks, r) {
					n++
				}
			}
		}
		return float64(n) / float64(max(1, d.nwords))
	}
	cues := []struct {
		name string
		of   func(*doc) float64
	}{
		{"commas", func(d *doc) float64 { return rate(d, ",") }},
		{"semicolons and colons", func(d *doc) float64 { return rate(d, ";:") }},
		{"brackets and dashes", func(d *doc) float64 {
			return rate(d, "()—–") + float64(strings.Count(d.page.Text, "--"))/float64(max(1, d.nwords))
		}},
		{"weighted (direction's term)", func(d *doc) float64 { return d.punct }},
	}
	for _, ds := range []struct{ name, file string }{
		{"mtmpc-pan10-sentence-paraphrase", "samples.jsonl"},
		{"clough-stevenson-short-answers", "manifest.jsonl"},
	} {
		ss := readSamples(t, ds.name, ds.file)
		text := map[string]string{}
		for _, s := range ss {
			text[s.ID] = s.Text
		}
		fewer, more := make([]int, len(cues)), make([]int, len(cues))
		pairs := 0
		for _, s := range ss {
			src, ok := text[s.SourceID]
			if !ok || s.SourceID == s.ID {
				continue
			}
			pairs++
			a, b := analyze(textPage(s.ID, "en", s.Text)), analyze(textPage(s.SourceID, "en", src))
			for i, c := range cues {
				switch ca, cb := c.of(a), c.of(b); {
				case ca < cb:
					fewer[i]++
				case ca > cb:
					more[i]++
				}
			}
		}
		for i, c := range cues {
			t.Logf("%s: %d copy–source pairs; %s per word: copy has fewer %d, more %d", ds.name, pairs, c.name, fewer[i], more[i])
		}
	}
}
