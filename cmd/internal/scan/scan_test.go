package scan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/cluster"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/model"
)

// testRecords returns the five seed pages (saved text) and, when the shared
// corpus is present, the first n web-pages-gold HTML pages (several of
// which share story clusters), with bad records mixed in.
func testRecords(t testing.TB, n int) []features.Record {
	t.Helper()
	var recs []features.Record
	seeds, _ := filepath.Glob("../../../testdata/seeds/*.txt")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, features.Record{ID: filepath.Base(p), Kind: features.KindText, Body: b})
	}
	recs = append(recs,
		features.Record{ID: "unreadable", Err: errors.New("cut record")},
		features.Record{ID: "empty", Body: nil},
		features.Record{ID: "binary", Body: []byte("\x00\x01\x02\x03\x04\x05\x06\x07\x00\x00")},
	)
	if _, err := os.Stat(goldDir); err == nil && n > 0 {
		gold := goldRecords(t)
		sort.Slice(gold, func(i, j int) bool { return gold[i].ID < gold[j].ID })
		if len(gold) > n {
			gold = gold[:n]
		}
		recs = append(recs, gold...)
	}
	return recs
}

func readAll(recs []features.Record) func(func(features.Record) error) error {
	return func(emit func(features.Record) error) error {
		for _, r := range recs {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}
}

func runRows(t *testing.T, opt Options, recs []features.Record) ([]features.Row, Stats) {
	t.Helper()
	var rows []features.Row
	st, err := Run(context.Background(), opt, readAll(recs), func(r features.Row) error {
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, st
}

func jsonRows(t *testing.T, rows []features.Row) []string {
	t.Helper()
	out := make([]string, len(rows))
	for i, r := range rows {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	return out
}

// reference scores recs the simple way, everything in memory: Extract,
// Group and Contain, then Score with the full peer pages (parsed trees
// included).
func reference(t *testing.T, opt Options, recs []features.Record) []features.Row {
	t.Helper()
	type ex struct {
		p   *features.Page
		sig cluster.Sig
		err error
	}
	exs := make([]ex, len(recs))
	var ids []string
	var sigs []cluster.Sig
	var idx []int
	for i, r := range recs {
		exs[i].p, exs[i].sig, exs[i].err = Extract(r, opt)
		if exs[i].err == nil {
			ids = append(ids, r.ID)
			sigs = append(sigs, exs[i].sig)
			idx = append(idx, i)
		}
	}
	stories, err := cluster.Contain(ids, sigs, cluster.Group(ids, sigs), func(k int) ([]uint32, error) {
		_, all := cluster.SignAll(exs[idx[k]].p)
		return all, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	story := make([]string, len(recs))
	for k, s := range stories {
		story[idx[k]] = s
	}
	rows := make([]features.Row, len(recs))
	for i, r := range recs {
		if exs[i].err != nil {
			rows[i] = ErrorRow(r, exs[i].err)
			continue
		}
		var peers []*features.Page
		later := 0
		if story[i] != "" {
			for j := range recs {
				if j != i && story[j] == story[i] {
					peers = append(peers, exs[j].p)
					if j > i {
						later++
					}
				}
			}
		}
		rows[i] = Score(exs[i].p, story[i], peers, later, opt)
	}
	return rows
}

func TestRunMatchesReference(t *testing.T) {
	recs := testRecords(t, 30)
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	base := Options{Model: m, Workers: 2}
	want := jsonRows(t, reference(t, base, recs))
	clustered := 0
	for _, r := range reference(t, base, recs) {
		if r.Cluster != nil {
			clustered++
		}
	}
	t.Logf("%d records, %d in clusters", len(recs), clustered)
	tests := []struct {
		name   string
		budget int64
		w      int
	}{
		{"memory, 1 worker", 0, 1},
		{"memory, 3 workers", 0, 3},
		{"spill everything", -1, 2},
		{"spill after 64 KiB", 64 << 10, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := base
			opt.MemoryBudget, opt.Workers = tc.budget, tc.w
			rows, st := runRows(t, opt, recs)
			got := jsonRows(t, rows)
			if len(got) != len(want) {
				t.Fatalf("%d rows for %d records", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("row %d (%s) differs:\n got %.300s\nwant %.300s", i, recs[i].ID, got[i], want[i])
				}
			}
			if tc.budget < 0 && st.SpilledBytes == 0 {
				t.Errorf("nothing spilled with budget %d", tc.budget)
			}
			if tc.budget == 0 && st.SpilledBytes != 0 {
				t.Errorf("%d bytes spilled under the default budget", st.SpilledBytes)
			}
			if st.Records != len(recs) || st.Scored+st.Failed != len(recs) {
				t.Errorf("stats %+v for %d records", st, len(recs))
			}
		})
	}
}

func TestRunOrderAndErrors(t *testing.T) {
	recs := testRecords(t, 6)
	for _, single := range []bool{false, true} {
		for _, w := range []int{1, 4} {
			t.Run(fmt.Sprintf("single=%v,workers=%d", single, w), func(t *testing.T) {
				rows, st := runRows(t, Options{Single: single, Workers: w, MemoryBudget: -1}, recs)
				if len(rows) != len(recs) {
					t.Fatalf("%d rows for %d records", len(rows), len(recs))
				}
				for i, r := range rows {
					if r.ID != recs[i].ID {
						t.Fatalf("row %d is %q, want %q", i, r.ID, recs[i].ID)
					}
					bad := recs[i].ID == "unreadable" || recs[i].ID == "empty" || recs[i].ID == "binary"
					if bad != (r.Error != nil) {
						t.Errorf("%s: error %v", r.ID, r.Error)
					}
					if single && r.Cluster != nil {
						t.Errorf("%s: cluster in single mode", r.ID)
					}
				}
				if st.Failed != 3 {
					t.Errorf("failed = %d, want 3", st.Failed)
				}
			})
		}
	}
}

// trap is a family that panics on one page and hangs on another.
func trap(panicOn, hangOn string) features.Family {
	return features.Family{
		Name:    "trap",
		Columns: []string{"x"},
		Extract: func(p *features.Page, c *features.Context, vals []float64, r *features.Result) {
			switch p.ID {
			case panicOn:
				panic("boom")
			case hangOn:
				time.Sleep(2 * time.Second)
			}
			vals[0] = 1
		},
	}
}

func TestRunContainsPanicsAndTimeouts(t *testing.T) {
	recs := testRecords(t, 0)
	st := append(suite.Suite{trap(recs[0].ID, recs[1].ID)}, suite.Default()...)
	for _, single := range []bool{false, true} {
		rows, _ := runRows(t, Options{Suite: st, Single: single, Timeout: 300 * time.Millisecond}, recs)
		if len(rows) != len(recs) {
			t.Fatalf("%d rows for %d records", len(rows), len(recs))
		}
		for i, r := range rows {
			var msg string
			if r.Error != nil {
				msg = *r.Error
			}
			switch i {
			case 0:
				if !strings.Contains(msg, "panic") {
					t.Errorf("single=%v: panicking page: error %q", single, msg)
				}
			case 1:
				if !strings.Contains(msg, "gave up") {
					t.Errorf("single=%v: hanging page: error %q", single, msg)
				}
			case 2, 3, 4:
				if msg != "" || r.Features["trap.x"] != 1 {
					t.Errorf("single=%v: %s: error %q, trap.x %v", single, r.ID, msg, r.Features["trap.x"])
				}
			}
		}
	}
}

func TestRunStopsOnEmitError(t *testing.T) {
	recs := testRecords(t, 0)
	stop := errors.New("disk full")
	for _, single := range []bool{false, true} {
		n := 0
		_, err := Run(context.Background(), Options{Single: single, Workers: 2}, readAll(recs), func(features.Row) error {
			n++
			if n == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 2 {
			t.Errorf("single=%v: err %v after %d rows", single, err, n)
		}
	}
}

func TestRunReadError(t *testing.T) {
	recs := testRecords(t, 0)[:3]
	bad := errors.New("input cut")
	var rows []features.Row
	_, err := Run(context.Background(), Options{}, func(emit func(features.Record) error) error {
		for _, r := range recs {
			if err := emit(r); err != nil {
				return err
			}
		}
		return bad
	}, func(r features.Row) error {
		rows = append(rows, r)
		return nil
	})
	if !errors.Is(err, bad) || len(rows) != len(recs) {
		t.Errorf("err %v, %d rows for %d records", err, len(rows), len(recs))
	}
}

func TestPageCodecRoundTrip(t *testing.T) {
	loc := time.FixedZone("x", 3600)
	p := &features.Page{
		ID: "a", URL: "https://x.example/a", Domain: "x.example", Kind: features.KindHTML,
		Title: "T", Lang: "en", Text: "One.\nTwo.", Paragraphs: []string{"One.", "Two."},
		Sentences: []string{"One.", "Two."}, Raw: "raw", Chrome: []string{"nav", ""},
		CommentText: "c", Comments: []features.Comment{{Author: "bob", Time: time.Date(2020, 1, 2, 3, 4, 5, 0, loc), Text: "hi"}},
		Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Claimed: []time.Time{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		Markup: features.Markup{
			Dates:   []features.MarkupDate{{Source: "meta", Time: time.Date(2020, 1, 1, 5, 0, 0, 0, time.UTC), Text: "2020-01-01T05:00"}},
			FAQ:     []features.QA{{Question: "Why?", Answer: "Because."}},
			Details: 2,
		},
	}
	voted := *p
	voted.DateVote = features.DateVote{Done: true, Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		Claims: []time.Time{time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, Where: " (meta)"}
	for _, p := range []*features.Page{p, &voted} {
		q, err := decodePeer(encodePeer(p))
		if err != nil {
			t.Fatal(err)
		}
		if err := decodeRest(q, encodeRest(p)); err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(p)
		b, _ := json.Marshal(q)
		if string(a) != string(b) {
			t.Errorf("round trip:\n got %s\nwant %s", b, a)
		}
		whole := EncodePage(p)
		r, err := DecodePage(whole)
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := json.Marshal(r); string(c) != string(a) {
			t.Errorf("EncodePage round trip:\n got %s\nwant %s", c, a)
		}
		if _, err := DecodePage(whole[:5]); err == nil {
			t.Error("DecodePage of a truncated encoding: no error")
		}
	}
}

// FuzzDecodePeer checks that decoding a damaged blob fails cleanly.
func FuzzDecodePeer(f *testing.F) {
	p := &features.Page{ID: "a", Text: "x y", Sentences: []string{"x y"}, Claimed: []time.Time{time.Unix(5, 0)}}
	f.Add(encodePeer(p))
	f.Add(encodeRest(p))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := decodePeer(b)
		if err == nil {
			_ = decodeRest(q, b)
		}
		_, _ = DecodePage(b)
	})
}

// TestRunDone checks that records already done (a resumed run) get a bare
// row and the rest exactly the rows of a full run, in both modes.
func TestRunDone(t *testing.T) {
	recs := testRecords(t, 12)
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, single := range []bool{false, true} {
		base := Options{Model: m, Workers: 2, Single: single}
		full, _ := runRows(t, base, recs)
		opt := base
		opt.Done = 5
		part, _ := runRows(t, opt, recs)
		if len(part) != len(full) {
			t.Fatalf("single=%v: %d rows for %d records", single, len(part), len(full))
		}
		a, b := jsonRows(t, full), jsonRows(t, part)
		for i := range part {
			if i < opt.Done {
				if part[i].ID != recs[i].ID || part[i].Label != nil || part[i].Features != nil {
					t.Errorf("single=%v row %d: want a bare row for %s, got %+v", single, i, recs[i].ID, part[i])
				}
				continue
			}
			if a[i] != b[i] {
				t.Errorf("single=%v row %d differs:\n got %.200s\nwant %.200s", single, i, b[i], a[i])
			}
		}
	}
}

// biasModel is a model of the one column f.x whose bias alone decides:
// every page is labelled features.Labels[label].
func biasModel(label int) *model.Model {
	bias := make([]float64, 4)
	bias[label] = 1
	return &model.Model{Version: 1, Classes: features.Labels, Columns: []string{"f.x"},
		Mean: []float64{0}, Scale: []float64{1}, Weights: [][]float64{{0}, {0}, {0}, {0}}, Bias: bias}
}

// TestPeerlessDerivedEvidence checks that a derived label on a page with no
// peer says in its evidence that no copy backs it, and that an original or
// a clustered page gets no such line.
func TestPeerlessDerivedEvidence(t *testing.T) {
	fam := features.Family{Name: "f", Columns: []string{"x"}}
	const line = "no copy of this text in the crawl"
	for _, tc := range []struct {
		label   int
		cluster string
		single  bool
		want    bool
	}{
		{label: 1, want: true},    // reprint, no peer
		{label: 2, want: true},    // spun, no peer
		{label: 0},                // original
		{label: 1, cluster: "c1"}, // reprint with peers
		{label: 1, single: true},  // single-page mode: the crawl is not compared
	} {
		opt := Options{Suite: suite.Suite{fam}, Model: biasModel(tc.label), Single: tc.single}
		row := buildRow(&features.Page{ID: "p"}, &features.Context{Cluster: tc.cluster}, &features.Result{Values: []float64{0}}, opt)
		got := false
		for _, e := range row.Evidence {
			got = got || strings.HasPrefix(e, line)
		}
		if got != tc.want {
			t.Errorf("label %s, cluster %q, single %v: evidence %q, want the line: %v", *row.Label, tc.cluster, tc.single, row.Evidence, tc.want)
		}
	}
}

// TestRunExcerpt checks that a short page copied from a long one joins its
// story through the excerpt lookup (cluster.Contain) when the signatures
// alone leave it apart, and that an unrelated short page stays alone.
func TestRunExcerpt(t *testing.T) {
	var words []string
	for i := range 900 {
		words = append(words, fmt.Sprintf("w%d", i*7919%2003))
	}
	article := strings.Join(words, " ")
	text := func(id, s string) features.Record {
		return features.Record{ID: id, Kind: features.KindText, Body: []byte(s)}
	}
	// The first 60-word window the signatures alone do not join to the
	// article (the long page keeps a few fingerprints only).
	var excerpt string
	for start := 0; start+60 <= len(words); start += 20 {
		e := strings.Join(words[start:start+60], " ")
		pa, sa, _ := Extract(text("a", article), Options{})
		pe, se, _ := Extract(text("e", e), Options{})
		if pa != nil && pe != nil && cluster.Group([]string{"a", "e"}, []cluster.Sig{sa, se})[1] == "" {
			excerpt = e
			break
		}
	}
	if excerpt == "" {
		t.Fatal("every window joins the article through its signature: no case for the excerpt lookup")
	}
	other := strings.Repeat("an unrelated note about the weather and nothing else ", 6)
	for _, budget := range []int64{0, -1} { // in memory, and spilled
		rows, _ := runRows(t, Options{MemoryBudget: budget}, []features.Record{
			text("article", article), text("excerpt", excerpt), text("other", other),
		})
		if rows[0].Cluster == nil || rows[1].Cluster == nil || *rows[0].Cluster != *rows[1].Cluster {
			t.Errorf("budget %d: article %v and excerpt %v not in one story", budget, rows[0].Cluster, rows[1].Cluster)
		}
		if rows[2].Cluster != nil {
			t.Errorf("budget %d: unrelated page in story %s", budget, *rows[2].Cluster)
		}
	}
}

// TestGramsCodec checks that a long page's fingerprint list survives the
// store's encoding, and that a cut blob is an error, not a short list.
func TestGramsCodec(t *testing.T) {
	for _, fps := range [][]uint32{{}, {1}, {1, 2, 3}, {7, 1 << 20, 1<<32 - 1}} {
		got, err := decodeGrams(encodeGrams(fps))
		if err != nil || !slices.Equal(got, fps) {
			t.Errorf("%v: decoded %v, %v", fps, got, err)
		}
	}
	b := encodeGrams([]uint32{7, 1 << 20, 1<<32 - 1})
	if _, err := decodeGrams(b[:len(b)-1]); err == nil {
		t.Error("a cut blob decoded without error")
	}
}

// TestRowVersus checks that a row's contributions are measured against the
// runner-up class and say so in the evidence, and that the inputs left out
// and the intercepts make up the rest of the logit difference.
func TestRowVersus(t *testing.T) {
	fam := features.Family{Name: "f", Columns: []string{"x", "y"}}
	// spun leads, translated follows, original and reprint trail.
	m := &model.Model{Version: 1, Classes: features.Labels, Columns: []string{"f.x", "f.y"},
		Mean: []float64{0, 0}, Scale: []float64{1, 1},
		Weights: [][]float64{{-1, 0}, {-2, 0}, {2, 0.5}, {1, 1}}, Bias: []float64{0, 0, 0.25, 0}}
	opt := Options{Suite: suite.Suite{fam}, Model: m, TopContributions: 1}
	row := buildRow(&features.Page{ID: "p"}, &features.Context{}, &features.Result{Values: []float64{1.5, 1}}, opt)
	if *row.Label != "spun" || row.Versus != "translated" {
		t.Fatalf("label %s versus %q, want spun versus translated", *row.Label, row.Versus)
	}
	// (2 − 1) × 1.5 = 1.5 for spun over translated; f.y, left out, gives
	// (0.5 − 1) × 1 = −0.5; the intercepts 0.25.
	if len(row.Contributions) != 1 || row.Contributions[0].Value != 1.5 {
		t.Errorf("contributions %+v, want f.x at 1.5", row.Contributions)
	}
	if row.Rest != -0.5 || row.Intercept != 0.25 {
		t.Errorf("rest %v, intercept %v; want -0.5 and 0.25", row.Rest, row.Intercept)
	}
	if gap, want := row.LogitGap(), math.Log(row.Probs["spun"]/row.Probs["translated"]); math.Abs(gap-want) > 1e-12 {
		t.Errorf("logit gap %v, log of the probability ratio %v", gap, want)
	}
	for _, want := range []string{
		"f.x +1.50 for spun over translated (value 1.5)",
		"the 1 other input -0.50 and the intercepts +0.25 for spun over translated (logit difference +1.25)",
	} {
		if !slices.Contains(row.Evidence, want) {
			t.Errorf("evidence %q lacks %q", row.Evidence, want)
		}
	}
}

// TestTiedSource checks that a copy whose direction the text leaves open
// names its closest tied peer as its source, and that an original, a
// translation (whose tied peers are other translations) or a page whose
// source the text already shows does not take it.
func TestTiedSource(t *testing.T) {
	fam := features.Family{Name: "f", Columns: []string{"x"}}
	for _, tc := range []struct {
		label        int
		source, tied string
		want         string
	}{
		{label: 2, tied: "peer", want: "peer"},               // spun, direction open
		{label: 1, tied: "peer", want: "peer"},               // reprint, direction open
		{label: 0, tied: "peer"},                             // original: no source
		{label: 3, tied: "peer"},                             // translated: a sibling is no source
		{label: 2, source: "src", tied: "peer", want: "src"}, // the text shows the source
		{label: 0, source: "src", want: "src"},               // kept whatever the label
		{label: 2},                                           // no tied peer
	} {
		opt := Options{Suite: suite.Suite{fam}, Model: biasModel(tc.label)}
		res := &features.Result{Values: []float64{0}, Source: tc.source, Tied: tc.tied}
		row := buildRow(&features.Page{ID: "p"}, &features.Context{Cluster: "c"}, res, opt)
		got := ""
		if row.Source != nil {
			got = *row.Source
		}
		if got != tc.want {
			t.Errorf("label %s, source %q, tied %q: row source %q, want %q", *row.Label, tc.source, tc.tied, got, tc.want)
		}
	}
}

// TestRunDuplicateIDs checks that Stats counts the records whose id an
// earlier record had, in both modes, and that each still gets its row.
func TestRunDuplicateIDs(t *testing.T) {
	rec := func(id string) features.Record {
		return features.Record{ID: id, Kind: features.KindText, Body: []byte("The council met on Monday and voted to close the old bridge.")}
	}
	recs := []features.Record{rec("a"), rec("b"), rec("a"), {ID: "a", Err: errors.New("cut record")}, rec("c")}
	for _, single := range []bool{false, true} {
		rows, st := runRows(t, Options{Single: single, Workers: 2}, recs)
		if len(rows) != len(recs) || st.DuplicateIDs != 2 {
			t.Errorf("single %v: %d rows, %d duplicate ids; want %d and 2", single, len(rows), st.DuplicateIDs, len(recs))
		}
	}
}

// TestUnorderedCopies checks that identical copies of an undated text,
// whose order the text cannot show, never name each other as sources: the
// first in input order is taken for the root and the others name a copy
// before them, in the engine and in the reference both.
func TestUnorderedCopies(t *testing.T) {
	b, err := os.ReadFile("../../../testdata/seeds/004_6512205255edc4fc.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The article's body: lines 5 to 40, with no date line.
	lines := strings.Split(string(b), "\n")
	body := []byte(strings.Join(lines[4:40], "\n"))
	ids := []string{"c", "a", "b"} // input order, not id order, decides
	var recs []features.Record
	for _, id := range ids {
		recs = append(recs, features.Record{ID: id, Kind: features.KindText, Body: body})
	}
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Model: m, Workers: 2}
	engine, _ := runRows(t, opt, recs)
	for name, rows := range map[string][]features.Row{"engine": engine, "reference": reference(t, opt, recs)} {
		pos := map[string]int{}
		for i, r := range rows {
			pos[r.ID] = i
		}
		for i, r := range rows {
			if r.Cluster == nil {
				t.Fatalf("%s: %s has no story", name, r.ID)
			}
			switch {
			case i == 0 && r.Source != nil:
				t.Errorf("%s: %s, first in the crawl, names %s", name, r.ID, *r.Source)
			case i > 0 && r.Label != nil && (*r.Label == "reprint" || *r.Label == "spun") && r.Source == nil:
				t.Errorf("%s: %s, a %s, names no source", name, r.ID, *r.Label)
			case r.Source != nil && pos[*r.Source] >= i:
				t.Errorf("%s: %s names %s, which comes after it", name, r.ID, *r.Source)
			}
		}
	}
}
