package translation

import (
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
	"github.com/spinscan/spinscan/features/translation/internal/ngram"
)

// englishLM is the English word-trigram model (see internal/lmbuild).
//
//go:embed english.lm
var englishLM []byte

// Flag is the name of the flag the family raises.
const Flag = "translation_artifacts"

// Column names, in order.
const (
	ColEnglish        = "english"
	ColPronounSwitch  = "pronoun_switch"
	ColLowerStart     = "lower_start"
	ColQuoteBreak     = "quote_break"
	ColForeignStyle   = "foreign_style"
	ColForeignSource  = "foreign_source"
	ColForeignSpans   = "foreign_spans"
	ColArtifactKinds  = "artifact_kinds"
	ColFunctionWords  = "function_words"
	ColOf             = "of_rate"
	ColCommas         = "comma_rate"
	ColLongWords      = "long_words"
	ColContractions   = "contractions"
	ColLexicalVariety = "lexical_variety"
	ColFluency        = "fluency"
	ColUnseenTrigrams = "unseen_trigrams"
	ColWorstSentence  = "worst_sentence"
	ColPeerOtherLang  = "peer_other_lang"
	ColPeerFluency    = "peer_fluency_gap"
)

// columns lists the family's measures in order.
var columns = []string{
	ColEnglish, ColPronounSwitch, ColLowerStart, ColQuoteBreak, ColForeignStyle,
	ColForeignSource, ColForeignSpans, ColArtifactKinds, ColFunctionWords,
	ColOf, ColCommas, ColLongWords, ColContractions, ColLexicalVariety, ColFluency, ColUnseenTrigrams,
	ColWorstSentence, ColPeerOtherLang, ColPeerFluency,
}

// Bounds of the peer fluency comparison: the first maxFluencyPeers English
// peers, the first maxPeerSentences sentences of each.
const (
	maxFluencyPeers  = 4
	maxPeerSentences = 60
)

// minKinds is how many different kinds of artifact raise the flag. At
// two kinds the flag fired on more human text than machine translation:
// 4 of the 209 English web-pages-gold pages (forum posts: a lower-case
// start and a stray quote), 4 of 312 PAN13 source documents and 2 of 323
// WMT22 English originals, against 4 of the 2 051 WMT22 and WMT23
// machine translations. No page of those reaches three kinds; the
// round-trip translation of seed 002 shows four. The model reads the
// artifact columns themselves, whatever the flag.
const minKinds = 3

const doc = `Translation artifacts. Counts what machine translation leaves in English text and careful writers do not: one speaker's pronoun switching ("he said" … "she recalled"), sentences starting in lower case after a full stop, quote marks opened inside an open quote, foreign quote/number/date styles, attribution lines of foreign outlets ("Source: TSF", "(EFE)") and untranslated spans; the flag needs three different kinds. Adds a compact translationese profile (function-word share, "of" and commas per 100 words, share of long words, contractions per 100 words, moving type/token ratio), fluency under an English trigram model built from English originals (mean log10 probability per word, share of unseen trigrams, worst sentence), whether the story cluster holds a page in another language that is not later than this one, and how much more fluent the most fluent English peer is than this page (a spun page has a fluent source; machine translations of one story are all alike).`

// Family returns the translation feature family. Its model is decoded once
// per call, so callers build the family once and share it; the returned
// value is safe for concurrent use.
func Family() features.Family {
	lm, err := ngram.Decode(englishLM)
	if err != nil {
		// The embedded model is part of the build; a corrupt one is a
		// programmer error caught by the package tests. Degrade to an
		// empty model rather than panic.
		lm = &ngram.Model{}
	}
	return features.Family{
		Name:    "translation",
		Doc:     doc,
		Columns: slices.Clone(columns),
		Flags:   []string{Flag},
		Extract: func(p *features.Page, c *features.Context, vals []float64, r *features.Result) {
			if p == nil || len(vals) < len(columns) {
				return
			}
			m := Measure(p, c, lm)
			m.fill(vals)
			m.report(r)
		},
	}
}

// Measures are the family's findings on one page, before they become
// columns and evidence.
type Measures struct {
	English       bool
	Switches      []Switch
	LowerStarts   []string
	QuoteBreaks   []string
	ForeignStyles []string
	Sources       []string
	ForeignSpans  []string
	Sentences     int
	Words         int
	// Style is the translationese profile.
	Style Style
	// Fluency is the mean log10 trigram score per word; Unseen is the share
	// of all-known trigrams never seen; Worst is the per-word score of the
	// least fluent sentence of at least five words.
	Fluency, Unseen, Worst float64
	WorstText              string
	PeerOtherLang          bool
	PeerID, PeerLang       string
	// PeerFluencyGap is the fluency of the most fluent English peer minus
	// this page's (0 with no English peer): a spun page has a more fluent
	// source among its peers, while machine translations of one story are
	// all about as (dis)fluent as each other.
	PeerFluencyGap float64
}

// Kinds returns how many different kinds of artifact were found.
func (m *Measures) Kinds() int {
	n := 0
	for _, k := range [][]string{m.LowerStarts, m.QuoteBreaks, m.ForeignStyles, m.Sources, m.ForeignSpans} {
		if len(k) > 0 {
			n++
		}
	}
	if len(m.Switches) > 0 {
		n++
	}
	return n
}

func (m *Measures) fill(vals []float64) {
	if !m.English {
		clear(vals)
		vals[slices.Index(columns, ColPeerOtherLang)] = b2f(m.PeerOtherLang)
		return
	}
	per := func(n int) float64 { // per 100 sentences
		if m.Sentences == 0 {
			return 0
		}
		return 100 * float64(n) / float64(m.Sentences)
	}
	perK := func(n int) float64 { // per 1000 words
		if m.Words == 0 {
			return 0
		}
		return 1000 * float64(n) / float64(m.Words)
	}
	v := map[string]float64{
		ColEnglish:        1,
		ColPronounSwitch:  float64(min(len(m.Switches), 3)),
		ColLowerStart:     per(len(m.LowerStarts)),
		ColQuoteBreak:     per(len(m.QuoteBreaks)),
		ColForeignStyle:   perK(len(m.ForeignStyles)),
		ColForeignSource:  b2f(len(m.Sources) > 0),
		ColForeignSpans:   per(len(m.ForeignSpans)),
		ColArtifactKinds:  float64(m.Kinds()),
		ColFunctionWords:  m.Style.Function,
		ColOf:             m.Style.Of,
		ColCommas:         m.Style.Commas,
		ColLongWords:      m.Style.Long,
		ColContractions:   m.Style.Contractions,
		ColLexicalVariety: m.Style.Variety,
		ColFluency:        m.Fluency,
		ColUnseenTrigrams: m.Unseen,
		ColWorstSentence:  m.Worst,
		ColPeerOtherLang:  b2f(m.PeerOtherLang),
		ColPeerFluency:    m.PeerFluencyGap,
	}
	for i, c := range columns {
		vals[i] = v[c]
	}
}

func (m *Measures) report(r *features.Result) {
	if m.English && m.Kinds() >= minKinds {
		for _, s := range m.Switches {
			r.Flag(Flag, fmt.Sprintf("pronoun switch for one speaker: %q … %q", s.First, s.Second))
		}
		for _, s := range first(m.LowerStarts, 2) {
			r.Flag(Flag, fmt.Sprintf("sentence starts in lower case: %q", s))
		}
		for _, s := range first(m.QuoteBreaks, 2) {
			r.Flag(Flag, fmt.Sprintf("quote mark opened inside a quote: %q", s))
		}
		for _, s := range first(m.ForeignStyles, 2) {
			r.Flag(Flag, fmt.Sprintf("foreign number/quote/date style: %q", s))
		}
		for _, s := range first(m.Sources, 2) {
			r.Flag(Flag, fmt.Sprintf("foreign outlet attribution: %q", s))
		}
		for _, s := range first(m.ForeignSpans, 2) {
			r.Flag(Flag, fmt.Sprintf("untranslated span: %q", s))
		}
	}
	if m.PeerOtherLang {
		r.Note("translation: same story in %s in the crawl (%s), not later than this page", m.PeerLang, m.PeerID)
	}
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Measure computes the family's findings for page p with cluster context c
// (nil for none) and English model lm (nil scores every word as unseen). It
// never panics; an empty page yields zero measures.
func Measure(p *features.Page, c *features.Context, lm *ngram.Model) Measures {
	var m Measures
	if p == nil {
		return m
	}
	m.PeerOtherLang, m.PeerID, m.PeerLang = otherLangPeer(p, c)
	m.English = isEnglish(p)
	if !m.English {
		return m
	}
	sents := p.Sentences
	if len(sents) == 0 && p.Text != "" {
		sents = lex.Sentences(p.Text)
	}
	m.Sentences = len(sents)
	m.Switches = PronounSwitches(sents)
	m.LowerStarts = LowerStarts(p.Text)
	m.QuoteBreaks = QuoteBreaks(p.Text)
	m.ForeignStyles = ForeignStyles(p.Text)
	m.Sources = ForeignSources(pageLines(p))
	m.ForeignSpans = ForeignSpans(sents, lm)
	m.Words = len(lex.Words(p.Text))
	m.Style = Profile(p.Text)
	m.Fluency, m.Unseen, m.Worst, m.WorstText = Fluency(sents, lm)
	m.PeerFluencyGap = peerFluencyGap(m.Fluency, c, lm)
	return m
}

// peerFluencyGap returns the fluency of the most fluent of the first
// maxFluencyPeers English peers in c, minus own; 0 when there is none.
func peerFluencyGap(own float64, c *features.Context, lm *ngram.Model) float64 {
	if c == nil {
		return 0
	}
	best, n := 0.0, 0
	for _, q := range c.Peers {
		if q == nil || !isEnglish(q) {
			continue
		}
		sents := q.Sentences
		if len(sents) == 0 && q.Text != "" {
			sents = lex.Sentences(q.Text)
		}
		if len(sents) == 0 {
			continue
		}
		f, _, _, _ := Fluency(sents[:min(len(sents), maxPeerSentences)], lm)
		if n == 0 || f > best {
			best = f
		}
		if n++; n == maxFluencyPeers {
			break
		}
	}
	if n == 0 {
		return 0
	}
	return best - own
}

// pageLines returns the lines an attribution may sit on: the whole visible
// page when known, else the main text and chrome.
func pageLines(p *features.Page) []string {
	if p.Raw != "" {
		return strings.Split(p.Raw, "\n")
	}
	return append(strings.Split(p.Text, "\n"), p.Chrome...)
}

// isEnglish reports whether the page's main text is English: the page's
// language when set, else a Latin-script text whose words are mostly
// English function words at the usual rate.
func isEnglish(p *features.Page) bool {
	if p.Lang != "" {
		return p.Lang == "en"
	}
	ws := lex.Words(p.Text)
	if len(ws) < 5 {
		return false
	}
	fn := 0
	for _, w := range ws {
		if lex.IsFunction(w) {
			fn++
		}
	}
	return float64(fn)/float64(len(ws)) > 0.2
}

// otherLangPeer finds a cluster peer in another language that is not later
// than p (when both dates are known).
func otherLangPeer(p *features.Page, c *features.Context) (bool, string, string) {
	if c == nil || p.Lang == "" {
		return false, "", ""
	}
	for _, q := range c.Peers {
		if q == nil || q.Lang == "" || q.Lang == p.Lang {
			continue
		}
		if !q.Published.IsZero() && !p.Published.IsZero() && q.Published.After(p.Published) {
			continue
		}
		return true, q.ID, q.Lang
	}
	return false, "", ""
}

// Style is the translationese profile of a text: rates of the function
// words, punctuation and word shapes that Koppel & Ordan (2011) and
// Volansky et al. (2015) found to separate translations from originals,
// kept to a handful so the model stays explainable.
type Style struct {
	// Function is the share of word tokens that are function words.
	Function float64
	// Of is "of" per 100 words: translation from languages with case
	// marking builds genitive chains ("the status of the sovereignty of").
	Of float64
	// Commas is commas per 100 words.
	Commas float64
	// Long is the share of words longer than eight letters (nominal style).
	Long float64
	// Contractions is contractions per 100 words ("don't", "it's").
	Contractions float64
	// Variety is the moving-average type/token ratio over 50-word windows
	// (the plain ratio for shorter texts).
	Variety float64
}

// Profile returns the Style of text; all zero for a text with no words.
func Profile(text string) Style {
	words := lex.Words(text)
	if len(words) == 0 {
		return Style{}
	}
	var fn, of, ct, long int
	for _, w := range words {
		if lex.IsFunction(w) {
			fn++
		}
		if w == "of" {
			of++
		}
		if isContraction(w) {
			ct++
		}
		if utf8.RuneCountInString(w) > 8 {
			long++
		}
	}
	n := float64(len(words))
	return Style{
		Function:     float64(fn) / n,
		Of:           100 * float64(of) / n,
		Commas:       100 * float64(strings.Count(text, ",")-len(thousands.FindAllStringIndex(text, -1))) / n,
		Long:         float64(long) / n,
		Contractions: 100 * float64(ct) / n,
		Variety:      mattr(words, 50),
	}
}

// thousands matches digit-group commas ("75,000"), which are not
// punctuation.
var thousands = regexp.MustCompile(`\d,\d`)

// contractionTails are the clitics of English contractions; "'s" is left
// out because it is mostly the possessive.
var contractionTails = []string{"n't", "'re", "'ve", "'ll", "'m", "'d"}

// contractionS are the "'s" contractions that are not possessives.
var contractionS = map[string]bool{"it's": true, "that's": true, "there's": true, "he's": true, "she's": true, "what's": true, "let's": true, "here's": true, "who's": true, "where's": true}

func isContraction(w string) bool {
	if contractionS[w] {
		return true
	}
	for _, t := range contractionTails {
		if strings.HasSuffix(w, t) && len(w) > len(t) {
			return true
		}
	}
	return false
}

// mattr is the moving-average type/token ratio with window n.
func mattr(words []string, n int) float64 {
	if len(words) <= n {
		seen := map[string]bool{}
		for _, w := range words {
			seen[w] = true
		}
		return float64(len(seen)) / float64(len(words))
	}
	counts := map[string]int{}
	types := 0
	for _, w := range words[:n] {
		if counts[w] == 0 {
			types++
		}
		counts[w]++
	}
	sum := float64(types)
	for i := n; i < len(words); i++ {
		out := words[i-n]
		counts[out]--
		if counts[out] == 0 {
			types--
		}
		if counts[words[i]] == 0 {
			types++
		}
		counts[words[i]]++
		sum += float64(types)
	}
	return sum / float64(len(words)-n+1) / float64(n)
}

// Fluency scores sentences under lm: the mean log10 probability per word,
// the share of unseen trigrams among trigrams of known words, and the
// per-word score of the least fluent sentence of at least five words (with
// that sentence). All are zero for no sentences.
func Fluency(sents []string, lm *ngram.Model) (mean, unseen, worst float64, worstText string) {
	var tot ngram.Score
	worst = 0
	for _, s := range sents {
		sc := lm.Sentence(s)
		tot = tot.Add(sc)
		if sc.N >= 6 { // five words and the end mark
			if v := sc.LogProb / float64(sc.N); worstText == "" || v < worst {
				worst, worstText = v, s
			}
		}
	}
	if tot.N > 0 {
		mean = tot.LogProb / float64(tot.N)
	}
	if tot.Trigrams > 0 {
		unseen = float64(tot.UnseenTrigrams) / float64(tot.Trigrams)
	}
	if math.IsNaN(mean) || math.IsInf(mean, 0) {
		mean = 0
	}
	return mean, unseen, worst, worstText
}

// ForeignSpans returns the sentences of an English page that are not in
// English: mostly letters of a non-Latin script, or at least four words of
// Latin script of which at most one in five is in the English model's
// vocabulary (lm nil: script only).
func ForeignSpans(sents []string, lm *ngram.Model) []string {
	var out []string
	for _, s := range sents {
		latin, other := 0, 0
		for _, r := range s {
			switch {
			case !unicode.IsLetter(r):
			case unicode.Is(unicode.Latin, r):
				latin++
			default:
				other++
			}
		}
		if other >= 3 && other > latin {
			out = append(out, clip(s))
			continue
		}
		if lm == nil || lm.Total == 0 {
			continue
		}
		ws := lex.Words(s)
		if len(ws) < 4 {
			continue
		}
		known := 0
		for _, w := range ws {
			if lex.IsNumber(w) || lm.Known(w) {
				known++
			}
		}
		if known*5 <= len(ws) {
			out = append(out, clip(s))
		}
	}
	return out
}

// clip shortens s for an evidence line.
func clip(s string) string {
	const n = 120
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
