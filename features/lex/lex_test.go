package lex

import (
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
