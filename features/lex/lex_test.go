package lex

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kljensen/snowball/english"
)

// TestStemCache checks that the memoised Stem agrees with Snowball, on a
// miss and on a hit, from many goroutines, and past a shard's capacity.
func TestStemCache(t *testing.T) {
	words := []string{"running", "generously", "nationalization", "happily", "cats", "erstwhile", "endeavored", strings.Repeat("x", maxStemmed+5)}
	for i := range stemShardCap * 2 {
		words = append(words, "word"+strings.Repeat("s", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26%26)))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 2 {
				for _, w := range words {
					if got, want := Stem(w), english.Stem(w, false); got != want {
						t.Errorf("goroutine %d round %d: Stem(%q) = %q, want %q", g, round, w, got, want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	for i := range stems.shards {
		if n := len(stems.shards[i].m); n > stemShardCap {
			t.Errorf("shard %d holds %d entries, cap %d", i, n, stemShardCap)
		}
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"In 2022, 1,234.5 tonnes", []string{"2022", "12345"}},
		{"2022年3月3日に", []string{"2022", "3", "3"}},
		{"２０２２年", []string{"2022"}},
		{"the 10th time", []string{"10"}},
		{"в 2022-го года 1234,5 рубля", []string{"2022", "12345"}},
		{"COVID-19 and mp3 files, H1N1", []string{"19", "3", "1", "1"}},
		{"a 19x12x7cm box, 50cm, 4000mAh, 1920x1080", []string{"19", "12", "7", "50", "4000", "1920", "1080"}},
		{"٢٠٢٢ and ۱۴۰۱ and २०२२", []string{"2022", "1401", "2022"}},
		{"ends with a number 7.", []string{"7"}},
		{"4. 2. 2022", []string{"4", "2", "2022"}}, // a separator joins digits only when a digit follows
		{"no digits here", nil},
	}
	for _, tc := range tests {
		if got := Numbers(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Numbers(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAnchorsNumbersInsideTokens(t *testing.T) {
	got := Anchors("Putin arrived on 2022年3月3日. He met Xi Jinping in the 10th round.")
	want := []string{"2022", "3", "3", "xi", "jinping", "10"}
	if !slices.Equal(got, want) {
		t.Errorf("Anchors = %q, want %q", got, want)
	}
}
