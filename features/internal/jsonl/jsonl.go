// Package jsonl reads the shared corpus's JSONL files for the tests'
// corpus readers (webgold, devcorpus).
package jsonl

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// Read decodes every line of the JSONL file at path, skipping the test when
// the file is absent (the corpus sits outside the repository) and failing it
// on a line that does not decode.
func Read[T any](tb testing.TB, path string) []T {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("corpus file not available: %v", err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
