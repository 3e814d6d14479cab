package faq_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/faq"
)

// goldDir is web-pages-gold relative to this package.
const goldDir = "../../../shared/corpus/web-pages-gold"

type goldPage struct {
	ID    string `json:"id"`
	Path  string `json:"path"`
	URL   string `json:"url"`
	Flags struct {
		HasFAQPageSchema bool `json:"has_faqpage_schema"`
		MentionsFAQ      bool `json:"mentions_faq"`
	} `json:"flags"`
}

func readGold(t testing.TB) []goldPage {
	t.Helper()
	f, err := os.Open(filepath.Join(goldDir, "manifest.jsonl"))
	if err != nil {
		t.Skipf("web-pages-gold not available: %v", err)
	}
	defer f.Close()
	var out []goldPage
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var g goldPage
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		out = append(out, g)
	}
	return out
}

func loadGold(g goldPage) (*features.Page, error) {
	f, err := os.Open(filepath.Join(goldDir, g.Path))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	return extract.Extract(features.Record{ID: g.ID, URL: g.URL, Kind: features.KindHTML, Body: b})
}

// TestFAQCorpus runs the faq family over every web-pages-gold dev page
// (SPINSCAN_EVAL=1 to run): it prints what it finds on the FAQ candidates
// the manifest flags (has_faqpage_schema, mentions_faq; not gold) and how
// often faq_padding fires on all pages. None of these pages is a content
// farm page, so every firing is a false positive.
func TestFAQCorpus(t *testing.T) {
	if os.Getenv("SPINSCAN_EVAL") == "" {
		t.Skip("set SPINSCAN_EVAL=1 to run the corpus measurement")
	}
	fam := faq.Family()
	pages, fired, cand, candFound, other, otherFound := 0, 0, 0, 0, 0, 0
	for _, g := range readGold(t) {
		p, err := loadGold(g)
		if err != nil {
			continue
		}
		pages++
		vals := make([]float64, len(fam.Columns))
		var r features.Result
		fam.Extract(p, &features.Context{}, vals, &r)
		isCand := g.Flags.HasFAQPageSchema || g.Flags.MentionsFAQ
		found := vals[0] > 0
		if isCand {
			cand++
			if found {
				candFound++
			}
		} else {
			other++
			if found {
				otherFound++
			}
		}
		if len(r.Flags) > 0 {
			fired++
		}
		if found || len(r.Flags) > 0 || g.Flags.HasFAQPageSchema {
			b := faq.Find(p)
			first := ""
			if len(b.Pairs) > 0 {
				first = b.Pairs[0].Question
			}
			t.Logf("%s cand=%v flags=%v vals=%.2v %s first=%.70q", g.ID, isCand, r.Flags, vals, g.URL, first)
		}
	}
	fmt.Printf("faq: pages=%d; FAQ found on %d/%d candidate pages, %d/%d other pages; faq_padding fires on %d/%d pages\n",
		pages, candFound, cand, otherFound, other, fired, pages)
}
