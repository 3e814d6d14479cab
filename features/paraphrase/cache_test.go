package paraphrase

import (
	"fmt"
	"testing"
)

// TestDocCache checks that a cached analysis is the page's own, is shared by
// two copies of one page (the engine decodes a page for its own scoring and
// for its neighbours'), is not given to another page with the same id,
// survives one generation turn, and that the cache stays bounded.
func TestDocCache(t *testing.T) {
	c := newDocCache(4)
	a := textPage("a", "en", "The minister said the plan would cost 5 million euros.")
	da := c.get(a)
	if c.get(a) != da {
		t.Error("second get of the same page re-analysed it")
	}
	if len(da.sents) != 1 || da.page.ID != a.ID || da.page.Text != a.Text {
		t.Errorf("analysis of a: %d sentences, page %q", len(da.sents), da.page.ID)
	}
	if c.get(textPage("a", "en", a.Text)) != da {
		t.Error("another copy of page a was analysed again")
	}
	other := textPage("a", "en", "Another record with the same id says something else entirely.")
	if d := c.get(other); d == da || d.page.Text != other.Text {
		t.Error("a page with a's id and another text got a's analysis")
	}
	for i := range 10 {
		p := textPage(fmt.Sprint(i), "en", fmt.Sprintf("Page %d has its own sentence about %d things.", i, i))
		if d := c.get(p); d.page.ID != p.ID || d.page.Text != p.Text {
			t.Fatalf("page %d got another page's analysis", i)
		}
		if n := len(c.cur) + len(c.old); n > 8 {
			t.Fatalf("cache holds %d analyses, bound 8", n)
		}
	}
}
