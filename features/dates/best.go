package dates

import (
	"sort"
	"strings"
	"time"

	"github.com/spinscan/spinscan/features"
)

// weights of the sources in the vote for the publication date. A source
// counts once per page (its first date). Chosen by reasoning about how
// reliable each source is, then checked on web-pages-gold dev pages split
// in two halves (TestWeightHalves): a change is kept only when it helps
// both. go-htmldate weighs as one markup source (1, was 1.5): it reads the
// same meta and JSON-LD the vote already counts. A stamp the page labels
// "Published:"/"Erstellt am" weighs 1.5 (was 1): the label says what the
// date is, where an unlabelled by-line date may be a list's.
var weights = map[Source]float64{
	SourceRecord:   3,
	SourceHTMLDate: 1,
	SourceURL:      2,
	SourceItemprop: 3,
	SourceMeta:     1,
	SourceJSONLD:   1,
	SourceTime:     1,
	SourceModified: 0.5,
	sourceByline:   1,
	sourceBylineAt: 1,
	SourceStamp:    1.5,
	sourceAlone:    0.5,
	sourceUpdated:  0.5,
	sourceTZ:       1.5,
	sourceYearOnly: 0.25,
	sourceModClaim: 0.25,
}

// Internal vote sources.
const (
	sourceByline   Source = "byline"    // a stamp beside the headline or the first paragraph
	sourceBylineAt Source = "byline-at" // such a stamp with a time of day
	sourceAlone    Source = "alone"     // the first date standing alone on a line
	sourceUpdated  Source = "updated"   // the first "Updated:" stamp
	sourceTZ       Source = "utc-late"  // the local day after a late-evening UTC timestamp
	sourceYearOnly Source = "year-only" // a claimed 1 January nothing else states
	sourceModClaim Source = "mod-claim" // a claimed date only modification dates state
)

// Evidence is what the dates family found on a page: every date the page
// states, and the vote that chose its publication date.
type Evidence struct {
	// Markup are the dates in the page's address and markup.
	Markup []Candidate
	// Stamps are the dates written in the page's visible text.
	Stamps []Stamp
	// Byline is the stamp beside the headline, if any.
	Byline *Stamp
	// Published is the chosen publication date; zero when none.
	Published time.Time
	// Votes lists the sources that supported Published.
	Votes []Source
	// support maps each day the page states to the sources stating it.
	support map[time.Time]map[Source]bool
}

// Find gathers the dates page p states for itself and picks its
// publication date by a weighted vote of the sources: the dates extraction
// claimed (go-htmldate through trafilatura, the record's date), the
// address, markup (meta, JSON-LD, microdata, <time>) and visible stamps
// (by-lines beside the headline, labelled "Published"/"Date:" stamps).
// It never runs go-htmldate itself. A nil page yields an empty Evidence.
func Find(p *features.Page) *Evidence {
	ev := &Evidence{}
	if p == nil {
		return ev
	}
	ev.Markup = pageCandidates(p)
	ev.Stamps = Stamps(p.Raw, p.Lang)
	near := nearLines(p)
	support := map[time.Time]map[Source]bool{}
	add := func(t time.Time, s Source) {
		if t.IsZero() {
			return
		}
		t = day(t)
		if support[t] == nil {
			support[t] = map[Source]bool{}
		}
		support[t][s] = true
	}
	for i, c := range p.Claimed {
		if i == 0 && p.Kind == features.KindHTML && len(p.Claimed) > 1 {
			add(c, SourceRecord)
			continue
		}
		add(c, SourceHTMLDate)
	}
	seen := map[Source]bool{}
	for _, c := range ev.Markup {
		if !seen[c.Source] {
			seen[c.Source] = true
			add(c.Time, c.Source)
		}
		if next, ok := utcLate(c.Text); ok && !seen[sourceTZ] {
			seen[sourceTZ] = true
			add(next, sourceTZ)
		}
	}
	for i := range ev.Stamps {
		s := &ev.Stamps[i]
		switch s.Label {
		case "copyright":
			continue
		case "updated":
			if !seen[sourceUpdated] {
				seen[sourceUpdated] = true
				add(s.Time, sourceUpdated)
			}
			continue
		}
		if s.Ambiguous && p.Lang == "en" {
			s.Time = settle(s.Time, support)
		}
		isNear := near(s.Line)
		if isNear && (s.Alone || s.Label == "published") && !seen[sourceByline] {
			seen[sourceByline] = true
			ev.Byline = s
			add(s.Time, sourceByline)
		}
		if isNear && clockRE.MatchString(s.Text) && !seen[sourceBylineAt] {
			seen[sourceBylineAt] = true
			add(s.Time, sourceBylineAt)
		}
		if s.Label == "published" && !seen[SourceStamp] {
			seen[SourceStamp] = true
			add(s.Time, SourceStamp)
		}
		if s.Alone && !seen[sourceAlone] {
			seen[sourceAlone] = true
			add(s.Time, sourceAlone)
		}
	}
	if p.Lang != "en" {
		transposed(support)
	}
	yearOnly(support)
	modifiedOnly(support)
	ev.support = support
	ev.Published = vote(support, weights)
	for s := range support[ev.Published] {
		ev.Votes = append(ev.Votes, s)
	}
	sort.Slice(ev.Votes, func(i, j int) bool { return ev.Votes[i] < ev.Votes[j] })
	return ev
}

// transposed moves the vote of a claimed date that only extraction states
// to the day with its day and month swapped, when the page states that day
// in its visible text: go-htmldate reads a German "4. 2. 2022" as 2 April,
// while the stamps are parsed in the page's own language. Not for English
// pages, whose numeric dates are month-first or day-first by country
// ("02/10/2020" on an en-gb page is 2 October).
func transposed(support map[time.Time]map[Source]bool) {
	for t, srcs := range support {
		if len(srcs) != 1 || !(srcs[SourceHTMLDate] || srcs[SourceRecord]) || t.Day() > 12 || t.Day() == int(t.Month()) {
			continue
		}
		swap := time.Date(t.Year(), time.Month(t.Day()), int(t.Month()), 0, 0, 0, 0, time.UTC)
		to := support[swap]
		if !(to[sourceByline] || to[sourceBylineAt] || to[SourceStamp] || to[sourceAlone]) {
			continue
		}
		for s := range srcs {
			to[s] = true
		}
		delete(support, t)
	}
}

// settle reads an ambiguous numeric stamp of an English page ("02/10/2020":
// month first in the US, day first in Britain) the other way round when
// another source (extraction, markup, or a stamp read before it) states
// that day and none states the first reading.
func settle(t time.Time, support map[time.Time]map[Source]bool) time.Time {
	swap := time.Date(t.Year(), time.Month(t.Day()), int(t.Month()), 0, 0, 0, 0, time.UTC)
	if len(support[swap]) > 0 && len(support[day(t)]) == 0 {
		return swap
	}
	return t
}

// yearOnly demotes a claimed 1 January that no other source states:
// go-htmldate completes a bare year ("© 2004") to its first day, so such a
// claim says little about the day the page was published.
func yearOnly(support map[time.Time]map[Source]bool) {
	for t, srcs := range support {
		if t.Month() != time.January || t.Day() != 1 || len(srcs) != 1 || !srcs[SourceHTMLDate] {
			continue
		}
		delete(srcs, SourceHTMLDate)
		srcs[sourceYearOnly] = true
	}
}

// modifiedOnly demotes a claimed date that only the page's own
// last-modified markup or "Updated" stamp states: go-htmldate falls back on
// the modification date when it finds no publication date it trusts, so
// its claim then repeats a modification date rather than adding a vote.
func modifiedOnly(support map[time.Time]map[Source]bool) {
	for _, srcs := range support {
		if !srcs[SourceHTMLDate] || !(srcs[SourceModified] || srcs[sourceUpdated]) {
			continue
		}
		others := false
		for s := range srcs {
			if s != SourceHTMLDate && s != SourceModified && s != sourceUpdated {
				others = true
			}
		}
		if !others {
			delete(srcs, SourceHTMLDate)
			srcs[sourceModClaim] = true
		}
	}
}

// vote returns the day whose sources weigh most (zero when there is none);
// a tie goes to the day extraction claimed, then to the earlier day.
func vote(support map[time.Time]map[Source]bool, w map[Source]float64) time.Time {
	var best time.Time
	bestScore := 0.0
	for t, srcs := range support {
		score := 0.0
		for s := range srcs {
			score += w[s]
		}
		if srcs[SourceHTMLDate] || srcs[SourceRecord] {
			score += 0.001 // ties go to what extraction claimed
		}
		if score > bestScore || (score == bestScore && !best.IsZero() && t.Before(best)) {
			best, bestScore = t, score
		}
	}
	return best
}

// nearLines returns a test for lines of p.Raw beside the headline or the
// start of the main text, where by-line stamps sit.
func nearLines(p *features.Page) func(int) bool {
	lines := strings.Split(p.Raw, "\n")
	if len(lines) > maxStampLines {
		lines = lines[:maxStampLines]
	}
	find := func(s string) int {
		s = strings.TrimSpace(s)
		if len([]rune(s)) > 40 {
			s = string([]rune(s)[:40])
		}
		if s == "" {
			return -1
		}
		for i, l := range lines {
			if strings.Contains(l, s) {
				return i
			}
		}
		return -1
	}
	tl := find(p.Title)
	bl := -1
	if len(p.Paragraphs) > 0 {
		bl = find(p.Paragraphs[0])
	} else if i := strings.IndexByte(p.Text, '\n'); i > 0 {
		bl = find(p.Text[:i])
	} else {
		bl = find(p.Text)
	}
	lo, hi := tl, bl
	if lo < 0 || (bl >= 0 && bl < lo) {
		lo = bl
	}
	if hi < tl {
		hi = tl
	}
	if lo < 0 {
		return func(int) bool { return false }
	}
	return func(i int) bool { return i >= lo-6 && i <= hi+4 }
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
