// Package ngram is a compact English word n-gram model for fluency scores:
// unigram, bigram and trigram counts with stupid backoff (Brants et al.
// 2007), n-grams stored as 32-bit xxhash keys so the model stays small
// (english.lm: 1.2 MB compressed for 391 000 tokens of text).
//
// A model remembers which sentences it was built from (a 32-bit key each)
// and scores such a sentence as the model built without it would: its own
// counts are taken off every n-gram it holds, and an n-gram left under the
// pruning threshold counts as unseen. A sentence the model has read would
// otherwise read as unusually fluent, and a classifier trained on it would
// learn "fluent" as "in the language model's corpus". Sentences added as
// a group (AddGroup: a sentence and its paraphrases, say) are left out
// together: a sentence of the group scores as the model built without any
// of them would, so a paraphrase's shared wording does not stand in for
// the sentence itself.
//
// A Model is immutable once built or decoded (it only caches each group's
// counts the first time they are needed) and safe for concurrent use.
package ngram

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/spinscan/spinscan/features/lex"
)

// magic opens every encoded model.
const magic = "spinscan-ngram-3\n"

// Backoff is the stupid-backoff penalty for each order dropped.
const Backoff = 0.4

// Model holds n-gram counts. The zero Model scores every token as unseen.
type Model struct {
	// Total is the number of tokens counted.
	Total uint64
	uni   map[string]uint32
	bi    map[uint32]uint32
	tri   map[uint32]uint32
	// min holds the pruning thresholds of unigrams, bigrams and trigrams.
	min [3]uint32
	// seen counts the sentences counted, by their key.
	seen map[uint32]uint32
	// group maps the key of a sentence added with AddGroup to its group
	// (index in groups plus one); groups holds each group's sentences as
	// their tokens joined by spaces.
	group  map[uint32]uint32
	groups []string
	// groupOwn caches each group's counts (*own, by group index) the first
	// time one of its sentences is scored: a page of the gold crawl is a
	// group of a hundred sentences, and counting it again for each of
	// them made scoring that crawl quadratic in the page's length.
	groupOwn sync.Map
}

// Tokens returns the model tokens of one sentence: lower-cased lex.Words
// with numbers folded to "<num>", framed by "<s>" and "</s>".
func Tokens(sentence string) []string {
	ws := lex.Words(sentence)
	out := make([]string, 0, len(ws)+2)
	out = append(out, "<s>")
	for _, w := range ws {
		if lex.IsNumber(w) {
			w = "<num>"
		}
		out = append(out, w)
	}
	return append(out, "</s>")
}

// key hashes an n-gram (or a whole sentence's tokens) to 32 bits: the
// xxhash of the words joined by spaces, streamed so that no joined string
// is built. Among the few hundred thousand n-grams of the model,
// collisions are rare enough not to matter for a score.
func key(ws ...string) uint32 {
	var d xxhash.Digest
	d.Reset()
	for i, w := range ws {
		if i > 0 {
			d.WriteString(" ")
		}
		d.WriteString(w)
	}
	return uint32(d.Sum64())
}

// Counter accumulates counts before pruning into a Model.
type Counter struct {
	total uint64
	uni   map[string]uint32
	bi    map[uint32]uint32
	tri   map[uint32]uint32
	seen  map[uint32]uint32
	group map[uint32]uint32
	// groups holds each group's sentences, tokens joined by spaces,
	// sentences by newlines.
	groups []string
}

// NewCounter returns an empty Counter.
func NewCounter() *Counter {
	return &Counter{uni: map[string]uint32{}, bi: map[uint32]uint32{}, tri: map[uint32]uint32{},
		seen: map[uint32]uint32{}, group: map[uint32]uint32{}}
}

// Add counts the n-grams of one sentence.
func (c *Counter) Add(sentence string) {
	c.add(Tokens(sentence))
}

// AddGroup counts the n-grams of sentences that are to be left out
// together when one of them is scored (see the package doc).
func (c *Counter) AddGroup(sentences []string) {
	var toks []string
	for _, s := range sentences {
		if t := Tokens(s); c.add(t) {
			toks = append(toks, strings.Join(t, " "))
		}
	}
	if len(toks) == 0 {
		return
	}
	c.groups = append(c.groups, strings.Join(toks, "\n"))
	for _, t := range toks {
		c.group[key(strings.Fields(t)...)] = uint32(len(c.groups))
	}
}

// add counts tokens t and reports whether they hold a word.
func (c *Counter) add(t []string) bool {
	if len(t) <= 2 {
		return false
	}
	c.seen[key(t...)]++
	for i, w := range t {
		c.uni[w]++
		c.total++
		if i >= 1 {
			c.bi[key(t[i-1], w)]++
		}
		if i >= 2 {
			c.tri[key(t[i-2], t[i-1], w)]++
		}
	}
	return true
}

// Model prunes the counts: words seen fewer than minUni times, bigrams
// fewer than minBi and trigrams fewer than minTri times are dropped.
func (c *Counter) Model(minUni, minBi, minTri uint32) *Model {
	m := &Model{Total: c.total, uni: map[string]uint32{}, bi: map[uint32]uint32{}, tri: map[uint32]uint32{},
		min: [3]uint32{minUni, minBi, minTri}, seen: maps.Clone(c.seen),
		group: maps.Clone(c.group), groups: slices.Clone(c.groups)}
	for w, n := range c.uni {
		if n >= minUni {
			m.uni[w] = n
		}
	}
	for k, n := range c.bi {
		if n >= minBi {
			m.bi[k] = n
		}
	}
	for k, n := range c.tri {
		if n >= minTri {
			m.tri[k] = n
		}
	}
	return m
}

// Sizes returns the number of unigrams, bigrams and trigrams kept.
func (m *Model) Sizes() (uni, bi, tri int) { return len(m.uni), len(m.bi), len(m.tri) }

// Known reports whether w is in the model's vocabulary.
func (m *Model) Known(w string) bool { _, ok := m.uni[w]; return ok }

// Score is the fluency of a run of tokens.
type Score struct {
	// LogProb is the summed log10 stupid-backoff score of the scored
	// tokens (every token after "<s>").
	LogProb float64
	// N is the number of tokens scored.
	N int
	// Trigrams counts scored positions whose three words are all known;
	// UnseenTrigrams counts those among them whose trigram was never seen.
	Trigrams, UnseenTrigrams int
	// Bigrams and UnseenBigrams are the same for word pairs.
	Bigrams, UnseenBigrams int
}

// Add sums two scores.
func (s Score) Add(o Score) Score {
	return Score{s.LogProb + o.LogProb, s.N + o.N, s.Trigrams + o.Trigrams, s.UnseenTrigrams + o.UnseenTrigrams, s.Bigrams + o.Bigrams, s.UnseenBigrams + o.UnseenBigrams}
}

// oovLog is the log10 score of a word the model has never seen.
const oovLog = -7.0

// counts are the counts a sentence is scored with: the model's, less the
// sentence's own, or its group's, when the model was built from it (see
// the package doc).
type counts struct {
	m     *Model
	total uint64
	*own
}

// own holds the counts taken off the model's for one sentence or group,
// and how many tokens they hold. A group's, once built, is shared and
// never changed.
type own struct {
	ownUni        map[string]uint32
	ownBi, ownTri map[uint32]uint32
	tokens        uint64
}

// noOwn is the empty own of a sentence the model was not built from.
var noOwn = &own{}

func newOwn() *own {
	return &own{ownUni: map[string]uint32{}, ownBi: map[uint32]uint32{}, ownTri: map[uint32]uint32{}}
}

// counts returns the counts to score tokens t with.
func (m *Model) counts(t []string) counts {
	c := counts{m: m, total: m.Total, own: noOwn}
	sk := key(t...)
	k := m.seen[sk]
	if k == 0 {
		return c
	}
	if g := m.group[sk]; g > 0 && int(g) <= len(m.groups) {
		c.own = m.groupCounts(g)
	} else {
		c.own = newOwn()
		c.takeOff(t, k)
	}
	c.total -= min(c.total, c.tokens)
	return c
}

// groupCounts returns the counts of group g (index plus one), built on
// first use.
func (m *Model) groupCounts(g uint32) *own {
	if o, ok := m.groupOwn.Load(g); ok {
		return o.(*own)
	}
	o := newOwn()
	for _, s := range strings.Split(m.groups[g-1], "\n") {
		o.takeOff(strings.Fields(s), 1)
	}
	v, _ := m.groupOwn.LoadOrStore(g, o)
	return v.(*own)
}

// takeOff adds k times the counts of tokens t to the counts taken off.
func (o *own) takeOff(t []string, k uint32) {
	for i, w := range t {
		o.ownUni[w] += k
		if i >= 1 {
			o.ownBi[key(t[i-1], w)] += k
		}
		if i >= 2 {
			o.ownTri[key(t[i-2], t[i-1], w)] += k
		}
	}
	o.tokens += uint64(k) * uint64(len(t))
}

// less takes own off a stored count; a count left under the pruning
// threshold lo is no count.
func less(stored, own, lo uint32) uint32 {
	if own == 0 {
		return stored
	}
	if stored <= own || stored-own < lo {
		return 0
	}
	return stored - own
}

func (c counts) uni(w string) (uint32, bool) {
	n := less(c.m.uni[w], c.ownUni[w], c.m.min[0])
	return n, n > 0
}

func (c counts) bi(k uint32) uint32 { return less(c.m.bi[k], c.ownBi[k], c.m.min[1]) }

func (c counts) tri(k uint32) uint32 { return less(c.m.tri[k], c.ownTri[k], c.m.min[2]) }

// Sentence scores one sentence (see Tokens), as the model built without
// it would if it was built from it.
func (m *Model) Sentence(sentence string) Score {
	t := Tokens(sentence)
	var s Score
	if m == nil || m.Total == 0 {
		s.N = len(t) - 1
		s.LogProb = float64(s.N) * oovLog
		return s
	}
	c := m.counts(t)
	for i := 1; i < len(t); i++ {
		w := t[i]
		s.N++
		cw, kw := c.uni(w)
		c1, k1 := c.uni(t[i-1])
		var lp float64
		done := false
		if i >= 2 {
			_, k0 := c.uni(t[i-2])
			if k0 && k1 && kw {
				s.Trigrams++
			}
			if c3 := c.tri(key(t[i-2], t[i-1], w)); c3 > 0 {
				if c2 := c.bi(key(t[i-2], t[i-1])); c2 > 0 {
					lp = math.Log10(float64(c3) / float64(c2))
					done = true
				}
			} else if k0 && k1 && kw {
				s.UnseenTrigrams++
			}
		}
		if k1 && kw {
			s.Bigrams++
		}
		b := c.bi(key(t[i-1], w))
		if b == 0 && k1 && kw {
			s.UnseenBigrams++
		}
		if !done {
			switch {
			case b > 0 && c1 > 0:
				lp = math.Log10(Backoff * float64(b) / float64(c1))
			case kw && c.total > 0:
				lp = math.Log10(Backoff * Backoff * float64(cw) / float64(c.total))
			default:
				lp = oovLog
			}
		}
		s.LogProb += lp
	}
	return s
}

// Encode writes the model in its compact gzip form: the pruning
// thresholds, the vocabulary with counts, then bigram, trigram and sentence
// keys sorted and delta-coded, each with its count, then the groups'
// sentences as text.
func (m *Model) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { n := binary.PutUvarint(buf[:], x); bw.Write(buf[:n]) }
	bw.WriteString(magic)
	uv(m.Total)
	for _, lo := range m.min {
		uv(uint64(lo))
	}
	words := make([]string, 0, len(m.uni))
	for w := range m.uni {
		words = append(words, w)
	}
	slices.Sort(words)
	uv(uint64(len(words)))
	for _, w := range words {
		uv(uint64(len(w)))
		bw.WriteString(w)
		uv(uint64(m.uni[w]))
	}
	for _, tab := range []map[uint32]uint32{m.bi, m.tri, m.seen} {
		keys := make([]uint32, 0, len(tab))
		for k := range tab {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		uv(uint64(len(keys)))
		var prev uint32
		for _, k := range keys {
			uv(uint64(k - prev))
			uv(uint64(tab[k]))
			prev = k
		}
	}
	uv(uint64(len(m.groups)))
	for _, g := range m.groups {
		uv(uint64(len(g)))
		bw.WriteString(g)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// maxEntries bounds table sizes read by Decode, so a corrupt file cannot
// ask for unbounded memory.
const maxEntries = 1 << 24

// Decode reads a model written by Encode.
func Decode(b []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("ngram: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("ngram: not a spinscan n-gram model")
	}
	var rerr error
	uv := func() uint64 {
		if rerr != nil {
			return 0
		}
		x, err := binary.ReadUvarint(br)
		if err != nil {
			rerr = err
		}
		return x
	}
	// str reads a length-prefixed string of at most limit bytes.
	str := func(limit uint64, what string) (string, error) {
		l := uv()
		if rerr != nil || l > limit {
			return "", fmt.Errorf("ngram: bad %s: %v", what, rerr)
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(br, b); err != nil {
			return "", fmt.Errorf("ngram: %w", err)
		}
		return string(b), nil
	}
	m := &Model{Total: uv()}
	for i := range m.min {
		m.min[i] = uint32(uv())
	}
	nw := uv()
	if nw > maxEntries {
		return nil, errors.New("ngram: vocabulary too large")
	}
	m.uni = make(map[string]uint32, nw)
	for range nw {
		w, err := str(1<<10, "vocabulary entry")
		if err != nil {
			return nil, err
		}
		m.uni[w] = uint32(uv())
	}
	for _, tab := range []*map[uint32]uint32{&m.bi, &m.tri, &m.seen} {
		n := uv()
		if n > maxEntries {
			return nil, errors.New("ngram: table too large")
		}
		*tab = make(map[uint32]uint32, n)
		var k uint32
		for range n {
			k += uint32(uv())
			(*tab)[k] = uint32(uv())
		}
	}
	ng := uv()
	if ng > maxEntries {
		return nil, errors.New("ngram: too many groups")
	}
	m.group = map[uint32]uint32{}
	for i := range ng {
		g, err := str(1<<20, "group")
		if err != nil {
			return nil, err
		}
		m.groups = append(m.groups, g)
		for _, s := range strings.Split(g, "\n") {
			m.group[key(strings.Fields(s)...)] = uint32(i + 1)
		}
	}
	if rerr != nil {
		return nil, fmt.Errorf("ngram: %w", rerr)
	}
	return m, nil
}
