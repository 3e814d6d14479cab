package crawl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinscan/spinscan/features"
)

func TestSamplesLines(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("saved text"), 0o644)
	os.MkdirAll(filepath.Join(dir, "p"), 0o755)
	var gz strings.Builder
	zw := newGzipWriter(&gz)
	zw.Write([]byte("<!DOCTYPE html><p>page</p>"))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "p", "b.html.gz"), []byte(gz.String()), 0o644)
	lines := strings.Join([]string{
		`{"id":"t","label":"spun","text":"inline text","source_id":"o","group":"g","granularity":"sentence","lang":"en"}`,
		`{"id":"h","label":null,"html":"<p>x</p>","url":"http://x/","date":"2023-10-17"}`,
		`{"id":"f","label":"original","path":"a.txt"}`,
		`{"id":"g","label":"reprint","path":"p/b.html.gz"}`,
		``,
		`{"id":"missing","label":"original","path":"nope.txt"}`,
		`{"id":"badlabel","label":"copied","text":"x"}`,
		`{"id":"two","label":"spun","text":"x","path":"a.txt"}`,
		`{"label":"spun","text":"x"}`,
		`{broken`,
	}, "\n")
	path := filepath.Join(dir, "samples.jsonl")
	os.WriteFile(path, []byte(lines), 0o644)
	got, err := ReadSamples(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, label string
		kind      features.Kind
		body      string
		errText   string
	}{
		{"t", "spun", features.KindText, "inline text", ""},
		{"h", "", features.KindHTML, "<p>x</p>", ""},
		{"f", "original", features.KindText, "saved text", ""},
		{"g", "reprint", features.KindHTML, "<p>page</p>", ""},
		{"missing", "original", 0, "", "no such file"},
		{"badlabel", "", 0, "", `unknown label "copied"`},
		{"two", "spun", 0, "", "exactly one of"},
		{path + ":9", "", 0, "", `no "id"`},
		{path + ":10", "", 0, "", "invalid character"},
	}
	if len(got) != len(tests) {
		t.Fatalf("%d samples, want %d", len(got), len(tests))
	}
	for i, tt := range tests {
		s := got[i]
		if s.Record.ID != tt.id || s.Label != tt.label {
			t.Errorf("sample %d: id %q label %q, want %q %q", i, s.Record.ID, s.Label, tt.id, tt.label)
		}
		if tt.errText != "" {
			if s.Record.Err == nil || !strings.Contains(s.Record.Err.Error(), tt.errText) {
				t.Errorf("%s: error %v, want %q", tt.id, s.Record.Err, tt.errText)
			}
			continue
		}
		if s.Record.Err != nil || s.Record.Kind != tt.kind || !strings.Contains(string(s.Record.Body), tt.body) {
			t.Errorf("%s: %v %v %q", tt.id, s.Record.Err, s.Record.Kind, s.Record.Body)
		}
	}
	if s := got[0]; s.SourceID != "o" || s.Group != "g" || s.Granularity != "sentence" || s.Lang != "en" {
		t.Errorf("gold fields: %+v", s)
	}
	if r := got[1].Record; r.URL != "http://x/" || r.Date != "2023-10-17" {
		t.Errorf("url/date: %+v", r)
	}
}

// TestSamplesCorpus loads every samples.jsonl of the shared corpus: every
// line gives a sample without error.
func TestSamplesCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "*", "samples.jsonl"))
	if len(files) == 0 {
		t.Skip("shared corpus absent")
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) {
			raw, _ := os.ReadFile(f)
			lines := strings.Count(strings.TrimSpace(string(raw)), "\n") + 1
			start := time.Now()
			got, err := ReadSamples(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			bytes, labeled := 0, 0
			for _, s := range got {
				if s.Record.Err != nil {
					t.Errorf("%s: %v", s.Record.ID, s.Record.Err)
				}
				bytes += len(s.Record.Body)
				if s.Label != "" {
					labeled++
				}
			}
			if len(got) != lines {
				t.Errorf("%d samples from %d lines", len(got), lines)
			}
			t.Logf("%d samples (%d labeled), %.1f MB in %v", len(got), labeled, float64(bytes)/1e6, time.Since(start).Round(time.Millisecond))
		})
	}
}
