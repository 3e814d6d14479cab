package paraphrase

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

// Limits that keep the family's cost bounded on huge pages and clusters.
const (
	maxSentences = 1500 // sentences read per page
	maxPeers     = 40   // peers compared, in input order
	maxDiffWords = 200  // words per sentence in the word diff
)

// Pair classification thresholds. Tuned on corpus dev data (mtmpc positive
// vs negative pairs, Clough cut vs heavy, MRPC), checked on the seeds.
const (
	// verbatimBigrams is the word-bigram Dice at or above which a pair is
	// verbatim (a reprint with at most light edits).
	verbatimBigrams = 0.8
	// rewordedStems is the content-stem Dice at or above which a pair that
	// is not verbatim is reworded (same content, other wording).
	rewordedStems = 0.4
	// minContained is the fewest bigrams a sentence needs to count as
	// verbatim by containment in the peer's whole text (shorter ones are
	// too common to say anything).
	minContained = 5
)

// sentence is one analysed sentence.
type sentence struct {
	text    string
	words   []string // lower-case words
	stems   []string // distinct canonical content stems, sorted
	bigrams []uint64 // distinct hashes of the word bigrams, sorted
	anchors []string
}

// doc is one analysed page.
type doc struct {
	page  *features.Page
	sents []sentence
	// index maps a content stem to the sentences holding it.
	index map[string][]int32
	// bigrams are the distinct word-bigram hashes of all its sentences,
	// sorted: what a sentence of another page is looked up in, whatever
	// the sentence boundaries.
	bigrams []uint64
	// intrinsic evidence
	spinner     []string // spinner words found
	nwords      int
	punct       float64  // weighted punctuation marks per word (see punctuation)
	variety     float64  // distinct words per word
	broken      []string // broken collocations found
	restate     float64  // restatement score of the opening
	restatePair [2]int
	// flagRestate is the restatement without headline and template
	// pairs, which the spinner_wording flag reads.
	flagRestate float64
	flagPair    [2]int
	wire        string // the agency the page credits for its text, "" if none
	wireLine    string // the line that credits it
	// republish is the page's note that another outlet published its text
	// first (republished), "" if none; origin names the outlet, "" if the
	// note does not.
	republish  string
	origin     string
	padding    []string // padding formulas of its own (padding)
	llm        []string // LLM leftovers found (llmArtifacts)
	rawLen     int      // the length of the page's visible text (samePage)
	anchors    map[string]bool
	quotes     [][]string // word sequences of quotes
	quoteStems [][]string // canonStems of each quote
	quoteText  []string
	// orderHash holds the hashes of the page's distinct content stems (the
	// first maxOrderStems in text order), sorted, and orderPos the rank of
	// each in text order: what stemOrder compares, by a merge of two pages'
	// lists.
	orderHash []uint64
	orderPos  []int32
}

// maxOrderStems is the most content stems of a page stemOrder compares.
const maxOrderStems = 400

// canonStems returns the distinct canonical content stems of words, sorted:
// spinner words are replaced by the plain word's stem.
func canonStems(words []string) []string {
	out := stemsInOrder(words)
	sort.Strings(out)
	return out
}

// stemsInOrder returns the distinct canonical content stems of words in
// the order they first appear.
func stemsInOrder(words []string) []string {
	seen := make(map[string]struct{}, len(words))
	var out []string
	for _, w := range words {
		var st string
		if r, ok := spinnerWords[w]; ok {
			st = r
		} else if lex.IsFunction(w) || functionLike[w] {
			continue
		} else {
			st = lex.Stem(w)
		}
		if _, ok := seen[st]; !ok {
			seen[st] = struct{}{}
			out = append(out, st)
		}
	}
	return out
}

// newSentence analyses one sentence; it also returns the sentence's
// content stems in text order (the sentence keeps them sorted).
func newSentence(text string) (sentence, []string) {
	ws := lex.Words(text)
	ordered := stemsInOrder(ws)
	stems := slices.Clone(ordered)
	sort.Strings(stems)
	s := sentence{text: text, words: ws, stems: stems, anchors: lex.Anchors(text)}
	s.bigrams = bigramHashes(ws)
	return s, ordered
}

// peerView is what an analysis keeps of its page: the fields the family
// reads (and samePage compares), not the visible text, chrome, comments and
// markup findings, which a cached analysis would otherwise keep alive.
func peerView(p *features.Page) *features.Page {
	return &features.Page{ID: p.ID, URL: p.URL, Domain: p.Domain, Kind: p.Kind, Title: p.Title,
		Lang: p.Lang, Text: p.Text, Sentences: p.Sentences, Published: p.Published}
}

// analyze reads a page once: sentences, stem index and intrinsic evidence.
func analyze(p *features.Page) *doc {
	d := &doc{index: map[string][]int32{}, anchors: map[string]bool{}}
	if p == nil {
		return d
	}
	d.page = peerView(p)
	d.rawLen = len(p.Raw)
	texts := p.Sentences
	if len(texts) == 0 && strings.TrimSpace(p.Text) != "" {
		texts = lex.Sentences(p.Text)
	}
	if len(texts) > maxSentences {
		texts = texts[:maxSentences]
	}
	seenStem := map[uint64]bool{}
	var order []uint64
	// The spinner-word list and the collocation rules are English ("an"
	// before a consonant is a spinner's slip in English, German's "an
	// der"), so other languages skip them.
	english := englishWording(p.Lang)
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		s, ordered := newSentence(t)
		if len(s.words) == 0 {
			continue
		}
		i := int32(len(d.sents))
		for _, st := range s.stems {
			d.index[st] = append(d.index[st], i)
		}
		for _, a := range s.anchors {
			d.anchors[a] = true
		}
		if english {
			for _, w := range s.words {
				if _, ok := spinnerWords[w]; ok {
					d.spinner = append(d.spinner, w)
				}
			}
		}
		for _, st := range ordered {
			if len(order) >= maxOrderStems {
				break
			}
			if h := xxhash.Sum64String(st); !seenStem[h] {
				seenStem[h] = true
				order = append(order, h)
			}
		}
		d.nwords += len(s.words)
		d.bigrams = append(d.bigrams, s.bigrams...)
		if english {
			d.broken = append(d.broken, brokenCollocations(t)...)
		}
		d.sents = append(d.sents, s)
	}
	// Restatement: two of the opening sentences sharing most content. The
	// column (restate) takes every pair, as the models were trained. The
	// flag's (flagRestate) leaves out a sentence that is the page's
	// title or opens with it (the headline extracted with the text, often
	// glued to the lede) and a pair of identical sentences (a template
	// line twice): a news lede restates its headline, and a spinner
	// rewords where a template repeats.
	open := len(d.sents)
	if open > 5 {
		open = 5
	}
	var title []string
	if p.Title != "" {
		t, _ := newSentence(p.Title)
		title = t.stems
	}
	for i := 0; i < open; i++ {
		for j := i + 1; j < open; j++ {
			if len(d.sents[i].stems) < 4 || len(d.sents[j].stems) < 4 {
				continue
			}
			v := dice(d.sents[i].stems, d.sents[j].stems)
			if v > d.restate {
				d.restate, d.restatePair = v, [2]int{i, j}
			}
			if v > d.flagRestate && !isTitleSentence(d.sents[i].stems, title) && !isTitleSentence(d.sents[j].stems, title) &&
				normalSpace(d.sents[i].text) != normalSpace(d.sents[j].text) {
				d.flagRestate, d.flagPair = v, [2]int{i, j}
			}
		}
	}
	d.orderHash, d.orderPos = sortedRanks(order)
	slices.Sort(d.bigrams)
	d.bigrams = slices.Compact(d.bigrams)
	if d.nwords > 0 {
		n := 0.0
		for _, s := range d.sents {
			n += punctuation(s.text)
		}
		d.punct = n / float64(d.nwords)
		distinct := map[string]bool{}
		for _, s := range d.sents {
			for _, w := range s.words {
				distinct[w] = true
			}
		}
		d.variety = float64(len(distinct)) / float64(d.nwords)
	}
	text := p.Text
	if text == "" {
		text = strings.Join(texts, "\n")
	}
	d.wireLine, d.wire = pageCredit(p.Raw, text)
	d.republish, d.origin = republished(p.Domain, p.Raw, text)
	d.llm = llmArtifacts(cmp.Or(p.Raw, text))
	d.padding = padding(text)
	for _, q := range lex.Quotes(text) {
		ws := lex.Words(q)
		d.quotes = append(d.quotes, ws)
		d.quoteStems = append(d.quoteStems, canonStems(ws))
		d.quoteText = append(d.quoteText, q)
	}
	return d
}

// punctuation weighs the marks of s that rewriters tend to drop: a comma,
// a bracket or a dash (also a plain-text "--") counts 1, a semicolon or
// colon 3 (they mark the long, joined sentences that a rewrite splits or
// simplifies). Hyphens inside words do not count.
func punctuation(s string) float64 {
	n := 0.0
	prev := rune(0)
	for _, r := range s {
		switch {
		case r == ',' || r == '(' || r == ')' || r == '—' || r == '–':
			n++
		case r == '-' && prev == '-':
			n++
			r = 0 // "---" is one dash, "----" two
		case r == ';' || r == ':':
			n += 3
		}
		prev = r
	}
	return n
}

// dice is the Dice coefficient of two sorted distinct string slices.
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(overlap(a, b)) / float64(len(a)+len(b))
}

// overlap counts the values two sorted distinct slices share.
func overlap[T cmp.Ordered](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// bigramHashes returns the distinct xxhashes of the word bigrams of ws
// ("w1 w2"; the word itself for a one-word sentence), sorted: 8 bytes a
// bigram where a set of strings took about ten times that, which keeps the
// cached analyses small.
func bigramHashes(ws []string) []uint64 {
	if len(ws) == 1 {
		return []uint64{xxhash.Sum64String(ws[0])}
	}
	out := make([]uint64, 0, max(0, len(ws)-1))
	var d xxhash.Digest
	for i := 0; i+1 < len(ws); i++ {
		d.Reset()
		d.WriteString(ws[i])
		d.WriteString(" ")
		d.WriteString(ws[i+1])
		out = append(out, d.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// contained is the share of the bigram hashes a that the sorted set b
// holds.
func contained(a, b []uint64) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for _, h := range a {
		if _, ok := slices.BinarySearch(b, h); ok {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// bigramDice is the Dice coefficient of two bigramHashes sets.
func bigramDice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(overlap(a, b)) / float64(len(a)+len(b))
}

// match is the best counterpart of one sentence in one peer.
type match struct {
	j       int // peer sentence index, -1 when none
	stems   float64
	bigrams float64
	kind    string
}

func (m match) score() float64 {
	if m.bigrams > m.stems {
		return m.bigrams
	}
	return m.stems
}

// classify names a pair from its similarities.
func classify(stems, bigrams float64) string {
	switch {
	case bigrams >= verbatimBigrams:
		return "verbatim"
	case stems >= rewordedStems:
		return "reworded"
	}
	return "unaligned"
}

// alignTo finds, for each sentence of a, its best counterpart in b using b's
// stem index: the three candidates sharing most stems are scored fully.
func alignTo(a, b *doc) []match {
	out := make([]match, len(a.sents))
	counts := map[int32]int{}
	for i, s := range a.sents {
		clear(counts)
		for _, st := range s.stems {
			for _, j := range b.index[st] {
				counts[j]++
			}
		}
		type cand struct {
			j int32
			d float64
		}
		var top [3]cand
		for j, c := range counts {
			d := 2 * float64(c) / float64(len(s.stems)+len(b.sents[j].stems))
			for k := range top {
				if d > top[k].d || (d == top[k].d && d > 0 && j < top[k].j) {
					copy(top[k+1:], top[k:len(top)-1])
					top[k] = cand{j, d}
					break
				}
			}
		}
		best := match{j: -1, kind: "unaligned"}
		for _, c := range top {
			if c.d == 0 {
				continue
			}
			m := match{j: int(c.j), stems: c.d, bigrams: bigramDice(s.bigrams, b.sents[c.j].bigrams)}
			if best.j < 0 || m.score() > best.score() {
				best = m
			}
		}
		// Sentences without content stems (rare) can still be verbatim.
		if best.j < 0 && len(s.stems) == 0 {
			for j := range b.sents {
				if v := bigramDice(s.bigrams, b.sents[j].bigrams); v > best.bigrams {
					best = match{j: j, bigrams: v}
				}
			}
		}
		// A sentence carried word for word across the peer's sentence
		// boundaries (a passage cut mid-sentence, sentences split or joined
		// differently) is verbatim too.
		if len(s.bigrams) >= minContained && best.bigrams < verbatimBigrams {
			if c := contained(s.bigrams, b.bigrams); c >= verbatimBigrams {
				if best.j < 0 { // no stem candidate: show the sentence sharing most
					most := -1
					for j := range b.sents {
						if n := overlap(s.bigrams, b.sents[j].bigrams); n > most {
							best.j, most = j, n
						}
					}
				}
				best.bigrams = c
			}
		}
		best.kind = classify(best.stems, best.bigrams)
		out[i] = best
	}
	return out
}

// diffSpans returns the replaced spans between two sentences: pairs of
// (page words, peer words) between common words, longest first.
func diffSpans(a, b string) [][2]string {
	at, bt := lex.Tokens(a), lex.Tokens(b)
	if len(at) > maxDiffWords {
		at = at[:maxDiffWords]
	}
	if len(bt) > maxDiffWords {
		bt = bt[:maxDiffWords]
	}
	n, m := len(at), len(bt)
	eq := func(i, j int) bool { return strings.EqualFold(at[i], bt[j]) }
	// LCS table, suffix form.
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(i, j) {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var spans [][2]string
	i, j := 0, 0
	si, sj := 0, 0
	flush := func() {
		if i > si || j > sj {
			spans = append(spans, [2]string{strings.Join(at[si:i], " "), strings.Join(bt[sj:j], " ")})
		}
	}
	for i < n && j < m {
		if eq(i, j) {
			flush()
			i++
			j++
			si, sj = i, j
			continue
		}
		if l[i+1][j] >= l[i][j+1] {
			i++
		} else {
			j++
		}
	}
	i, j = n, m
	flush()
	sort.SliceStable(spans, func(x, y int) bool {
		return len(spans[x][0])+len(spans[x][1]) > len(spans[y][0])+len(spans[y][1])
	})
	return spans
}

// docCache memoises analyses of pages by page id. In a crawl every page of
// a story is compared with the same peers, and a page is analysed as a peer
// of its neighbours before or after its own scoring, so without it each
// page is re-analysed once per member of its cluster. An analysis reads
// only the page's peer view (text, sentences, id, domain, language, date),
// the same whichever copy of the page the engine hands over; a hit whose
// page differs in any of them (two records with one id) is analysed again. It
// holds two generations of at most max entries: when the current one
// fills, it becomes the old one and the previous old one is dropped.
type docCache struct {
	mu       sync.Mutex
	max      int
	cur, old map[string]*doc
}

func newDocCache(max int) *docCache {
	return &docCache{max: max, cur: map[string]*doc{}}
}

// get returns the analysis of p, computing it on a miss. A page with no id
// is analysed every time.
func (c *docCache) get(p *features.Page) *doc {
	if p == nil || p.ID == "" {
		return analyze(p)
	}
	c.mu.Lock()
	d, ok := c.cur[p.ID]
	if !ok {
		if d, ok = c.old[p.ID]; ok {
			c.put(p.ID, d)
		}
	}
	c.mu.Unlock()
	if ok && samePage(d, p) {
		return d
	}
	d = analyze(p)
	c.mu.Lock()
	c.put(p.ID, d)
	c.mu.Unlock()
	return d
}

// samePage reports whether the page d analysed and b agree on every field
// an analysis and the family read from a page (both are copies of one
// record). The visible text counts, by its length (d keeps no copy): the
// engine hands a page's peers their peer view, without the visible text
// (scan's encodePeer), and the page itself whole, so an analysis of one
// must not stand for the other, or what a page's peers read of it (an
// agency credit, a republication note or an LLM leftover found outside
// its main text) would depend on which of the two the cache saw first.
func samePage(d *doc, b *features.Page) bool {
	a := d.page
	return a.Text == b.Text && d.rawLen == len(b.Raw) && a.Lang == b.Lang && a.Domain == b.Domain &&
		a.Published.Equal(b.Published) && slices.Equal(a.Sentences, b.Sentences)
}

// put stores d under id; c.mu must be held.
func (c *docCache) put(id string, d *doc) {
	if len(c.cur) >= c.max {
		c.old, c.cur = c.cur, make(map[string]*doc, c.max)
	}
	c.cur[id] = d
}

// sortedRanks returns the distinct hashes hs sorted, with the index in hs
// of each.
func sortedRanks(hs []uint64) ([]uint64, []int32) {
	idx := make([]int32, len(hs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return cmp.Compare(hs[a], hs[b]) })
	sorted := make([]uint64, len(hs))
	for i, j := range idx {
		sorted[i] = hs[j]
	}
	return sorted, idx
}
