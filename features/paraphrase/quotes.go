package paraphrase

import (
	"fmt"
	"math"

	"github.com/spinscan/spinscan/features"
)

// quotes compares the page's quotes with the reference peers' quotes: a
// quote carried word for word is kept; one whose best counterpart shares its
// content but not its words is altered.
func quotes(d *doc, ref []*pairStats, vals []float64, r *features.Result) {
	var kept, altered int
	var shown int
	for qi, q := range d.quotes {
		if len(q) < 3 {
			continue
		}
		qs := d.quoteStems[qi]
		found, bestD := false, 0.0
		var bestQ, bestID string
		for _, st := range ref {
			for pi, pq := range st.peer.quotes {
				if containsSeq(pq, q) || containsSeq(q, pq) && len(pq) >= 5 {
					found = true
					break
				}
				if v := dice(qs, st.peer.quoteStems[pi]); v > bestD {
					bestD, bestQ, bestID = v, st.peer.quoteText[pi], st.peer.page.ID
				}
			}
			if found {
				break
			}
			// A quote restated without quote marks in the aligned sentence.
		}
		switch {
		case found:
			kept++
		case bestD >= 0.3 && vals[colDerived] == 1:
			altered++
			if shown < 2 {
				r.Evidence = append(r.Evidence, fmt.Sprintf("altered quote: “%s” ← “%s” (%s)", clip(d.quoteText[qi], 90), clip(bestQ, 90), bestID))
				shown++
			}
		}
	}
	vals[colQuoteFidelity] = 1
	if kept+altered > 0 {
		vals[colQuoteFidelity] = float64(kept) / float64(kept+altered)
	}
	vals[colAlteredQuotes] = math.Log1p(float64(altered))
	if altered > 0 && vals[colDerived] == 1 {
		r.Flag("altered_quotes", fmt.Sprintf("altered quotes: %d of %d matched quotes differ from the source's words", altered, kept+altered))
	}
}

// containsSeq reports whether word sequence hay contains needle.
func containsSeq(hay, needle []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return true
	}
	return false
}
