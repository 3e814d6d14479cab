package crawl

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features"
)

// fuzzOpt keeps fuzzed Content-Lengths and bombs from allocating much.
var fuzzOpt = Options{MaxRecordBytes: 1 << 20, MaxDecompressed: 8 << 20}

// walkOpt is tighter still: FuzzWalk reads each input ten times (five
// files, in the folder and alone), and the bomb seeds would otherwise make
// one execution take seconds.
var walkOpt = Options{MaxRecordBytes: 256 << 10, MaxDecompressed: 1 << 20}

// seedFiles adds every file of the given globs to the corpus.
func seedFiles(f *testing.F, globs ...string) {
	for _, g := range globs {
		names, _ := filepath.Glob(g)
		for _, n := range names {
			if b, err := os.ReadFile(n); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
}

// collect runs read and checks the fuzz invariants: no panic, every record
// has an ID and either a body or an error, the stats agree.
func collect(t *testing.T, read func(emit func(features.Record) error) (Stats, error)) []features.Record {
	var recs []features.Record
	st, err := read(func(r features.Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	checkStats(t, recs, st)
	return recs
}

func FuzzWARC(f *testing.F) {
	seedFiles(f, "testdata/warc/*.warc*", badDir+"/*.warc*", "testdata/fuzz-seeds/*.warc*")
	f.Fuzz(func(t *testing.T, data []byte) {
		recs := collect(t, func(emit func(features.Record) error) (Stats, error) {
			return ReadWARC(context.Background(), "f.warc", bytes.NewReader(data), fuzzOpt, emit)
		})
		if len(recs) == 0 {
			t.Fatal("a WARC input gave no row")
		}
	})
}

func FuzzJSONL(f *testing.F) {
	seedFiles(f, badDir+"/*.jsonl")
	f.Add([]byte(`{"id":"a","text":"t"}` + "\n" + `{"html":"<p>"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs := collect(t, func(emit func(features.Record) error) (Stats, error) {
			return ReadJSONL(context.Background(), "f.jsonl", bytes.NewReader(data), fuzzOpt, emit)
		})
		// Never a dropped line: one record per non-blank line (or one
		// "no records" error for an input without any).
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			return
		}
		lines := 0
		for _, l := range bytes.Split(bytes.TrimPrefix(data, bom), []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				lines++
			}
		}
		if want := max(lines, 1); len(recs) != want {
			t.Fatalf("%d records from %d non-blank lines", len(recs), lines)
		}
	})
}

func FuzzWalk(f *testing.F) {
	seedFiles(f, badDir+"/*", "testdata/warc/*")
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		names := []string{"a.html", "b.txt", "c.warc", "d.jsonl", "e.html.gz", "f.bin", "g"}
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		recs := collect(t, func(emit func(features.Record) error) (Stats, error) {
			return Read(context.Background(), []string{dir}, nil, walkOpt, emit)
		})
		// The files with an input extension each give at least one row,
		// in order: the folder's first rows are those of reading each file
		// alone (IDs aside: JSONL records are named by their own id).
		var alone []features.Record
		for _, n := range names[:5] {
			one := collect(t, func(emit func(features.Record) error) (Stats, error) {
				return Read(context.Background(), []string{filepath.Join(dir, n)}, nil, walkOpt, emit)
			})
			if len(one) == 0 {
				t.Fatalf("%s gave no row", n)
			}
			alone = append(alone, one...)
		}
		if len(recs) < len(alone) {
			t.Fatalf("the folder gave %d rows, its files alone %d", len(recs), len(alone))
		}
		for i, a := range alone {
			r := recs[i]
			if !bytes.Equal(a.Body, r.Body) || (a.Err == nil) != (r.Err == nil) {
				t.Fatalf("row %d: %s alone (err %v) differs from %s in the folder (err %v)", i, a.ID, a.Err, r.ID, r.Err)
			}
		}
	})
}

func FuzzSamples(f *testing.F) {
	f.Add([]byte(`{"id":"t","label":"spun","text":"x"}` + "\n" + `{"id":"p","label":null,"path":"page.html"}`))
	f.Add([]byte(`{"id":"p","label":"original","path":"page.html.gz"}` + "\n{"))
	seedFiles(f, badDir+"/*.jsonl")
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "page.html"), []byte("<p>page</p>"), 0o644)
		os.WriteFile(filepath.Join(dir, "page.html.gz"), data, 0o644)
		path := filepath.Join(dir, "samples.jsonl")
		os.WriteFile(path, data, 0o644)
		got, err := ReadSamples(path, fuzzOpt)
		if err != nil {
			t.Fatalf("ReadSamples: %v", err)
		}
		for _, s := range got {
			if s.Record.ID == "" {
				t.Fatalf("sample without an id: %+v", s)
			}
			if s.Record.Err == nil && s.Label != "" && !strings.Contains(strings.Join(features.Labels, " "), s.Label) {
				t.Fatalf("label %q accepted", s.Label)
			}
		}
	})
}
