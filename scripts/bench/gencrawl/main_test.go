package main

import (
	"os"
	"testing"
)

func TestVariantWord(t *testing.T) {
	tests := []struct {
		name, word, want string
	}{
		{"plain word", "storm", "stormx1"},
		{"punctuation after the word", "day,", "dayx1,"},
		{"short word kept", "US", "US"},
		{"number kept", "2026", "2026"},
		{"each part of a hyphenated word", "well-known", "wellx1-knownx1"},
		{"letters around an apostrophe", "O'Neill", "O'Neillx1"},
		// Thai: the vowel sign U+0E31 is a mark, not a letter, so it splits
		// the word into two runs, and each gets the tag.
		{"Thai", "\u0e01\u0e31\u0e1a", "\u0e01x1\u0e31\u0e1ax1"},
		// Devanagari: the vowel sign U+093F splits the runs the same way.
		{"Devanagari", "\u0915\u093f\u0924", "\u0915x1\u093f\u0924x1"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := variantWord(tt.word, "x1"); got != tt.want {
				t.Errorf("variantWord(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestAddresses(t *testing.T) {
	name := t.TempDir() + "/manifest.jsonl"
	manifest := `{"id": "a", "path": "pages/aa.html.gz", "url": "https://news.example/2023/11/08/a"}

{"id": "b", "path": "pages/bb.html.gz", "url": ""}
`
	if err := os.WriteFile(name, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := addresses(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["aa.html.gz"] != "https://news.example/2023/11/08/a" {
		t.Errorf("addresses = %v", got)
	}
	if got, err := addresses(""); err != nil || len(got) != 0 {
		t.Errorf("no manifest: %v, %v", got, err)
	}
	if err := os.WriteFile(name, []byte("{broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := addresses(name); err == nil {
		t.Error("a broken manifest line gave no error")
	}
}
