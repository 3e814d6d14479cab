// Package devcorpus reads the labelled dev datasets of ../shared/corpus
// (samples.jsonl or manifest.jsonl, each item's text inline or in a file
// beside it) for the corpus measurements in the feature packages' tests.
package devcorpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Sample is one item of a dataset.
type Sample struct {
	ID       string  `json:"id"`
	Label    *string `json:"label"`
	Path     string  `json:"path"`
	Text     string  `json:"text"`
	SourceID string  `json:"source_id"`
	Lang     string  `json:"lang"`
	Category string  `json:"category"`
	Task     string  `json:"task"`
}

// Dir is the shared corpus folder, found from this file's place in the
// repository.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "corpus")
}

// Samples reads file (samples.jsonl or manifest.jsonl) of dataset, loading
// each item's text from its path when it is not inline. The test is skipped
// when the dataset is absent.
func Samples(tb testing.TB, dataset, file string) []Sample {
	tb.Helper()
	dir := filepath.Join(Dir(), dataset)
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		tb.Skipf("no %s: %v", dataset, err)
	}
	defer f.Close()
	var out []Sample
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var s Sample
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			tb.Fatalf("%s/%s: %v", dataset, file, err)
		}
		if s.Text == "" && s.Path != "" {
			b, err := os.ReadFile(filepath.Join(dir, s.Path))
			if err != nil {
				tb.Fatal(err)
			}
			s.Text = string(b)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
