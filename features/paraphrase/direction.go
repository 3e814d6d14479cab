package paraphrase

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/spinscan/spinscan/features"
)

// derivedness scores how much a page looks like a copy rather than a
// source, from its own evidence alone.
func derivedness(d *doc) float64 {
	s := 0.0
	if d.nwords > 0 {
		s += math.Min(1, 100*float64(len(d.spinner))/float64(d.nwords))
	}
	if n := len(d.sents); n > 0 {
		s += math.Min(1, 2*float64(len(d.broken))/float64(n))
	}
	if len(d.llm) > 0 {
		// A language model's reply published as it came: a rewrite of
		// text it was given.
		s += 1
	}
	if len(d.padding) > 0 {
		// Formulas a farm wraps a copy in: of two pages with one text,
		// the one that has them is the copy.
		s += 1
	}
	if d.republish != "" {
		// The page says another outlet published its text first.
		s += 1
	}
	if d.wire != "" {
		s -= 1
		if agencySite(d.page.Domain, d.wire) {
			// The agency's own page: any copy of its text derives from
			// it, a syndicated copy on another site included.
			s -= 1
		}
	}
	return s
}

// pairStats are the directed comparisons of page a against peer b.
type pairStats struct {
	peer     *doc
	matches  []match
	sim      float64 // mean best score of a's sentences in b
	coverage float64 // share of a's sentences aligned in b
	dir      float64 // > 0: a is derived from b
	parts    dirParts
}

// dirParts are the terms of the direction score, each > 0 when they point
// to a being derived from b.
type dirParts struct {
	wording  float64 // derivedness(a) - derivedness(b)
	coverage float64 // a's aligned share in b minus b's in a
	length   float64 // b's extra words, relative to the longer
	anchors  float64 // names and numbers b has and a lacks, minus the converse, relative to both
	punct    float64 // b's extra punctuation per word
	date     float64 // +1 when a is over a day later than b, -1 when earlier
}

// direction scores whether a is derived from b (> 0) or b from a (< 0),
// and returns the score's terms.
func direction(a, b *doc, ab, ba *pairStats) (float64, dirParts) {
	var p dirParts
	p.wording = derivedness(a) - derivedness(b)
	// Completeness: a copy carries a part of its source.
	p.coverage = ab.coverage - ba.coverage
	// Content: a copy tends to drop words and details of its source.
	if na, nb := a.nwords, b.nwords; na+nb > 0 {
		p.length = float64(nb-na) / float64(max(na, nb))
	}
	// Names and numbers the other has and a lacks.
	if u := union(a.anchors, b.anchors); u > 0 {
		p.anchors = float64(missing(a.anchors, b.anchors)-missing(b.anchors, a.anchors)) / float64(u)
	}
	// Punctuation: a rewrite tends to split and simplify its source's
	// sentences, dropping commas, semicolons, colons, brackets and dashes
	// (the rewrite has fewer in 2 443 of the 3 487 decided mtmpc pairs, 30
	// of the 45 Clough copies and all four seed spins; see
	// TestMeasurePunctuationCue).
	p.punct = b.punct - a.punct
	// Dates: the later page is more likely the copy.
	ta, tb := a.page.Published, b.page.Published
	if !ta.IsZero() && !tb.IsZero() {
		if ta.After(tb.Add(24 * time.Hour)) {
			p.date = 1
		} else if tb.After(ta.Add(24 * time.Hour)) {
			p.date = -1
		}
	}
	s := p.wording + 0.5*p.coverage + 0.25*p.length + 0.5*p.anchors + punctWeight*p.punct + 0.25*p.date
	return s, p
}

// verbatimShare is the share of matches that are verbatim.
func verbatimShare(ms []match) float64 {
	if len(ms) == 0 {
		return 0
	}
	n := 0
	for _, m := range ms {
		if m.kind == "verbatim" {
			n++
		}
	}
	return float64(n) / float64(len(ms))
}

// missing counts the anchors of other that a lacks.
func missing(a, other map[string]bool) int {
	n := 0
	for k := range other {
		if !a[k] {
			n++
		}
	}
	return n
}

func union(a, b map[string]bool) int {
	return len(a) + missing(a, b)
}

func stats(a, b *doc) *pairStats {
	ms := alignTo(a, b)
	st := &pairStats{peer: b, matches: ms}
	if len(ms) == 0 {
		return st
	}
	aligned := 0
	for _, m := range ms {
		st.sim += m.score()
		if m.kind != "unaligned" {
			aligned++
		}
	}
	st.sim /= float64(len(ms))
	st.coverage = float64(aligned) / float64(len(ms))
	return st
}

// sourceChain follows d's source src up to its own most likely source,
// from each page's evidence, for at most three hops.
func sourceChain(d, src *doc, peers []*doc) []string {
	chain := []string{d.page.ID, src.page.ID}
	cur := src
	for hops := 0; hops < 3; hops++ {
		var next *doc
		nb := 0.0
		for _, q := range peers {
			if q == cur || contains(chain, q.page.ID) {
				continue
			}
			a, b := stats(cur, q), stats(q, cur)
			if dd, _ := direction(cur, q, a, b); dd > minDirection && a.coverage >= 0.3 && a.sim+0.5*math.Min(1, dd) > nb {
				next, nb = q, a.sim+0.5*math.Min(1, dd)
			}
		}
		if next == nil {
			break
		}
		chain = append(chain, next.page.ID)
		cur = next
	}
	return chain
}

// closestTied returns the most similar peer in fwd that carries a good
// part of the page and is not clearly derived from it, or nil.
func closestTied(fwd []*pairStats) *pairStats {
	var best *pairStats
	for _, st := range fwd {
		if st.dir < -minDirection || st.coverage < 0.3 {
			continue
		}
		if best == nil || st.sim > best.sim {
			best = st
		}
	}
	return best
}

// keep returns the pairs of fwd whose peer is in docs.
func keep(fwd []*pairStats, docs map[*doc]bool) []*pairStats {
	var out []*pairStats
	for _, st := range fwd {
		if docs[st.peer] {
			out = append(out, st)
		}
	}
	return out
}

// tied reports whether some peer is not clearly derived from the page.
func tied(fwd []*pairStats) bool {
	for _, st := range fwd {
		if st.dir >= -minDirection {
			return true
		}
	}
	return false
}

// wireReprint flags a story root that credits a news agency (a dateline or
// a closing credit, pageCredit) on a site that is not the agency's own (or
// on a page of unknown site): the crawl holds no copy it derives from, but
// the credit says the text is
// the agency's, reprinted whole, and its peers derive from it. A root
// dated before a peer that carries its text word for word is the first
// publication of the text the crawl shows (the agency's own page, if its
// site is unknown), and is not flagged.
func wireReprint(d *doc, fwd []*pairStats, r *features.Result) {
	if d.wire == "" || agencySite(d.page.Domain, d.wire) {
		return
	}
	down := 0
	for _, st := range fwd {
		if st.dir < -minDirection {
			if st.parts.date < 0 && verbatimShare(st.matches) >= 0.5 {
				return
			}
			down++
		}
	}
	if down == 0 {
		return
	}
	r.Flag("wire_reprint", fmt.Sprintf("verbatim wire text: %q credits %s, on %s, and %d of %d peers derive from it",
		clip(d.wireLine, 60), d.wire, siteName(d.page.Domain), down, len(fwd)))
}

// loneWire flags a page with no peer that credits a news agency (a dateline
// or a closing credit) off the agency's site: a newspaper or a farm
// running the agency's story, whose other copies the crawl does not hold
// (the model reads such a page as a reprint; EVALUATION-HISTORY.md, "Lone
// wire reprints").
func loneWire(d *doc, r *features.Result) {
	if d.wire == "" || agencySite(d.page.Domain, d.wire) {
		return
	}
	r.Flag("wire_reprint", fmt.Sprintf("wire text: %q credits %s, on %s, and the crawl holds no other copy of it",
		clip(d.wireLine, 60), d.wire, siteName(d.page.Domain)))
}

// siteName names a page's site in evidence: its domain, or "a page of
// unknown site" when the record gave no url.
func siteName(domain string) string {
	if domain == "" {
		return "a page of unknown site"
	}
	return domain
}

// agencySites are the news agencies' own domains, by dateline credit.
var agencySites = map[string][]string{
	"AP": {"apnews.com", "ap.org"}, "Reuters": {"reuters.com"}, "AFP": {"afp.com"},
	"UPI": {"upi.com"}, "dpa": {"dpa.com"}, "DPA": {"dpa.com"}, "Xinhua": {"xinhuanet.com", "news.cn"},
	"Bloomberg": {"bloomberg.com"}, "CNN": {"cnn.com"},
	"Yonhap": {"yna.co.kr", "yonhapnews.co.kr"}, "Kyodo": {"kyodonews.net", "kyodonews.jp"},
	"PTI": {"ptinews.com"}, "IANS": {"ianslive.in", "ians.in"}, "ANI": {"aninews.in"},
	"EFE": {"efe.com"}, "ANSA": {"ansa.it"}, "AAP": {"aap.com.au"}, "Bernama": {"bernama.com"},
	"TASS": {"tass.com", "tass.ru"},
}

// agencySite reports whether domain is the named agency's own site.
func agencySite(domain, agency string) bool {
	domain = strings.ToLower(domain)
	for _, s := range agencySites[agency] {
		if domain == s || strings.HasSuffix(domain, "."+s) {
			return true
		}
	}
	return false
}
