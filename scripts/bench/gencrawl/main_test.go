package main

import "testing"

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
