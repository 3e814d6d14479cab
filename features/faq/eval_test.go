package faq_test

import (
	"fmt"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/faq"
	"github.com/spinscan/spinscan/features/internal/webgold"
)

// TestFAQCorpus runs the faq family over every web-pages-gold dev page
// (SPINSCAN_EVAL=1 to run): it prints what it finds on the FAQ candidates
// the manifest flags (has_faqpage_schema, mentions_faq; not gold) and how
// often faq_padding fires on all pages. None of these pages is a content
// farm page, so every firing is a false positive.
func TestFAQCorpus(t *testing.T) {
	fam := faq.Family()
	pages, fired, cand, candFound, other, otherFound := 0, 0, 0, 0, 0, 0
	for _, g := range webgold.Measure(t) {
		p, err := g.Extract()
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
