package paraphrase

import (
	"math"
	"testing"

	"github.com/spinscan/spinscan/features"
)

func TestKendall(t *testing.T) {
	tests := []struct {
		name  string
		js    []int
		least int
		want  float64
	}{
		{"same order", []int{0, 1, 2, 3}, 3, 1},
		{"reversed", []int{3, 2, 1, 0}, 3, -1},
		{"one swap of four", []int{1, 0, 2, 3}, 3, 4.0 / 6},
		{"ties count neither way", []int{0, 0, 1}, 3, 2.0 / 3},
		{"too few", []int{0, 1}, 3, 0},
		{"empty", nil, 3, 0},
	}
	for _, tc := range tests {
		if got := kendall(tc.js, tc.least); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: kendall(%v) = %v, want %v", tc.name, tc.js, got, tc.want)
		}
	}
}

func TestOrderAgreement(t *testing.T) {
	ms := []match{{j: 0, stems: 0.9}, {j: -1}, {j: 2, stems: 0.1}, {j: 1, bigrams: 0.5}, {j: 3, stems: 0.5}}
	// The unmatched sentence and the one sharing 10% of its stems do not
	// count: j = 0, 1, 3 in page order.
	if got := orderAgreement(ms); got != 1 {
		t.Errorf("orderAgreement = %v, want 1", got)
	}
}

// A rewrite that keeps its source's order of content reads near 1 beside
// it; a text that takes up the same points in another order reads lower.
func TestStemOrder(t *testing.T) {
	src := analyze(&features.Page{ID: "src", Text: "The council approved the budget on Monday. " +
		"Schools will receive more funding next year. Critics warned about rising debt and taxes."})
	rewrite := analyze(&features.Page{ID: "rw", Text: "On Monday the council passed its budget. " +
		"Next year schools get additional funding. Opponents cautioned about growing debt and taxes."})
	shuffled := analyze(&features.Page{ID: "own", Text: "Taxes and debt worry critics. " +
		"Funding for schools grows next year. The budget passed the council Monday."})
	same, other := stemOrder(rewrite, src), stemOrder(shuffled, src)
	if same < 0.5 || other >= same {
		t.Errorf("stemOrder: rewrite %.2f, reordered text %.2f; want the rewrite ≥ 0.5 and above the other", same, other)
	}
	if got := stemOrder(analyze(&features.Page{ID: "short", Text: "The budget."}), src); got != 0 {
		t.Errorf("stemOrder with one shared stem = %v, want 0", got)
	}
}

// TestClosestTied checks the peer named when the direction is a tie: the
// most similar peer that carries at least 0.3 of the page and is not
// clearly derived from it.
func TestClosestTied(t *testing.T) {
	peer := func(id string) *doc { return &doc{page: &features.Page{ID: id}} }
	for _, tc := range []struct {
		name  string
		stats []*pairStats
		want  string
	}{
		{"none", nil, ""},
		{"most similar tie", []*pairStats{
			{peer: peer("a"), sim: 0.6, coverage: 0.8},
			{peer: peer("b"), sim: 0.9, coverage: 0.8, dir: 0.04},
		}, "b"},
		{"a peer derived from the page is no source", []*pairStats{
			{peer: peer("a"), sim: 0.6, coverage: 0.8},
			{peer: peer("b"), sim: 0.9, coverage: 0.8, dir: -0.2},
		}, "a"},
		{"too little of the page", []*pairStats{
			{peer: peer("a"), sim: 0.9, coverage: 0.2},
		}, ""},
	} {
		got := ""
		if st := closestTied(tc.stats); st != nil {
			got = st.peer.page.ID
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
