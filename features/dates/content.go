package dates

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spinscan/spinscan/features/lex"
)

// Event is a dated world event a text may refer to without naming its
// date ("the invasion of Ukraine last February").
type Event struct {
	Name string
	Date time.Time
	// Match lists phrase sets; a sentence refers to the event when it
	// contains every phrase of one set (lower case).
	Match [][]string
}

//go:embed events.json
var eventsJSON []byte

// Events returns the table of dated world events (events.json, embedded).
// Each call returns a fresh copy.
func Events() []Event {
	var raw struct {
		Events []struct {
			Event string     `json:"event"`
			Date  string     `json:"date"`
			Match [][]string `json:"match"`
		} `json:"events"`
	}
	if err := json.Unmarshal(eventsJSON, &raw); err != nil {
		panic("dates: events.json: " + err.Error()) // embedded: a build error
	}
	out := make([]Event, 0, len(raw.Events))
	for _, e := range raw.Events {
		t, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			panic("dates: events.json: " + err.Error())
		}
		out = append(out, Event{Name: e.Event, Date: t, Match: e.Match})
	}
	return out
}

// Window is a span of days, both ends included.
type Window struct {
	From, To time.Time
}

// Contains reports whether t falls in w (by day).
func (w Window) Contains(t time.Time) bool {
	t = day(t)
	return !t.Before(w.From) && !t.After(w.To)
}

// Distance returns the days from w to t: 0 inside, positive after,
// negative before.
func (w Window) Distance(t time.Time) int {
	t = day(t)
	switch {
	case t.Before(w.From):
		return -days(w.From.Sub(t))
	case t.After(w.To):
		return days(t.Sub(w.To))
	}
	return 0
}

// Mid returns the middle day of w.
func (w Window) Mid() time.Time {
	return day(w.From.Add(w.To.Sub(w.From) / 2))
}

func (w Window) String() string {
	return w.From.Format("2006-01-02") + ".." + w.To.Format("2006-01-02")
}

func days(d time.Duration) int { return int(d.Hours() / 24) }

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

var (
	relMonthRE = regexp.MustCompile(`(?i)\b(last|this past|this|next|in|since)\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b`)
	relSpanRE  = regexp.MustCompile(`(?i)\b(this|last|next|past)\s+(week|month|year)\b`)
	relYearsRE = regexp.MustCompile(`(?i)\b(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(years?|months?)\s+ago\b`)
	anniverRE  = regexp.MustCompile(`(?i)\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|fifteenth|twentieth|twenty-fifth|thirtieth|fortieth|fiftieth|hundredth)\s+anniversary\b|\ba\s+(decade|year)\s+(?:since|after)\b|\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+years\s+(?:since|after)\b`)
)

var numberWords = map[string]int{
	"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "first": 1, "second": 2, "third": 3, "fourth": 4,
	"fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
	"eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
	"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "decade": 10, "year": 1,
}

// Resolve reads a relative date expression ("last February", "in March",
// "this week", "two years ago") said on ref and returns the days it may
// mean. "last <month>" is the most recent such month before ref's month
// or the one a year before it (news style uses both); a bare "in <month>"
// is a month in the year up to ref. ok is false for expressions it does
// not know.
func Resolve(expr string, ref time.Time) (Window, bool) {
	ref = day(ref)
	e := strings.ToLower(strings.TrimSpace(expr))
	if m := relMonthRE.FindStringSubmatch(e); m != nil && m[0] == e {
		mon := months[m[2]]
		// the most recent month named mon strictly before ref's month
		y := ref.Year()
		if mon >= ref.Month() {
			y--
		}
		recent := monthWindow(y, mon)
		switch m[1] {
		case "last", "this past":
			return Window{monthWindow(y-1, mon).From, recent.To}, true
		case "in", "since":
			if mon == ref.Month() {
				return Window{recent.From, ref}, true
			}
			return recent, true
		case "this":
			return monthWindow(ref.Year(), mon), true
		case "next":
			ny := ref.Year()
			if mon <= ref.Month() {
				ny++
			}
			return monthWindow(ny, mon), true
		}
	}
	if m := relSpanRE.FindStringSubmatch(e); m != nil && m[0] == e {
		switch m[2] {
		case "week":
			switch m[1] {
			case "this":
				return Window{ref.AddDate(0, 0, -7), ref.AddDate(0, 0, 7)}, true
			case "last", "past":
				return Window{ref.AddDate(0, 0, -14), ref}, true
			case "next":
				return Window{ref, ref.AddDate(0, 0, 14)}, true
			}
		case "month":
			switch m[1] {
			case "this":
				return monthWindow(ref.Year(), ref.Month()), true
			case "last", "past":
				p := ref.AddDate(0, 0, -ref.Day()+1).AddDate(0, -1, 0)
				return monthWindow(p.Year(), p.Month()), true
			case "next":
				n := ref.AddDate(0, 0, -ref.Day()+1).AddDate(0, 1, 0)
				return monthWindow(n.Year(), n.Month()), true
			}
		case "year":
			switch m[1] {
			case "this":
				return yearWindow(ref.Year()), true
			case "last", "past":
				return yearWindow(ref.Year() - 1), true
			case "next":
				return yearWindow(ref.Year() + 1), true
			}
		}
	}
	if m := relYearsRE.FindStringSubmatch(e); m != nil && m[0] == e {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			n = numberWords[strings.ToLower(m[1])]
		}
		if strings.HasPrefix(m[2], "year") {
			c := ref.AddDate(-n, 0, 0)
			return Window{c.AddDate(0, -6, 0), c.AddDate(0, 6, 0)}, true
		}
		c := ref.AddDate(0, -n, 0)
		return Window{c.AddDate(0, 0, -15), c.AddDate(0, 0, 15)}, true
	}
	return Window{}, false
}

func monthWindow(y int, m time.Month) Window {
	from := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return Window{from, from.AddDate(0, 1, -1)}
}

func yearWindow(y int) Window {
	return Window{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)}
}

// Implication is what one sentence of a text says about when the text was
// written.
type Implication struct {
	// Window holds the days the text was likely written on.
	Window Window
	// Sentence is the sentence it comes from.
	Sentence string
	// Why explains the reading ("\"last February\" with Russian invasion of
	// Ukraine (2022-02-24)").
	Why string
}

// Implied reads when the sentences were written from relative expressions
// anchored on dated events: "the 10th anniversary of" an event in the
// table, "last February" in a sentence about an event of a February, "two
// years ago" beside an event. Expressions without a known event say
// nothing on their own, since they are relative to the writing date.
func Implied(sentences []string, events []Event) []Implication {
	var out []Implication
	prev := ""
	for _, s := range sentences {
		if len(out) >= 20 {
			break
		}
		low := strings.ToLower(strings.ReplaceAll(s, "’", "'"))
		// The event may be named in the sentence before ("Xi's Belt and
		// Road drive. … the 10th anniversary of Xi's announcement of the
		// policy").
		ev := matchEvent(low, events)
		if ev == nil {
			ev = matchEvent(prev+" "+low, events)
		}
		prev = low
		if ev == nil {
			continue
		}
		if m := anniverRE.FindStringSubmatch(low); m != nil {
			n := 0
			for _, g := range m[1:] {
				if g == "" {
					continue
				}
				if v, err := strconv.Atoi(g); err == nil {
					n = v
				} else {
					n = numberWords[g]
				}
				break
			}
			if n > 0 {
				c := ev.Date.AddDate(n, 0, 0)
				out = append(out, Implication{
					Window:   Window{c.AddDate(0, -6, 0), c.AddDate(0, 6, 0)},
					Sentence: s,
					Why:      fmt.Sprintf("%q of %s (%s)", strings.TrimSpace(m[0]), ev.Name, ev.Date.Format("2006-01-02")),
				})
				continue
			}
		}
		for _, re := range []*regexp.Regexp{relMonthRE, relYearsRE} {
			for _, m := range re.FindAllString(low, 3) {
				w, ok := writtenWhen(m, ev.Date)
				if !ok {
					continue
				}
				out = append(out, Implication{
					Window:   w,
					Sentence: s,
					Why:      fmt.Sprintf("%q with %s (%s)", m, ev.Name, ev.Date.Format("2006-01-02")),
				})
			}
		}
	}
	return out
}

// writtenWhen inverts Resolve: the days on which saying expr would refer
// to the event date, scanning five years after it.
func writtenWhen(expr string, event time.Time) (Window, bool) {
	var w Window
	found := false
	for d := day(event); d.Before(event.AddDate(5, 0, 1)); d = d.AddDate(0, 0, 7) {
		r, ok := Resolve(expr, d)
		if !ok {
			return Window{}, false
		}
		if r.Contains(event) && r.To.Before(d.AddDate(0, 0, 1)) {
			if !found {
				w.From = d
				found = true
			}
			w.To = d
		} else if found {
			break
		}
	}
	return w, found
}

func matchEvent(low string, events []Event) *Event {
	for i := range events {
		for _, set := range events[i].Match {
			all := len(set) > 0
			for _, ph := range set {
				if !strings.Contains(low, ph) {
					all = false
					break
				}
			}
			if all {
				return &events[i]
			}
		}
	}
	return nil
}

// Intersect returns the days common to the windows of imps; when they do
// not overlap it returns the window of the first one. ok is false for no
// implication.
func Intersect(imps []Implication) (Window, bool) {
	if len(imps) == 0 {
		return Window{}, false
	}
	w := imps[0].Window
	for _, im := range imps[1:] {
		n := w
		if im.Window.From.After(n.From) {
			n.From = im.Window.From
		}
		if im.Window.To.Before(n.To) {
			n.To = im.Window.To
		}
		if !n.From.After(n.To) {
			w = n
		}
	}
	return w, true
}

// sentencesOf splits text into sentences (lex, Punkt).
func sentencesOf(text string) []string { return lex.Sentences(text) }
