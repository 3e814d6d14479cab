package paraphrase

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
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
// "1200" are one number and a spelled-out "ten" is none; a time of day
// that the other sentence writes another way ("19:00" and "7 p.m.") is
// left out of both (sameTimesOut).
func alteredNumbers(aligned []features.Aligned, sourceID string, r *features.Result) {
	n := 0
	for _, a := range aligned {
		if a.Peer == "" || a.PeerID != sourceID {
			continue
		}
		mineText, theirText := sameTimesOut(a.Sentence, a.Peer)
		mine, theirs := lex.Numbers(mineText), lex.Numbers(theirText)
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

// clockTime is a time of day in minutes after midnight, and where it is
// written; bare marks one written without a.m. or p.m. and with an hour
// from 1 to 12, which may be either half of the day.
type clockTime struct {
	minutes    int
	bare       bool
	start, end int
}

// same reports whether t and u can be one time: equal, or a bare time
// twelve hours from the other.
func (t clockTime) same(u clockTime) bool {
	if t.minutes == u.minutes {
		return true
	}
	return (t.bare || u.bare) && t.minutes%720 == u.minutes%720
}

// clockRE matches a time of day: an hour and minutes ("19:00", "7:30"),
// or an hour, with minutes after a colon or a point, followed by a.m. or
// p.m. ("7 p.m.", "7pm", "9.30 PM"), after a character that cannot be
// part of a number.
var clockRE = regexp.MustCompile(`(?i)(?:^|[^\d.:,])((\d{1,2})(?:([:.])(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?)`)

// clockTimes returns the times of day of s. A colon time needs valid
// minutes and an hour of at most 23; an hour alone, or with minutes after
// a point, counts only with a.m. or p.m.
func clockTimes(s string) []clockTime {
	var times []clockTime
	for _, m := range clockRE.FindAllStringSubmatchIndex(s, -1) {
		part := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}
		if m[1] < len(s) && s[m[1]] >= '0' && s[m[1]] <= '9' {
			continue // part of a longer number
		}
		h, _ := strconv.Atoi(part(2))
		mm, _ := strconv.Atoi(part(4))
		sep, half := part(3), strings.ToLower(part(5))
		t := clockTime{start: m[2], end: m[3]}
		switch {
		case mm > 59:
			continue
		case half != "" && h >= 1 && h <= 12:
			t.minutes = (h%12)*60 + mm
			if half == "p" {
				t.minutes += 720
			}
		case half == "" && sep == ":" && h <= 23:
			t.minutes, t.bare = h*60+mm, h >= 1 && h <= 12
		default:
			continue
		}
		times = append(times, t)
	}
	return times
}

// sameTimesOut returns a and b without the times of day each holds that
// the other holds too, however written (each time of b answers for one
// of a).
func sameTimesOut(a, b string) (string, string) {
	ta, tb := clockTimes(a), clockTimes(b)
	if len(ta) == 0 || len(tb) == 0 {
		return a, b
	}
	var outA, outB []clockTime
	used := make([]bool, len(tb))
	for _, t := range ta {
		for j, u := range tb {
			if !used[j] && t.same(u) {
				used[j] = true
				outA, outB = append(outA, t), append(outB, u)
				break
			}
		}
	}
	return blank(a, outA), blank(b, outB)
}

// blank replaces the spans of times in s, in text order, by spaces.
func blank(s string, times []clockTime) string {
	slices.SortFunc(times, func(x, y clockTime) int { return x.start - y.start })
	var b strings.Builder
	at := 0
	for _, t := range times {
		b.WriteString(s[at:t.start])
		b.WriteByte(' ')
		at = t.end
	}
	b.WriteString(s[at:])
	return b.String()
}
