package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spinscan/spinscan/features"
)

// readAll reads one WARC stream and returns its records.
func readAll(t testing.TB, r io.Reader, name string, opt Options) ([]features.Record, Stats) {
	t.Helper()
	var recs []features.Record
	st, err := ReadWARC(context.Background(), name, r, opt, func(rec features.Record) error {
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadWARC %s: %v", name, err)
	}
	return recs, st
}

// readInputs runs Read and returns the records.
func readInputs(t testing.TB, inputs []string, stdin io.Reader, opt Options) ([]features.Record, Stats) {
	t.Helper()
	var recs []features.Record
	st, err := Read(context.Background(), inputs, stdin, opt, func(rec features.Record) error {
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		t.Fatalf("Read %v: %v", inputs, err)
	}
	checkStats(t, recs, st)
	return recs, st
}

// checkStats checks the invariants every read must keep.
func checkStats(t testing.TB, recs []features.Record, st Stats) {
	t.Helper()
	errs := 0
	for _, r := range recs {
		if r.ID == "" {
			t.Errorf("record without an ID: %+v", r)
		}
		if r.Err != nil {
			errs++
			if r.Body != nil {
				t.Errorf("%s: error record carries a body", r.ID)
			}
		}
	}
	if st.Records != len(recs) || st.Errors != errs {
		t.Errorf("stats %+v, but %d records with %d errors came out", st, len(recs), errs)
	}
}

// want describes one expected record.
type want struct {
	id       string
	err      error  // nil: a good record; else errors.Is target
	errText  string // a phrase the error must contain
	url      string
	kind     features.Kind
	contains string // a phrase the body must contain
}

func checkRecords(t *testing.T, got []features.Record, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, r := range got {
			t.Logf("got %s err=%v", r.ID, r.Err)
		}
		t.Fatalf("%d records, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		r := got[i]
		if r.ID != w.id {
			t.Errorf("record %d: id %q, want %q", i, r.ID, w.id)
		}
		switch {
		case w.err == nil && w.errText == "" && r.Err != nil:
			t.Errorf("%s: unexpected error %v", r.ID, r.Err)
		case w.err != nil && !errors.Is(r.Err, w.err):
			t.Errorf("%s: error %v, want %v", r.ID, r.Err, w.err)
		case w.errText != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), w.errText)):
			t.Errorf("%s: error %v, want one saying %q", r.ID, r.Err, w.errText)
		}
		if r.Err != nil {
			continue
		}
		if w.url != "" && r.URL != w.url {
			t.Errorf("%s: url %q, want %q", r.ID, r.URL, w.url)
		}
		if r.Kind != w.kind {
			t.Errorf("%s: kind %v, want %v", r.ID, r.Kind, w.kind)
		}
		if !bytes.Contains(r.Body, []byte(w.contains)) {
			t.Errorf("%s: body (%d bytes) lacks %q", r.ID, len(r.Body), w.contains)
		}
	}
}

func TestWARCFixtures(t *testing.T) {
	noPages := "no HTML or text pages"
	tests := []struct {
		file  string
		wants []want
	}{
		{"example-digest.warc", []want{{id: "example-digest.warc", errText: noPages + " among 4 records (4 request)"}}},
		{"example-iana.org-chunked.warc", []want{{id: "example-iana.org-chunked.warc#405", url: "http://www.iana.org/", contains: "Internet Assigned Numbers Authority"}}},
		{"example-resource.warc.gz", []want{{id: "example-resource.warc.gz#802", url: "http://example.com/", contains: "<h1>Example Domain</h1>"}}},
		{"example-trunc.warc", []want{{id: "example-trunc.warc#1197", err: ErrBadLength}}},
		{"example-wrong-chunks.warc.gz", []want{{id: "example-wrong-chunks.warc.gz#0", err: ErrTruncated, errText: "HTTP body shorter"}}},
		{"example.warc", []want{{id: "example.warc#1197", url: "http://example.com/", contains: "<h1>Example Domain</h1>"}}},
		{"example.warc.gz", []want{{id: "example.warc.gz#784", url: "http://example.com/", contains: "<h1>Example Domain</h1>"}}},
		{"post-test.warc.gz", []want{{id: "post-test.warc.gz", errText: noPages + " among 6 records (3 request, 3 response (not HTML or text))"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata/warc", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, st := readAll(t, f, tt.file, Options{})
			checkStats(t, recs, st)
			checkRecords(t, recs, tt.wants)
		})
	}
}

func TestWARCFields(t *testing.T) {
	recs, _ := readInputs(t, []string{"testdata/warc/example-iana.org-chunked.warc"}, nil, Options{})
	r := recs[0]
	if r.ID != "testdata/warc/example-iana.org-chunked.warc#405" {
		t.Errorf("id %q", r.ID)
	}
	if want := time.Date(2017, 3, 6, 16, 54, 9, 0, time.UTC); !r.Fetched.Equal(want) {
		t.Errorf("fetched %v, want %v", r.Fetched, want)
	}
	if r.ContentType != "text/html; charset=UTF-8" {
		t.Errorf("content type %q", r.ContentType)
	}
	// Chunked transfer-encoding is undone: no chunk-size lines remain.
	if !bytes.HasPrefix(r.Body, []byte("<!doctype html>")) || !bytes.HasSuffix(bytes.TrimSpace(r.Body), []byte("</html>")) {
		t.Errorf("body not dechunked: starts %q ends %q", r.Body[:20], r.Body[len(r.Body)-20:])
	}
}

func TestWARCWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	ww := NewWARCWriter(&buf)
	at := time.Date(2023, 10, 17, 8, 30, 0, 0, time.UTC)
	pages := []string{"<html><body><p>One</p></body></html>", "Saved text.\nSecond line.", strings.Repeat("<p>long</p>", 5000)}
	types := []string{"text/html; charset=utf-8", "text/plain", "text/html"}
	var offsets []int
	for i, p := range pages {
		offsets = append(offsets, buf.Len())
		if err := ww.Write("http://example.com/"+string(rune('a'+i)), at, types[i], []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	if err := ww.Write("http://example.com/\r\nX: y", at, "text/html", nil); err == nil {
		t.Error("Write accepted a line break in the url")
	}
	recs, st := readAll(t, bytes.NewReader(buf.Bytes()), "w.warc.gz", Options{})
	checkStats(t, recs, st)
	if len(recs) != len(pages) {
		t.Fatalf("%d records, want %d", len(recs), len(pages))
	}
	for i, r := range recs {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.ID, r.Err)
		}
		if want := "w.warc.gz#" + itoa(offsets[i]); r.ID != want {
			t.Errorf("id %q, want the member offset %q", r.ID, want)
		}
		if string(r.Body) != pages[i] || !r.Fetched.Equal(at) || r.ContentType != types[i] {
			t.Errorf("%s: round trip changed the record: %q %v %q", r.ID, r.Body[:min(20, len(r.Body))], r.Fetched, r.ContentType)
		}
	}
	if recs[1].Kind != features.KindText || recs[0].Kind != features.KindHTML {
		t.Errorf("kinds %v %v", recs[0].Kind, recs[1].Kind)
	}
	// The same pages in one gzip member: offsets in the decompressed stream.
	var whole bytes.Buffer
	zr, _ := gzipReader(buf.Bytes())
	data, _ := io.ReadAll(zr)
	zw := newGzipWriter(&whole)
	zw.Write(data)
	zw.Close()
	recs, _ = readAll(t, &whole, "one.warc.gz", Options{})
	if len(recs) != 3 || recs[0].ID != "one.warc.gz#0" || recs[1].ID == "one.warc.gz#"+itoa(offsets[1]) {
		t.Errorf("single-member ids: %v", ids(recs))
	}
}

func ids(recs []features.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

func TestFolder(t *testing.T) {
	seeds := filepath.Join(sharedDir, "seeds")
	if _, err := os.Stat(seeds); err != nil {
		seeds = "../../testdata/seeds"
	}
	recs, st := readInputs(t, []string{seeds}, nil, Options{})
	if len(recs) != 5 || st.Skipped != 1 || st.Errors != 0 {
		t.Fatalf("seeds: %d records, stats %+v; want 5 records and LABELS.md skipped", len(recs), st)
	}
	for _, r := range recs {
		if r.Kind != features.KindText || strings.Contains(r.ID, "/") || !strings.HasSuffix(r.ID, ".txt") {
			t.Errorf("%s: kind %v", r.ID, r.Kind)
		}
	}
	if recs[0].ID != "000_aea046b3ecdc98ab.txt" || recs[4].ID != "004_6512205255edc4fc.txt" {
		t.Errorf("order: %v", ids(recs))
	}
}

func TestFolderLayout(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b/page.html":       "<p>b</p>",
		"a/z.txt":           "text",
		"a/notes.md":        "# notes",
		"a/pic.png":         "\x89PNG\r\n\x1a\n\x00\x00",
		"a/noext":           "<!DOCTYPE html><html><p>sniffed</p></html>",
		"a/crawl.dat":       "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
		".hidden/page.html": "<p>hidden</p>",
		"c/.page.html":      "<p>hidden</p>",
		"c/pages.jsonl":     `{"text":"x"}` + "\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	recs, st := readInputs(t, []string{dir}, nil, Options{})
	got := ids(recs)
	want := []string{"a/crawl.dat", "a/noext", "a/z.txt", "b/page.html", "c/pages.jsonl:1"}
	if strings.Join(got, " ") != strings.Join(want, " ") || st.Skipped != 2 {
		t.Errorf("ids %v skipped %d; want %v and 2 skipped", got, st.Skipped, want)
	}
	// A file named directly is always read, whatever its name.
	recs, _ = readInputs(t, []string{filepath.Join(dir, "a/notes.md"), filepath.Join(dir, "a/pic.png")}, nil, Options{})
	if len(recs) != 2 || recs[0].Err != nil || recs[0].Kind != features.KindText || !errors.Is(recs[1].Err, ErrBinary) {
		t.Errorf("direct files: %+v", recs)
	}
}

func TestJSONL(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("x", 200<<10) + `"}`
	tests := []struct {
		name  string
		in    string
		opt   Options
		wants []want
	}{
		{"good", `{"id":"a","url":"http://x/","html":"<p>hi</p>","date":"2023-10-17"}` + "\n" + `{"text":"t"}`, Options{}, []want{
			{id: "a", url: "http://x/", contains: "<p>hi</p>"},
			{id: "in.jsonl:2", kind: features.KindText, contains: "t"},
		}},
		{"crlf and bom", "\xef\xbb\xbf{\"id\":\"a\",\"text\":\"t\"}\r\n\r\n{\"id\":\"b\",\"text\":\"u\"}\r\n", Options{}, []want{
			{id: "a", kind: features.KindText, contains: "t"},
			{id: "b", kind: features.KindText, contains: "u"},
		}},
		{"broken between good", `{"id":"a","text":"t"}` + "\n{broken\n" + `{"id":"c","text":"t"}`, Options{}, []want{
			{id: "a", kind: features.KindText},
			{id: "in.jsonl:2", errText: "jsonl in.jsonl line 2: invalid character"},
			{id: "c", kind: features.KindText},
		}},
		{"long line", long + "\n" + `{"id":"b","text":"t"}`, Options{}, []want{
			{id: "long", kind: features.KindText, contains: "xxxx"},
			{id: "b", kind: features.KindText},
		}},
		{"line over the limit", long + "\n" + `{"id":"b","text":"t"}`, Options{MaxRecordBytes: 100 << 10}, []want{
			{id: "in.jsonl:1", err: ErrTooLarge, errText: "over the 100.0 KiB limit"},
			{id: "b", kind: features.KindText},
		}},
		{"empty", "\n\n", Options{}, []want{{id: "in.jsonl", errText: "no records"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recs []features.Record
			st, err := ReadJSONL(context.Background(), "in.jsonl", strings.NewReader(tt.in), tt.opt, func(r features.Record) error {
				recs = append(recs, r)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			checkStats(t, recs, st)
			checkRecords(t, recs, tt.wants)
		})
	}
}

func TestStdin(t *testing.T) {
	var gz bytes.Buffer
	zw := newGzipWriter(&gz)
	zw.Write([]byte(`{"id":"a","text":"t"}` + "\n"))
	zw.Close()
	recs, _ := readInputs(t, []string{"-"}, &gz, Options{})
	if len(recs) != 1 || recs[0].ID != "a" || recs[0].Err != nil {
		t.Errorf("stdin gzip jsonl: %+v", recs)
	}
}

func TestReadStops(t *testing.T) {
	emitted := 0
	count := func(features.Record) error { emitted++; return nil }
	if _, err := Read(context.Background(), []string{"testdata/warc", "no/such/path"}, nil, Options{}, count); err == nil || emitted != 0 {
		t.Errorf("missing input: err %v after %d records; want an error before any record", err, emitted)
	}
	stop := errors.New("stop")
	st, err := Read(context.Background(), []string{"testdata/warc"}, nil, Options{}, func(features.Record) error { return stop })
	if err != stop || st.Records != 1 {
		t.Errorf("emit error: got %v after %d records; want it returned after the first", err, st.Records)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, []string{"testdata/warc"}, nil, Options{}, count); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestMaxRecordBytes(t *testing.T) {
	opt := Options{MaxRecordBytes: 1000}
	recs, st := readInputs(t, []string{"testdata/warc/example.warc", "testdata/warc/example-iana.org-chunked.warc"}, nil, opt)
	if len(recs) != 2 || !errors.Is(recs[0].Err, ErrTooLarge) || !errors.Is(recs[1].Err, ErrTooLarge) {
		t.Fatalf("records %v stats %+v", recs, st)
	}
	if !strings.Contains(recs[1].Err.Error(), "record is 7.4 KiB, over the 1000 bytes limit") {
		t.Errorf("message: %v", recs[1].Err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func gzipReader(b []byte) (*gzip.Reader, error) { return gzip.NewReader(bytes.NewReader(b)) }

func newGzipWriter(w io.Writer) *gzip.Writer { return gzip.NewWriter(w) }
