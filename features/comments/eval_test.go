package comments_test

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/spinscan/spinscan/features/comments"
	"github.com/spinscan/spinscan/features/internal/webgold"
)

// norm keeps letters and digits, lower-cased, one space between runs, so
// that a gold snippet matches found text whatever its spacing and
// punctuation.
func norm(s string) string {
	var b bytes.Buffer
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// TestCommentLocation measures comment-section location on web-pages-gold
// dev pages with trafilatura gold (SPINSCAN_EVAL=1 to run). A page is
// positive when its gold lists comment snippets. The found comment text is
// the text of the comments Parse returns (as extract fills Page.Comments).
// A positive page is a true positive when the found text contains at least
// one gold snippet (after norm), a false negative otherwise; a negative
// page with any comment found is a false positive. Snippet recall is the
// share of all gold snippets contained in the found text. The same figures
// are printed for trafilatura's CommentsText as a baseline, and the
// junk_comments flag rate on all pages.
func TestCommentLocation(t *testing.T) {
	type counts struct{ tp, fp, fn, tn, snip, snipHit int }
	var mine, base, reach counts
	junk, pages, errs := 0, 0, 0
	var restates []string
	score := func(c *counts, gold []string, found string) {
		fn := norm(found)
		if len(gold) == 0 {
			if strings.TrimSpace(found) != "" {
				c.fp++
			} else {
				c.tn++
			}
			return
		}
		hit := false
		for _, s := range gold {
			c.snip++
			if ns := norm(s); ns != "" && strings.Contains(fn, ns) {
				c.snipHit++
				hit = true
			}
		}
		if hit {
			c.tp++
		} else {
			c.fn++
		}
	}
	for _, g := range webgold.Measure(t) {
		if g.Gold.Trafilatura == nil {
			continue
		}
		p, err := g.Extract()
		if err != nil {
			errs++
			continue
		}
		pages++
		var texts []string
		for _, c := range p.Comments {
			texts = append(texts, c.Text)
		}
		found := strings.Join(texts, "\n")
		score(&mine, g.Gold.Trafilatura.Comments, found)
		score(&base, g.Gold.Trafilatura.Comments, p.CommentText)
		// Pages whose gold snippets do not occur in the page's visible text
		// at all (comments loaded by script) are left out of "reachable".
		if gold := g.Gold.Trafilatura.Comments; len(gold) == 0 || strings.Contains(norm(p.Raw), norm(gold[0])) {
			score(&reach, gold, found)
		}
		st := comments.Measure(p, p.Comments)
		if st.Junk() {
			junk++
			t.Logf("junk_comments fires on %s (%s): %+v %v", g.ID, g.URL, st, st.Signals())
		}
		if os.Getenv("SPINSCAN_EVAL") == "v" {
			if len(g.Gold.Trafilatura.Comments) > 0 && !strings.Contains(norm(found), norm(g.Gold.Trafilatura.Comments[0])) {
				t.Logf("miss %s %s found=%d %.80q", g.ID, g.URL, len(p.Comments), found)
			}
			if len(g.Gold.Trafilatura.Comments) == 0 && found != "" {
				t.Logf("fp %s %s found=%d %.80q", g.ID, g.URL, len(p.Comments), found)
			}
		}
		if st.Count > 0 {
			restates = append(restates, fmt.Sprintf("%s n=%d restating=%d generic=%d handles=%d links=%d burst=%v", g.ID, st.Count, st.Restating, st.Generic, st.Handles, st.Links, st.Burst))
		}
	}
	sort.Strings(restates)
	for _, r := range restates {
		t.Log(r)
	}
	report := func(name string, c counts) {
		p := float64(c.tp) / float64(max(1, c.tp+c.fp))
		r := float64(c.tp) / float64(max(1, c.tp+c.fn))
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		fmt.Printf("%s: pages=%d TP=%d FP=%d FN=%d TN=%d precision=%.3f recall=%.3f F1=%.3f snippet-recall=%d/%d\n",
			name, pages, c.tp, c.fp, c.fn, c.tn, p, r, f, c.snipHit, c.snip)
	}
	report("comments.Parse", mine)
	report("trafilatura CommentsText", base)
	report("comments.Parse, reachable gold only", reach)
	fmt.Printf("junk_comments fires on %d/%d pages (extract errors: %d)\n", junk, pages, errs)
}
