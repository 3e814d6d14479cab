package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Stamp is a date written in a page's visible text.
type Stamp struct {
	Time time.Time
	// Line is the index of the line it was found on.
	Line int
	// Text is the line, trimmed.
	Text string
	// Label is what kind of label precedes it: "published", "updated",
	// "copyright" or "" for none.
	Label string
	// Alone is true when the date is most of its line (a date widget, a
	// by-line stamp) rather than part of a sentence.
	Alone bool
	// Ambiguous is true for a numeric date with slashes whose day and
	// month could be read either way ("02/10/2020").
	Ambiguous bool
}

var (
	clockRE    = regexp.MustCompile(`\b\d{1,2}:\d{2}\b|\b\d{1,2}h\d{2}\b|\d\s?Uhr\b`)
	numDateRE  = regexp.MustCompile(`\b(\d{1,2})\s?([./])\s?(\d{1,2})\s?[./]\s?((?:19|20)\d{2})\b`)
	isoDateRE  = regexp.MustCompile(`\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	wordDateRE = regexp.MustCompile(`(?i)\b(?:(?:\d{1,2}(?:st|nd|rd|th|er|\.|º)?(?:\s+de)?\s+\p{L}{3,12}\.?,?(?:\s+de)?\s+(?:19|20)\d{2})|(?:\p{L}{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}))\b`)

	pubLabelRE = regexp.MustCompile(`(?i)(published|posted|publication|date|datum|erstellt|veröffentlicht|publiziert|publié|pubblicato|publicado|written|created|stand)\s*(?:on|am|le|il|el|vom)?\s*[:|]?\s*$`)
	// weakLabelRE are prepositions that label a stamp only on a short
	// line ("Posted on", "vom 04.06.2022"): inside a sentence they
	// introduce any date ("feiert am 13. März", "accessed on").
	weakLabelRE = regexp.MustCompile(`(?i)\b(vom|on|am|le|il|el)\s*[:|]?\s*$`)
	updLabelRE  = regexp.MustCompile(`(?i)(updated?|aktualisiert|modified|geändert|änderung|mis à jour|last edit|edited|editiert|revision|zuletzt)`)
	copyLabelRE = regexp.MustCompile(`(?i)(©|\(c\)|copyright)`)
)

// maxStampLines bounds the lines scanned on a huge page.
const maxStampLines = 5000

// Stamps returns the full dates (day, month and year) written in the lines
// of text (in language lang, ISO 639-1, "" when unknown), in order. Numeric
// dates with dots are read day first; with slashes, month first on English
// pages and day first otherwise; dates with month names go through
// go-dateparser (ParseVisibleIn).
func Stamps(text, lang string) []Stamp {
	monthFirst := lang == "en"
	var out []Stamp
	lines := strings.Split(text, "\n")
	if len(lines) > maxStampLines {
		lines = lines[:maxStampLines]
	}
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || len(l) > 400 || !hasYear(l) {
			continue
		}
		var found []Stamp
		var spans [][2]int
		add := func(t time.Time, lo, hi int) *Stamp {
			for _, sp := range spans {
				if lo < sp[1] && hi > sp[0] {
					return nil
				}
			}
			spans = append(spans, [2]int{lo, hi})
			found = append(found, stampAt(t, i, l, lo, hi))
			return &found[len(found)-1]
		}
		for _, m := range isoDateRE.FindAllStringSubmatchIndex(l, 4) {
			if t, ok := ymd(l[m[2]:m[3]], l[m[4]:m[5]], l[m[6]:m[7]]); ok {
				add(t, m[0], m[1])
			}
		}
		for _, m := range numDateRE.FindAllStringSubmatchIndex(l, 4) {
			a, b, y := l[m[2]:m[3]], l[m[6]:m[7]], l[m[8]:m[9]]
			d, mo := a, b
			if l[m[4]:m[5]] == "/" && monthFirst {
				d, mo = b, a
			}
			t, ok := ymd(y, mo, d)
			if !ok {
				t, ok = ymd(y, d, mo)
			}
			if ok {
				if st := add(t, m[0], m[1]); st != nil && l[m[4]:m[5]] == "/" && a != b {
					st.Ambiguous = atoi(a) <= 12 && atoi(b) <= 12
				}
			}
		}
		for _, m := range wordDateRE.FindAllStringIndex(l, 4) {
			if t, ok := ParseVisibleIn(l[m[0]:m[1]], lang); ok {
				add(t, m[0], m[1])
			}
		}
		out = append(out, found...)
		if len(out) > 200 {
			break
		}
	}
	return out
}

// hasYear reports whether l may hold a date Stamps reads: each of its
// patterns ends in a year 19xx or 20xx. Most lines have none, and this
// test is far cheaper than the patterns.
func hasYear(l string) bool {
	return strings.Contains(l, "19") || strings.Contains(l, "20")
}

func stampAt(t time.Time, line int, l string, lo, hi int) Stamp {
	s := Stamp{Time: t, Line: line, Text: l}
	before := l[:lo]
	switch {
	case copyLabelRE.MatchString(before):
		s.Label = "copyright"
	case updLabelRE.MatchString(before):
		s.Label = "updated"
	}
	rest := utf8.RuneCountInString(strings.TrimSpace(before)) + utf8.RuneCountInString(strings.TrimSpace(l[hi:]))
	s.Alone = rest <= 40 && len(strings.Fields(l)) <= 12 || strings.TrimSpace(before) == ""
	if s.Label == "" && (pubLabelRE.MatchString(before) || s.Alone && weakLabelRE.MatchString(before)) {
		s.Label = "published"
	}
	return s
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func ymd(y, m, d string) (time.Time, bool) {
	yi, err1 := strconv.Atoi(y)
	mi, err2 := strconv.Atoi(m)
	di, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || mi < 1 || mi > 12 || di < 1 || di > 31 || yi < 1900 || yi > 2100 {
		return time.Time{}, false
	}
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Day() != di {
		return time.Time{}, false
	}
	return t, true
}
