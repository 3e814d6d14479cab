package paraphrase

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

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

// TestDirDate checks that the date part of the direction weighs by the
// verbatim share: between two copies of one text the later one reads as
// the copy, while a rewrite's dates say nothing (its text does, and a
// farm's dates are often wrong); and that a news agency's dateline on the
// agency's own site is no mark of syndication.
func TestDirDate(t *testing.T) {
	text := "WASHINGTON (AP) — The council approved the budget on Monday after a long debate. " +
		"Schools will receive more funding next year, the mayor said. Critics warned about rising debt and higher taxes."
	rewrite := "The council passed its budget on Monday following a lengthy discussion. " +
		"Next year schools are set to get additional money, according to the mayor. Opponents cautioned about growing debt and tax increases."
	early, late := time.Date(2023, 10, 15, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 24, 0, 0, 0, 0, time.UTC)
	fam := Family()
	col := func(name string) int {
		for i, c := range fam.Columns {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	run := func(p *features.Page, peers ...*features.Page) []float64 {
		vals, _ := extractWith(p, peers...)
		return vals
	}
	orig := &features.Page{ID: "orig", Text: text, Published: early}
	copyPage := &features.Page{ID: "copy", Text: text, Published: late}
	spun := &features.Page{ID: "spun", Text: rewrite, Published: early}
	dirDate := col("dir_date")
	if v := run(copyPage, orig)[dirDate]; v != 1 {
		t.Errorf("a later copy of the same text: dir_date %v, want 1", v)
	}
	if v := run(orig, copyPage)[dirDate]; v != -1 {
		t.Errorf("the earlier of two copies: dir_date %v, want -1", v)
	}
	if v := run(spun, copyPage); v[dirDate] != 0 || v[col("reworded_share")] < 0.5 {
		t.Errorf("a rewrite dated before its source: dir_date %v (want 0), reworded share %v (want ≥ 0.5)", v[dirDate], v[col("reworded_share")])
	}
	wire := col("wire_dateline")
	if v := run(orig)[wire]; v != 1 {
		t.Errorf("an AP dateline on a page of unknown site: wire_dateline %v, want 1", v)
	}
	own := &features.Page{ID: "own", Text: text, Domain: "apnews.com", Published: early}
	if v := run(own)[wire]; v != 0 {
		t.Errorf("an AP dateline on apnews.com: wire_dateline %v, want 0", v)
	}
	// A newspaper's copy of the same day derives from the agency's own
	// page, and its direction columns compare it with that page rather
	// than with an equally close later copy (listed first).
	paper := &features.Page{ID: "paper", Text: text, Domain: "paper.example", Published: early}
	vals, r := extractWith(paper, copyPage, own)
	if r.Source != "own" || vals[dirDate] != 0 || vals[col("direction")] <= 0 {
		t.Errorf("the newspaper's copy: source %q, dir_date %v, direction %v; want own, 0, > 0", r.Source, vals[dirDate], vals[col("direction")])
	}
}

// TestVerbatimEdits checks that a word-for-word copy reads 0, a light spin
// whose sentences still pass as verbatim reads the share of what was
// touched, and a page with no reference peer reads 0.
func TestVerbatimEdits(t *testing.T) {
	src := analyze(&features.Page{ID: "src", Text: "The city council approved the new transit budget on Monday evening after a long debate. " +
		"Officials said the plan adds twelve bus routes and extends service hours on weekends. " +
		"Residents who spoke at the meeting asked for more frequent trains to the airport and the harbour."})
	copied := analyze(&features.Page{ID: "copy", Text: src.page.Text})
	spun := analyze(&features.Page{ID: "spin", Text: "The city council approved the new transit budget on Monday night after a long debate. " +
		"Officials said the plan adds twelve bus routes and extends service hours on weekends. " +
		"Residents who spoke at the meeting requested more frequent trains to the airport and the harbour."})
	tests := []struct {
		name     string
		page     *doc
		ref      []*pairStats
		min, max float64
		n        int
	}{
		{"copy", copied, []*pairStats{stats(copied, src)}, 0, 0, 3},
		{"light spin", spun, []*pairStats{stats(spun, src)}, 0.03, 0.2, 3},
		{"no reference", spun, nil, 0, 0, 0},
	}
	for _, tc := range tests {
		got, n := verbatimEdits(tc.page, tc.ref)
		if got < tc.min || got > tc.max || n != tc.n {
			t.Errorf("%s: verbatimEdits = %.3f over %d sentences, want in [%.2f, %.2f] over %d", tc.name, got, n, tc.min, tc.max, tc.n)
		}
	}
	for i, m := range stats(spun, src).matches {
		if m.kind != "verbatim" {
			t.Errorf("light spin sentence %d is %s, want verbatim (the case the column is for)", i, m.kind)
		}
	}
}

// TestLoneWire checks the wire_reprint flag on a page with no peer: an
// agency dateline on a newspaper's site or on a page of unknown site
// raises it, on the agency's own site it does not, and neither does a
// page without a dateline.
func TestLoneWire(t *testing.T) {
	const text = "WASHINGTON (AP) — The council approved the budget on Monday after a long debate. " +
		"Schools will receive more funding next year, the mayor said."
	tests := []struct {
		name, domain, text string
		flagged            bool
	}{
		{"newspaper", "paper.example", text, true},
		{"unknown site", "", text, true},
		{"agency's own site", "apnews.com", text, false},
		{"no dateline", "paper.example", strings.TrimPrefix(text, "WASHINGTON (AP) — "), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, r := extractWith(&features.Page{ID: "p", Text: tc.text, Domain: tc.domain})
			got := slices.Contains(r.Flags, "wire_reprint")
			if got != tc.flagged {
				t.Errorf("wire_reprint flagged %v, want %v (evidence %q)", got, tc.flagged, r.Evidence)
			}
			if got && !strings.Contains(strings.Join(r.Evidence, "\n"), "no other copy") {
				t.Errorf("evidence does not say the crawl holds no other copy: %q", r.Evidence)
			}
		})
	}
}
