package lex

import (
	"strings"

	"github.com/gosimple/unidecode"
)

// nameKeyConsonants is how many consonants after the first letter a
// NameKey keeps: enough to tell most names apart, few enough that a
// Russian or Ukrainian case ending ("Путина", "Москве") seldom reaches
// them.
const nameKeyConsonants = 3

// NameKey returns a script-independent key for a name, so that the same
// name written in Cyrillic and in an English text gets the same key:
// "Зеленский", "Зеленского" and "Zelensky" are all "zlns"; "Москве" and
// "Moscow" are "msk". The name is transliterated to ASCII (unidecode);
// the key is its first letter (any vowel as "a") followed by its first
// three consonants, with the letters that transliteration conventions
// disagree on folded together: c, k and q are "k", w is "v", x is "ks",
// and after the first letter g, h, j, vowels and doubled letters are
// dropped ("Харків" and "Kharkiv" are "krkv"; Ukrainian "г" is Latin "h",
// Russian "г" is "g", so a leading h is "g"). It returns
// "" for a name with no letter. The key is coarse: two different names
// share one now and then, which is why callers compare keys in sequences
// (adjacent pairs, common subsequences), never one by one.
func NameKey(name string) string {
	ascii := name
	if !isASCII(name) {
		ascii = unidecode.Unidecode(name)
	}
	key := make([]byte, 0, 1+nameKeyConsonants)
	var last byte
	for i := 0; i < len(ascii) && len(key) < 1+nameKeyConsonants; i++ {
		c := ascii[i] | 0x20 // lower case for letters
		if c < 'a' || c > 'z' {
			continue
		}
		if len(key) == 0 {
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				c = 'a'
			case 'h':
				c = 'g'
			}
			c = foldConsonant(c)
			key = append(key, c)
			last = c
			continue
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'g', 'h', 'j':
			continue
		case 'x':
			if last != 'k' {
				key = append(key, 'k')
			}
			c = 's'
		}
		c = foldConsonant(c)
		if c == last {
			continue
		}
		if len(key) < 1+nameKeyConsonants {
			key = append(key, c)
		}
		last = c
	}
	return string(key)
}

// foldConsonant maps the consonants that transliterations of one sound
// disagree on to one letter.
func foldConsonant(c byte) byte {
	switch c {
	case 'c', 'q':
		return 'k'
	case 'w':
		return 'v'
	}
	return c
}

// AnchorKeys returns Anchors(s) with each name replaced by its NameKey
// (numbers keep their digits only; one-digit numbers are left out, see
// KeyAnchors), so the sequence compares across
// scripts: a Russian text and its English translation carry the same keys
// in the same order where they name the same people and places.
func AnchorKeys(s string) []string {
	return KeyAnchors(Anchors(s))
}

// KeyAnchors replaces, in place, the names of a sequence Anchors returned
// with their NameKey and the numbers with their digits, and returns the
// sequence without the names that have no key and without one-digit
// numbers. Those are list ordinals ("1.", "2.") and small counts, alike in
// unrelated texts, and a translation often spells them out ("three"): on
// the WMT dev documents they joined English pages to unrelated foreign ones
// (a Japanese chat joined the Clough answers on the vector space model
// through "1, 2, 3"), while a year, a sum or a score identifies a story.
func KeyAnchors(anchors []string) []string {
	out := anchors[:0]
	for _, a := range anchors {
		if IsNumber(a) {
			if d := digits(a); len(d) > 1 {
				out = append(out, d)
			}
			continue
		}
		if k := NameKey(a); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// digits keeps the ASCII digits of a number token ("1,200" is "1200").
func digits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// isASCII reports whether s is all ASCII (most names in English text),
// which needs no transliteration.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
