// Package devcorpus reads the labelled dev datasets of ../shared/corpus
// (samples.jsonl or manifest.jsonl, each item's text inline or in a file
// beside it) for the corpus measurements in the feature packages' tests.
package devcorpus

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features/internal/jsonl"
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
	out := jsonl.Read[Sample](tb, filepath.Join(dir, file))
	for i := range out {
		if s := &out[i]; s.Text == "" && s.Path != "" {
			b, err := os.ReadFile(filepath.Join(dir, s.Path))
			if err != nil {
				tb.Fatal(err)
			}
			s.Text = string(b)
		}
	}
	return out
}

// ReadFile reads the named file, decompressing it when its name ends in
// .gz (the corpora store their HTML pages gzipped).
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if !strings.HasSuffix(name, ".gz") {
		return io.ReadAll(f)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
