package paraphrase

import (
	"fmt"
	"testing"
)

// TestDocCache checks that a cached analysis is the page's own, survives one
// generation turn, and that the cache stays bounded.
func TestDocCache(t *testing.T) {
	c := newDocCache(4)
	a := textPage("a", "en", "The minister said the plan would cost 5 million euros.")
	da := c.get(a)
	if c.get(a) != da {
		t.Error("second get of the same page re-analysed it")
	}
	if len(da.sents) != 1 || da.page != a {
		t.Errorf("analysis of a: %d sentences, page %p", len(da.sents), da.page)
	}
	for i := range 10 {
		p := textPage(fmt.Sprint(i), "en", fmt.Sprintf("Page %d has its own sentence about %d things.", i, i))
		if d := c.get(p); d.page != p {
			t.Fatalf("page %d got another page's analysis", i)
		}
		if n := len(c.cur) + len(c.old); n > 8 {
			t.Fatalf("cache holds %d analyses, bound 8", n)
		}
	}
}
