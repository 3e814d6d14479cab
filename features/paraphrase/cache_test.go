package paraphrase

import (
	"fmt"
	"testing"

	"github.com/spinscan/spinscan/features"
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

// TestDocCachePeerView checks that a page's peer view (no visible text, as
// the engine hands a page's peers) and the whole page get analyses of
// their own, whichever the cache sees first: a credit found only in the
// visible text after the main text ("(AP)" on a line of its own) is the
// whole page's, and what its peers read of it does not depend on the
// order the pages were scored in.
func TestDocCachePeerView(t *testing.T) {
	text := "The minister said on Monday that the plan to build the new bridge would cost 5 million euros."
	whole := textPage("a", "en", text)
	whole.Raw = text + "\n(AP)\nShare this story"
	view := *whole
	view.Raw = ""
	for _, order := range [][]*features.Page{{whole, &view}, {&view, whole}} {
		c := newDocCache(4)
		got := map[*features.Page]string{}
		for _, p := range order {
			got[p] = c.get(p).wire
		}
		if got[whole] != "AP" || got[&view] != "" {
			t.Errorf("first %s: whole page credits %q, peer view %q; want AP and none",
				map[bool]string{true: "the whole page", false: "the peer view"}[order[0] == whole], got[whole], got[&view])
		}
	}
}
