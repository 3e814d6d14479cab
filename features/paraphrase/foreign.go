package paraphrase

import (
	"fmt"
	"slices"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

// foreignCheck compares the page with peers in another language on the
// numbers and Latin-script names they share, in order.
func foreignCheck(d *doc, peers []*doc, vals []float64, r *features.Result) {
	if len(peers) == 0 {
		return
	}
	mine := orderedAnchors(d)
	var best *doc
	bestScore, bestShared := 0.0, 0
	for _, q := range peers {
		theirs := orderedAnchors(q)
		l := lcs(mine, theirs)
		if l < foreignMinShared {
			continue
		}
		sc := float64(l) / float64(min(len(mine), len(theirs)))
		if sc > bestScore {
			best, bestScore, bestShared = q, sc, l
		}
	}
	vals[colForeign] = bestScore
	if best != nil && bestScore >= foreignScore {
		r.Flag("foreign_peer", fmt.Sprintf("foreign peer: %s (%s) carries %d of the same numbers and names in the same order",
			best.page.ID, best.page.Lang, bestShared))
		if r.Copies != nil {
			r.Copies[best.page.ID] = true
		}
		if r.Source == "" && d.page.Lang == "en" {
			r.Source = best.page.ID
		}
	}
}

// orderedAnchors returns a page's numbers (digits only) and names (as
// lex.NameKey keys), in order: the tokens that survive translation from
// another script.
func orderedAnchors(d *doc) []string {
	var out []string
	for _, s := range d.sents {
		out = append(out, lex.KeyAnchors(slices.Clone(s.anchors))...)
	}
	return out
}

// lcs is the length of the longest common subsequence (bounded inputs).
func lcs(a, b []string) int {
	if len(a) > 400 {
		a = a[:400]
	}
	if len(b) > 400 {
		b = b[:400]
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
