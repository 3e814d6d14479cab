package paraphrase

import (
	"fmt"
	"strings"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

// maxNumberEvidence is how many altered-number pairs the evidence shows.
const maxNumberEvidence = 2

// alteredNumbers flags a derived page whose sentences, aligned with its
// source's, state other numbers than the source's sentence does: the page
// drops a number of the source sentence and puts another in (a
// substitution, "the 10th anniversary" made "the 11th"). A number left out
// or added is not one: rewriters condense and explain, while a changed
// figure, year or count is a changed fact, which reprints and translations
// keep. Numbers compare by their digits (lex.Numbers), so "1,200" and
// "1200" are one number and a spelled-out "ten" is none.
func alteredNumbers(aligned []features.Aligned, sourceID string, r *features.Result) {
	n := 0
	for _, a := range aligned {
		if a.Peer == "" || a.PeerID != sourceID {
			continue
		}
		mine, theirs := lex.Numbers(a.Sentence), lex.Numbers(a.Peer)
		added, dropped := extra(mine, theirs), extra(theirs, mine)
		if len(added) == 0 || len(dropped) == 0 || sameWritten(added, dropped, magnitude(a.Sentence) != magnitude(a.Peer)) {
			continue
		}
		if n++; n <= maxNumberEvidence {
			r.Evidence = append(r.Evidence, fmt.Sprintf("altered number: %s ← %s: %q ← %q (%s)",
				strings.Join(added, ", "), strings.Join(dropped, ", "), clip(a.Sentence, 90), clip(a.Peer, 90), a.PeerID))
		}
	}
	if n > 0 {
		r.Flag("altered_numbers", fmt.Sprintf("altered numbers: %d sentence(s) state other numbers than the source's counterpart", n))
	}
}

// extra returns the numbers of a that b does not hold, each as often as
// a holds it more times than b does, in a's order.
func extra(a, b []string) []string {
	left := map[string]int{}
	for _, x := range b {
		left[x]++
	}
	var out []string
	for _, x := range a {
		if left[x] > 0 {
			left[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

// sameWritten reports whether the numbers one sentence has and the other
// lacks are the same numbers written another way: split or joined
// differently ("0. 5" and "0.5", "14.02.2021" and "14 02 2021" hold the
// same digits in the same order), a magnitude word for zeros ("42
// thousand" and "42,000"; with words, when only one of the two sentences
// has a magnitude word, "5.7 thousand" and "5,700"), or a year cut to two
// digits ("'86" and "1986"). Each of a and b is non-empty.
func sameWritten(a, b []string, words bool) bool {
	if strings.Join(a, "") == strings.Join(b, "") {
		return true
	}
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if len(x) > len(y) {
			x, y = y, x
		}
		zeros := strings.HasPrefix(y, x) && strings.Trim(y[len(x):], "0") == "" && ((len(y)-len(x))%3 == 0 || words)
		year := len(x) == 2 && len(y) == 4 && (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) && strings.HasSuffix(y, x)
		if !zeros && !year {
			return false
		}
	}
	return true
}

// magnitude reports whether s writes a magnitude in words ("thousand",
// "million", "billion", "trillion").
func magnitude(s string) bool {
	for _, w := range lex.Words(s) {
		switch w {
		case "thousand", "million", "billion", "trillion":
			return true
		}
	}
	return false
}
