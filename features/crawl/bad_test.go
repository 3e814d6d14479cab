package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinscan/spinscan/features"
)

// TestBad reads each file of ../../testdata/bad (see its README) and checks
// that it gives the records and errors listed there.
func TestBad(t *testing.T) {
	const mib = 1 << 20
	html, text := features.KindHTML, features.KindText
	tests := []struct {
		file  string
		opt   Options
		wants []want
	}{
		{"binary-junk.html", Options{}, []want{{err: ErrBinary, errText: "application/octet-stream"}}},
		{"invalid-utf8.txt", Options{}, []want{{kind: text, contains: "\xff\xfe"}}},
		{"empty.html", Options{}, []want{{kind: html}}},
		{"empty.txt", Options{}, []want{{kind: text}}},
		{"truncated.html.gz", Options{}, []want{{err: ErrGzip, errText: "unexpected EOF"}}},
		{"lying-length.warc", Options{}, []want{
			{id: "#0", kind: html, url: "http://example.com/1", contains: "Example Domain"},
			{id: "#1532", err: ErrBadLength, errText: "overruns the record"},
			{id: "#3064", kind: html, url: "http://example.com/3", contains: "Example Domain"},
			{id: "#4596", err: ErrBadLength, errText: "Content-Length 1311 is followed by"},
			{id: "#6128", kind: html, url: "http://example.com/5", contains: "Example Domain"},
		}},
		{"cut-mid-record.warc", Options{}, []want{
			{id: "#0", kind: html, url: "http://example.com/1", contains: "Example Domain"},
			{id: "#1532", kind: html, url: "http://example.com/2", contains: "Example Domain"},
			{id: "#3064", err: ErrTruncated, errText: "the input ends inside the record"},
		}},
		{"cut-mid-record.warc.gz", Options{}, []want{
			{id: "#0", kind: html, url: "http://example.com/1", contains: "Example Domain"},
			{id: "#843", kind: html, url: "http://example.com/2", contains: "Example Domain"},
			{id: "#1688", err: ErrGzip, errText: "unexpected EOF"},
		}},
		{"broken-lines.jsonl", Options{}, []want{
			{id: "good-1", kind: html, url: "http://example.com/1", contains: "One."},
			{id: ":2", errText: "line 2: unexpected end of JSON input"},
			{id: "good-2", kind: text, contains: "Second block."},
			{id: ":4", errText: "line 4: invalid character 'o'"},
			{id: "no-body", errText: `line 5: has neither "html" nor "text"`},
			{id: "both", errText: `line 7: has both`},
			{id: ":8", kind: text, contains: "No id"},
			{id: "42", kind: text, contains: "numeric id"},
			{id: ":10", errText: "line 10: json: cannot unmarshal array"},
			{id: "good-3", kind: html, contains: "Last good line."},
			{id: ":12", errText: "line 12: unexpected end of JSON input"},
		}},
		{"bomb.html.gz", Options{MaxRecordBytes: mib}, []want{{err: ErrTooLarge, errText: "more than the 1 MiB limit"}}},
		{"bomb.html.gz", Options{MaxDecompressed: 4 * mib}, []want{{err: ErrDecompressedLimit, errText: "decompresses to more than 4 MiB"}}},
		{"bomb.warc.gz", Options{MaxRecordBytes: mib}, []want{
			{id: "#0", kind: html, url: "http://example.com/small"},
			{id: "#843", err: ErrTooLarge, errText: "record is 32.0 MiB, over the 1 MiB limit"},
			{id: "#33792", kind: html, url: "http://example.com/after"},
		}},
		{"bomb.warc.gz", Options{MaxDecompressed: 4 * mib}, []want{
			{id: "#0", kind: html, url: "http://example.com/small"},
			{id: "#843", err: ErrDecompressedLimit},
		}},
		{"cp1251-declared.html", Options{}, []want{{kind: html, contains: `<meta charset="windows-1251">`}}},
		{"cp1251-undeclared.html", Options{}, []want{{kind: html, contains: "\xc2 \xd2\xf3\xf0\xf6\xe8\xe8"}}}, // "В Турции"
		{"sjis-declared.html", Options{}, []want{{kind: html, contains: `<meta charset="Shift_JIS">`}}},
		{"sjis-undeclared.txt", Options{}, []want{{kind: text, contains: "\x96k\x8aC\x93\xb9\x90V\x95\xb7"}}}, // "北海道新聞"
		{"latin1-declared.html", Options{}, []want{{kind: html, contains: `<meta charset="iso-8859-1">`}}},
		{"latin1-undeclared.txt", Options{}, []want{{kind: text, contains: "temp\xeate"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(badDir, tt.file)
			recs, _ := readInputs(t, []string{path}, nil, tt.opt)
			for i := range tt.wants {
				// IDs are the path as given, plus the WARC offset or JSONL line.
				if id := tt.wants[i].id; id == "" || id[0] == '#' || id[0] == ':' {
					tt.wants[i].id = path + id
				}
			}
			checkRecords(t, recs, tt.wants)
			// Pages are passed on undecoded: charset work is the extractor's.
			if len(recs) == 1 && recs[0].Err == nil {
				raw, _ := os.ReadFile(path)
				if !bytes.Equal(raw, recs[0].Body) {
					t.Errorf("body differs from the file")
				}
			}
		})
	}
}

// TestBadFolder reads testdata/bad as one folder: every file but the
// README gives at least one row.
func TestBadFolder(t *testing.T) {
	recs, st := readInputs(t, []string{badDir}, nil, Options{})
	files, _ := os.ReadDir(badDir)
	seen := map[string]bool{}
	for _, r := range recs {
		for _, f := range files {
			if len(r.ID) >= len(f.Name()) && r.ID[:len(f.Name())] == f.Name() {
				seen[f.Name()] = true
			}
		}
	}
	notInput := 0
	for _, f := range files {
		// README.md and the broken model files (for spinscan --model) are
		// not crawl input.
		if f.Name() == "README.md" || filepath.Ext(f.Name()) == ".json" {
			notInput++
			continue
		}
		if !seen[f.Name()] {
			t.Errorf("%s gave no row", f.Name())
		}
	}
	if st.Skipped != notInput {
		t.Errorf("skipped %d, want %d (README.md and the model files)", st.Skipped, notInput)
	}
}

// TestDecompressedLimitPerMember checks that the gzip bomb guard applies to
// one member, not to the file: a multi-member WARC that decompresses past
// the limit in all, each record well under it (a Common Crawl file is ~5 GB
// decompressed), is read whole.
func TestDecompressedLimitPerMember(t *testing.T) {
	path := filepath.Join(t.TempDir(), "many.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWARCWriter(f)
	body := []byte("<html><body><p>" + strings.Repeat("A line of page text. ", 5000) + "</p></body></html>")
	const n = 20 // 20 × ~100 KiB ≈ 2 MiB decompressed, limit 1 MiB
	for i := range n {
		if err := w.Write(fmt.Sprintf("http://example.com/%d", i), time.Unix(0, 0), "text/html", body); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var got, bad int
	_, err = Read(context.Background(), []string{path}, nil, Options{MaxDecompressed: 1 << 20}, func(r features.Record) error {
		got++
		if r.Err != nil {
			bad++
			t.Errorf("record %s: %v", r.ID, r.Err)
		}
		return nil
	})
	if err != nil || got != n || bad != 0 {
		t.Errorf("read %d records (%d errors, err %v), want %d", got, bad, err, n)
	}
}

// TestReadBodyHint checks that the size hint changes only how the body is
// read: the bytes and the size limit are the same for any hint.
func TestReadBodyHint(t *testing.T) {
	body := strings.Repeat("0123456789", 1000) // 10 000 bytes
	tests := []struct {
		name    string
		max     int64
		hint    int
		wantErr error
	}{
		{"no hint", 20000, 0, nil},
		{"exact hint", 20000, 10000, nil},
		{"hint too small", 20000, 10, nil},
		{"hint too large", 20000, 15000, nil},
		{"hint over the limit", 20000, 30000, nil},
		{"body at the limit", 10000, 10000, nil},
		{"body over the limit, no hint", 9999, 0, ErrTooLarge},
		{"body over the limit, hint", 9999, 5000, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readBody(strings.NewReader(body), tt.max, tt.hint)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || string(got) != body {
				t.Fatalf("got %d bytes, err %v; want the %d-byte body", len(got), err, len(body))
			}
		})
	}
}
