// Package lex holds the small text vocabulary the feature families share:
// word tokens, sentences (Punkt, from github.com/neurosnap/sentences),
// English stems (Snowball, from github.com/kljensen/snowball), function
// words, quotes, names and numbers.
//
// Every function is safe for concurrent use.
package lex

import (
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/neurosnap/sentences"
	punkt "github.com/neurosnap/sentences/english"
)

// Words returns the word tokens of s, lower-cased: runs of letters and
// digits, keeping inner apostrophes, hyphens, dots and commas between digits
// ("don't", "ex-soviet", "1,234.5"). Curly apostrophes become straight ones.
func Words(s string) []string {
	return appendWords(nil, s, true)
}

// Tokens is Words without lower-casing.
func Tokens(s string) []string {
	return appendWords(nil, s, false)
}

func appendWords(dst []string, s string, lower bool) []string {
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.ReplaceAll(s[start:end], "’", "'")
			w = strings.TrimRight(w, "'-.,")
			if w != "" {
				if lower {
					w = strings.ToLower(w)
				}
				dst = append(dst, w)
			}
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && (r == '\'' || r == '’' || r == '-'):
			// keep inside a word; trailing ones are trimmed at flush
		case start >= 0 && (r == '.' || r == ','):
			// keep only between digits
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if !(unicode.IsDigit(prev) && unicode.IsDigit(next)) {
				flush(i)
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	return dst
}

// tokenizers holds idle Punkt tokenizers, one per goroutine that needed
// one at the same time (up to its capacity). Not a sync.Pool: a pool is
// emptied by the garbage collector, and loading the model again after
// each collection cost about 1% of a crawl's CPU and 70 MB of garbage
// on the web-pages-gold pages.
var tokenizers = make(chan *sentences.DefaultSentenceTokenizer, 4*runtime.GOMAXPROCS(0))

func getTokenizer() *sentences.DefaultSentenceTokenizer {
	select {
	case t := <-tokenizers:
		return t
	default:
	}
	t, err := punkt.NewSentenceTokenizer(nil)
	if err != nil {
		panic("lex: loading the English Punkt model: " + err.Error())
	}
	return t
}

func putTokenizer(t *sentences.DefaultSentenceTokenizer) {
	select {
	case tokenizers <- t:
	default:
	}
}

// Sentences splits text into sentences: each line is a paragraph, split
// further by the Punkt English model. Empty lines are skipped and sentences
// are trimmed.
func Sentences(text string) []string {
	t := getTokenizer()
	defer putTokenizer(t)
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		for _, s := range t.Tokenize(line) {
			if st := strings.TrimSpace(s.Text); st != "" {
				out = append(out, st)
			}
		}
	}
	return out
}

// Stem returns the English Snowball stem of a lower-case word. Stems are
// memoised (see stemCache): a crawl repeats the same few thousand words,
// and every family stems them again.
func Stem(w string) string {
	return stems.get(w)
}

// stemCache memoises Snowball stems in shards, each a map behind its own
// lock that is emptied when it grows past stemShardCap entries, so memory
// stays bounded however many distinct words a crawl holds.
type stemCache struct {
	shards [stemShards]stemShard
}

type stemShard struct {
	mu sync.RWMutex
	m  map[string]string
}

const (
	stemShards   = 64
	stemShardCap = 4096
	maxStemmed   = 64 // longer "words" (URLs, junk) are stemmed uncached
)

var stems stemCache

func (c *stemCache) get(w string) string {
	if len(w) > maxStemmed {
		return english.Stem(w, false)
	}
	var h uint32 = 2166136261
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	sh := &c.shards[h%stemShards]
	sh.mu.RLock()
	st, ok := sh.m[w]
	sh.mu.RUnlock()
	if ok {
		return st
	}
	st = english.Stem(w, false)
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= stemShardCap {
		sh.m = make(map[string]string, stemShardCap)
	}
	// Clone the key: w may be a slice of a large page text that the cache
	// must not keep alive.
	sh.m[strings.Clone(w)] = st
	sh.mu.Unlock()
	return st
}

// IsFunction reports whether a lower-case word is an English function word
// (the Snowball stop list: articles, pronouns, auxiliaries, prepositions,
// conjunctions).
func IsFunction(w string) bool {
	return english.IsStopWord(w)
}

// ContentStems returns the stems of the words of s that are not function
// words, in order.
func ContentStems(s string) []string {
	ws := Words(s)
	out := ws[:0]
	for _, w := range ws {
		if IsFunction(w) {
			continue
		}
		out = append(out, Stem(w))
	}
	return out
}

// IsNumber reports whether a token is a number ("10", "1,234.5", "2023").
func IsNumber(tok string) bool {
	if tok == "" {
		return false
	}
	digits := 0
	for _, r := range tok {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == ',':
		default:
			return false
		}
	}
	return digits > 0
}

// Numbers returns the numbers written in s, in order, as ASCII digit
// strings without separators ("1,234.5" gives "12345"): number tokens, and
// the digit runs of tokens that join digits with letters ("2022年3月3日",
// "2022-го", "10th", "19x12x7cm", "COVID-19"), with full-width,
// Arabic-Indic, Persian and Devanagari digits read as ASCII. Numbers
// survive translation, and so do the digits of codes, measurements and
// model names, which another language writes with its own letters ("50см")
// or keeps as they are ("iPhone 13"), so they tie a translation to its
// source across scripts.
func Numbers(s string) []string {
	var out []string
	for _, t := range Tokens(s) {
		out = appendNumbers(out, t)
	}
	return out
}

// appendNumbers appends the digit runs of one token (see Numbers).
func appendNumbers(out []string, t string) []string {
	var cur []byte
	for _, r := range t {
		if d, ok := asciiDigit(r); ok {
			cur = append(cur, d)
			continue
		}
		if r == ',' || r == '.' {
			continue // between digits only, as Tokens keeps them
		}
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

// asciiDigit maps a decimal digit of the common scripts to its ASCII form.
func asciiDigit(r rune) (byte, bool) {
	for _, zero := range [...]rune{'0', '０', '٠', '۰', '०'} {
		if r >= zero && r <= zero+9 {
			return byte('0' + r - zero), true
		}
	}
	return 0, false
}

// Anchors returns the names and numbers of s in order: capitalised tokens
// that are not the first word of a sentence and not function words, and
// numbers (also those inside a token that is not a name, as in
// "2022年3月3日" or "10th", see Numbers). They survive rewording and translation, so they anchor copies of a
// story to each other.
func Anchors(s string) []string {
	var out []string
	for _, sent := range strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '\n' }) {
		toks := Tokens(sent)
		for i, t := range toks {
			if IsNumber(t) {
				out = append(out, t)
				continue
			}
			r, _ := utf8.DecodeRuneInString(t)
			if !unicode.IsUpper(r) {
				// Numbers inside a token: "2022年3月3日", "10th".
				out = appendNumbers(out, t)
				continue
			}
			if i == 0 {
				continue
			}
			if l := strings.ToLower(t); !IsFunction(l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// quotePairs maps opening quote marks to their closing marks.
var quotePairs = map[rune]rune{'“': '”', '"': '"', '«': '»', '„': '“'}

// Quotes returns the quoted spans of s (text between matching quote marks,
// “…”, "…", «…», „…“), trimmed, of at least three words.
func Quotes(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		closeR, ok := quotePairs[rs[i]]
		if !ok {
			continue
		}
		for j := i + 1; j < len(rs); j++ {
			if rs[j] == closeR || (closeR == '”' && rs[j] == '"') {
				q := strings.TrimSpace(string(rs[i+1 : j]))
				if len(strings.Fields(q)) >= 3 {
					out = append(out, q)
				}
				i = j
				break
			}
			if rs[j] == '\n' {
				break
			}
		}
	}
	return out
}

// Squash lower-cases s and keeps only its letters and digits, so that two
// spellings of one phrase ("Leave a Comment", "leave-a-comment") compare
// equal.
func Squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// StemSet returns the set of content-word stems of s longer than one
// character (ContentStems as a set).
func StemSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, st := range ContentStems(s) {
		if utf8.RuneCountInString(st) > 1 {
			out[st] = true
		}
	}
	return out
}
