package pipeline

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/spinscan/spinscan/cmd/internal/scan"
	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/cluster"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/model"
)

// The repository's own fixtures (testdata/seeds: the five seed pages, see
// LABELS.md there; testdata/formats: see PROVENANCE.md there).
const repo = "../../../.."

func TestMain(m *testing.M) {
	ptest.MainWithDefault(m, "prism")
}

// reference scores the shards with scan.Run, as `spinscan score SHARD...`
// does.
func reference(t *testing.T, shards []string) []features.Row {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	var rows []features.Row
	ctx := context.Background()
	_, err = scan.Run(ctx, scan.Options{Suite: suite.Default(), Model: m},
		func(emit func(features.Record) error) error {
			_, err := crawl.Read(ctx, shards, nil, crawl.Options{}, emit)
			return err
		},
		func(r features.Row) error {
			// Round-trip through JSON, as the pipeline's rows are read.
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(r); err != nil {
				return err
			}
			var back features.Row
			if err := json.Unmarshal(b.Bytes(), &back); err != nil {
				return err
			}
			rows = append(rows, back)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// runBeam runs the pipeline on Prism and reads its output.
func runBeam(t *testing.T, glob string) []features.Row {
	t.Helper()
	out := filepath.Join(t.TempDir(), "rows.jsonl")
	p, s := beam.NewPipelineWithRoot()
	if err := Build(context.Background(), s, Config{Input: glob, Output: out}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	t.Logf("pipeline on %s ran in %s", ptest.DefaultRunner(), time.Since(start).Round(time.Millisecond))
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []features.Row
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r features.Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("row %d: %v", len(rows), err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// compare checks that the pipeline's rows are the reference rows: same
// records in the same order, same labels, errors, sources, flags and
// evidence, clusters equal up to renaming, probabilities and features
// within 1e-9.
func compare(t *testing.T, got, want []features.Row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("pipeline gave %d rows, scan.Run %d", len(got), len(want))
	}
	rename := map[string]string{}
	back := map[string]string{}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID {
			t.Fatalf("row %d: id %s, want %s", i, g.ID, w.ID)
		}
		for _, c := range []struct{ what, g, w string }{
			{"label", str(g.Label), str(w.Label)},
			{"error", str(g.Error), str(w.Error)},
			{"source", str(g.Source), str(w.Source)},
			{"published", str(g.Published), str(w.Published)},
			{"url", g.URL, w.URL},
			{"domain", g.Domain, w.Domain},
			{"lang", g.Lang, w.Lang},
		} {
			if c.g != c.w {
				t.Errorf("%s: %s %q, want %q", w.ID, c.what, c.g, c.w)
			}
		}
		gc, wc := str(g.Cluster), str(w.Cluster)
		if (gc == "<nil>") != (wc == "<nil>") {
			t.Errorf("%s: cluster %s, want %s", w.ID, gc, wc)
		} else if gc != "<nil>" {
			if r, ok := rename[wc]; ok && r != gc {
				t.Errorf("%s: cluster %s, but %s's other pages are in %s", w.ID, gc, wc, r)
			}
			if r, ok := back[gc]; ok && r != wc {
				t.Errorf("%s: cluster %s also holds pages of %s and %s", w.ID, gc, r, wc)
			}
			rename[wc], back[gc] = gc, wc
		}
		if !reflect.DeepEqual(g.Flags, w.Flags) {
			t.Errorf("%s: flags %v, want %v", w.ID, g.Flags, w.Flags)
		}
		if !reflect.DeepEqual(g.Evidence, w.Evidence) {
			t.Errorf("%s: evidence\n%q\nwant\n%q", w.ID, g.Evidence, w.Evidence)
		}
		near(t, w.ID+" probs", g.Probs, w.Probs)
		near(t, w.ID+" features", g.Features, w.Features)
	}
}

func near(t *testing.T, what string, got, want map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values, want %d", what, len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok || math.Abs(g-w) > 1e-9 {
			t.Errorf("%s: %s = %v, want %v", what, k, g, w)
		}
	}
}

func seedPaths(t *testing.T) []string {
	t.Helper()
	seeds, err := filepath.Glob(filepath.Join(repo, "testdata/seeds/*.txt"))
	if err != nil || len(seeds) != 5 {
		t.Fatalf("seeds: %v (%d files)", err, len(seeds))
	}
	return seeds
}

func TestSeedsMatchScan(t *testing.T) {
	glob := filepath.Join(repo, "testdata/seeds/*.txt")
	want := reference(t, seedPaths(t))
	got := runBeam(t, glob)
	compare(t, got, want)
	// LABELS.md: the five seeds form one story cluster.
	for _, r := range got {
		if r.Cluster == nil || *r.Cluster != *got[0].Cluster {
			t.Errorf("%s: cluster %s, want the one story of the seeds", r.ID, str(r.Cluster))
		}
	}
}

// writeCrawl builds a small crawl of two WARC shards and a JSONL shard:
// the seeds as text/plain responses, the article page twice (a verbatim
// copy on another site), a page with a comment section (whose families read
// the HTML tree) and an empty response (an error row).
func writeCrawl(t *testing.T) (glob string, shards []string) {
	t.Helper()
	dir := t.TempDir()
	article, err := os.ReadFile(filepath.Join(repo, "testdata/formats/article.html"))
	if err != nil {
		t.Fatal(err)
	}
	gz, err := os.ReadFile(filepath.Join(repo, "testdata/formats/citylimits.html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	comments, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	seeds := seedPaths(t)
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	type page struct {
		url, ct string
		body    []byte
	}
	var pages []page
	for i, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, page{"https://copy" + string(rune('a'+i)) + ".example/story", "text/plain; charset=utf-8", b})
	}
	parts := [][]page{
		{{"https://www.sciencealert.com/article", "text/html; charset=utf-8", article}, pages[0], pages[1], {"https://empty.example/", "text/html", nil}},
		{pages[2], pages[3], {"https://mirror.example/article", "text/html; charset=utf-8", article}, pages[4],
			{"https://citylimits.org/2023/11/08/video-voting-on-nychas-future/", "text/html; charset=utf-8", comments}},
	}
	for i, part := range parts {
		var b bytes.Buffer
		w := crawl.NewWARCWriter(&b)
		for _, p := range part {
			if err := w.Write(p.url, when.Add(time.Duration(i)*time.Hour), p.ct, p.body); err != nil {
				t.Fatal(err)
			}
		}
		name := filepath.Join(dir, "crawl-"+string(rune('0'+i))+".warc.gz")
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jl, err := os.ReadFile(filepath.Join(repo, "testdata/formats/pages.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "crawl-2.jsonl"), jl, 0o644); err != nil {
		t.Fatal(err)
	}
	// Translations with their Russian and Japanese sources: cross-language
	// matches, which cluster.Stars treats apart.
	cl, err := os.ReadFile(filepath.Join(repo, "testdata/formats/crosslang.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "crawl-3.jsonl"), cl, 0o644); err != nil {
		t.Fatal(err)
	}
	// A passage copied from a long document: the excerpt lookup
	// (cluster.Contain) joins them.
	ex, err := os.ReadFile(filepath.Join(repo, "testdata/formats/excerpt.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "crawl-4.jsonl"), ex, 0o644); err != nil {
		t.Fatal(err)
	}
	glob = filepath.Join(dir, "crawl-*")
	shards, err = filepath.Glob(glob)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(shards)
	return glob, shards
}

func TestWARCCrawlMatchesScan(t *testing.T) {
	glob, shards := writeCrawl(t)
	want := reference(t, shards)
	got := runBeam(t, glob)
	compare(t, got, want)
	var errs, clustered int
	for _, r := range want {
		if r.Error != nil {
			errs++
		}
		if r.Cluster != nil {
			clustered++
		}
	}
	// The crawl must exercise error rows and clusters, or the comparison
	// above proves little.
	if errs == 0 || clustered < 2 {
		t.Errorf("crawl gave %d error rows and %d clustered rows; want some of each", errs, clustered)
	}
	t.Logf("%d rows, %d errors, %d in clusters", len(want), errs, clustered)
}

// TestComponents checks the banding, verification, excerpt and component
// DoFns against cluster.Group and cluster.Contain directly, without a
// runner, on every page of the crawl fixtures.
func TestComponents(t *testing.T) {
	_, shards := writeCrawl(t)
	var ids []string
	var sigs []cluster.Sig
	var alls [][]uint32
	var nodes []Node
	grams := map[uint64][]Gram{}
	_, err := crawl.Read(context.Background(), shards, nil, crawl.Options{}, func(r features.Record) error {
		rec, err := toRec(int64(len(nodes)), r)
		if err != nil {
			t.Fatal(err)
		}
		var node Node
		if err := (&extractFn{}).ProcessElement(rec, func(n Node) { node = n },
			func(k uint64, g Gram) { grams[k] = append(grams[k], g) }, func(int64, Rec) {}, func(Line) {}); err != nil {
			t.Fatal(err)
		}
		if node.Sig == nil { // an error row
			return nil
		}
		p, sig, err := scan.Extract(r, scan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, all := cluster.SignAll(p)
		nodes = append(nodes, node)
		ids = append(ids, p.ID)
		sigs = append(sigs, sig)
		alls = append(alls, all)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range sigs {
		back, err := decodeSig(encodeSig(sigs[i]))
		if err != nil || back != sigs[i] {
			t.Fatalf("signature %d does not round-trip: %v", i, err)
		}
	}
	grouped := cluster.Group(ids, sigs)
	want, err := cluster.Contain(ids, sigs, grouped, func(i int) ([]uint32, error) { return alls[i], nil })
	if err != nil {
		t.Fatal(err)
	}
	excerpts := 0
	for i := range want {
		if want[i] != grouped[i] {
			excerpts++
		}
	}
	if excerpts == 0 {
		t.Error("no excerpt joined a story in the fixture; excerpt.jsonl should give one")
	}

	buckets := map[uint64][]Node{}
	for _, n := range nodes {
		(&bandFn{}).ProcessElement(n, func(k uint64, n Node) { buckets[k] = append(buckets[k], n) })
	}
	var edges []Edge
	for k, b := range buckets {
		i := len(b) - 1 // hand the bucket over in reverse: order must not matter
		err := (&pairFn{}).ProcessElement(k, func(n *Node) bool {
			if i < 0 {
				return false
			}
			*n = b[i]
			i--
			return true
		}, func(e Edge) { edges = append(edges, e) })
		if err != nil {
			t.Fatal(err)
		}
	}
	hits := map[int64][]Hit{}
	for k, b := range grams {
		err := (&gramFn{}).ProcessElement(k, iterOf(b), func(p int64, h Hit) { hits[p] = append(hits[p], h) })
		if err != nil {
			t.Fatal(err)
		}
	}
	var exs []Excerpt
	for p, hs := range hits {
		slices.Reverse(hs) // order must not matter
		if err := (&hitFn{}).ProcessElement(p, iterOf(hs), func(x Excerpt) { exs = append(exs, x) }); err != nil {
			t.Fatal(err)
		}
	}
	got := make([]string, len(nodes))
	(&componentFn{}).ProcessElement(0, iterOf(edges), iterOf(exs), func(seq int64, story string) { got[seq] = story })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stories\n%q\nwant (cluster.Group)\n%q", got, want)
	}
	foreign := 0
	for _, e := range edges {
		if e.Foreign {
			foreign++
		}
	}
	if foreign == 0 {
		t.Error("no cross-language match in the fixture; crosslang.jsonl should give some")
	}
	named := 0
	for _, s := range want {
		if s != "" {
			named++
		}
	}
	if named < 2 {
		t.Errorf("only %d pages clustered; the fixture should cluster the seeds", named)
	}
}

func TestRecRoundTrip(t *testing.T) {
	when := time.Date(2023, 10, 17, 8, 30, 0, 0, time.FixedZone("", 2*3600))
	for _, r := range []features.Record{
		{},
		{ID: "a.warc.gz#12", URL: "https://x.example/", Kind: features.KindText, Body: []byte("hello"), ContentType: "text/plain", Date: "2023-10-17", Fetched: when},
		{ID: "bad", Err: os.ErrNotExist},
	} {
		rec, err := toRec(7, r)
		if err != nil {
			t.Fatal(err)
		}
		back := rec.Record()
		if back.ID != r.ID || back.URL != r.URL || back.Kind != r.Kind || !bytes.Equal(back.Body, r.Body) ||
			back.ContentType != r.ContentType || back.Date != r.Date || !back.Fetched.Equal(r.Fetched) ||
			back.Fetched.Format(time.RFC3339) != r.Fetched.Format(time.RFC3339) || (back.Err == nil) != (r.Err == nil) {
			t.Errorf("%+v came back as %+v", r, back)
		}
		if r.Err != nil && back.Err.Error() != r.Err.Error() {
			t.Errorf("error %q came back as %q", r.Err, back.Err)
		}
	}
}

// iterOf hands the elements of xs to a DoFn as a Beam iterator does.
func iterOf[T any](xs []T) func(*T) bool {
	i := 0
	return func(x *T) bool {
		if i == len(xs) {
			return false
		}
		*x = xs[i]
		i++
		return true
	}
}
