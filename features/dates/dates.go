package dates

import (
	"fmt"
	"math"
	"strings"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-htmldate"

	"github.com/spinscan/spinscan/features"
)

// Column indexes of the family.
const (
	colClaimedVsContent = iota
	colCommentsBefore
	colAfterPeer
	colFutureOfFetch
	colConflicting
	colHasClaimed
	colHasContent
	colAnchors
	nColumns
)

// Flag is the name of the flag the family raises.
const Flag = "date_anomaly"

// Thresholds of the flag, in days. They were set from what the dates mean
// (half a year between the date a page claims and the date its text
// implies, a year between two dates the page claims for itself) and
// checked for false alarms on web-pages-gold dev pages, not on the seeds.
const (
	contentSlack     = 180
	peerSlack        = 180
	conflictSlack    = 365
	commentSlack     = 2
	fetchSlack       = 1
	maxSentencesRead = 400
)

// Family returns the dates feature family. It sets r.Published to the
// page's best publication date (see Find) and fills:
//
//   - claimed_vs_content_days: days from the window of dates the text
//     implies (relative expressions anchored on dated events, see Implied)
//     to the claimed publication date; positive when the page claims a
//     later date, 0 when either is missing or they agree.
//   - comments_before_page: comments dated more than two days before the
//     page.
//   - days_after_earliest_peer: days from the earliest date found on the
//     cluster's other copies (their dates and comment dates) to this
//     page's date, 0 when not later or unknown.
//   - future_of_fetch: claimed dates more than a day after the capture.
//   - conflicting_claims: days between the earliest and latest publication
//     dates the page claims (extraction, address, markup, by-line).
//   - has_claimed, has_content_date: 1 when found, else 0.
//   - content_anchors: the number of anchored expressions read.
//
// The flag date_anomaly fires when the claimed date is more than half a
// year off the content's, when comments predate the page, when the page
// is dated more than half a year after the earliest peer that shares its
// text (Result.Copies; every peer of the story when the page was not
// compared), when a date lies in the future of the capture, or when the
// page's own claims are more than a year apart.
func Family() features.Family {
	return features.Family{
		Name: "dates",
		Doc: "Date anomalies: the publication date a page claims (metadata, address, " +
			"visible stamps) set against the date its text implies (\"last February\", " +
			"\"the 10th anniversary of\" a dated event), its comment dates, the capture " +
			"time and the earliest copy of the story in the crawl. Sets the row's published date.",
		Columns: []string{
			"claimed_vs_content_days", "comments_before_page", "days_after_earliest_peer",
			"future_of_fetch", "conflicting_claims", "has_claimed", "has_content_date",
			"content_anchors",
		},
		Flags:   []string{Flag},
		Extract: extract,
	}
}

// HTMLDateOptions returns the go-htmldate settings extraction passes to
// go-trafilatura, so that htmldate runs once per page with them: the
// original publication date rather than the last modification, with the
// extensive search (on web-pages-gold dev pages: 0.895 exact-day accuracy
// against 0.867 for the fast search and 0.839 for the latest date). Each
// call returns a new value.
//
// lang (ISO 639-1, "" when unknown) limits go-dateparser, which
// go-htmldate's extensive search hands every date-like string, to that
// language and English, as ParseVisibleIn does; with no language it tries
// every locale it knows on each string, which took a third of the CPU of
// the synthetic benchmark crawl (whose month names no locale reads) and
// left every web-pages-gold date as it was when limited.
func HTMLDateOptions(lang string) *htmldate.Options {
	o := &htmldate.Options{UseOriginalDate: true}
	if langs := Languages(lang); langs != nil {
		// go-htmldate's own defaults, with the languages.
		o.DateParserConfig = &dps.Configuration{
			PreferredDateSource: dps.Past,
			StrictParsing:       true,
			Languages:           langs,
		}
	}
	return o
}

func extract(p *features.Page, c *features.Context, vals []float64, r *features.Result) {
	if p == nil || len(vals) < nColumns {
		return
	}
	v := p.DateVote
	if !v.Done {
		v = dateVote(p)
	}
	pub := v.Published
	r.Published = pub
	if pub.IsZero() {
		// Nothing claimed: the comments and peers have nothing to be
		// compared with; the content may still carry anchors.
		imps := Implied(firstN(sentencesFor(p), maxSentencesRead), Events())
		if len(imps) > 0 {
			vals[colHasContent] = 1
			vals[colAnchors] = float64(len(imps))
		}
		return
	}
	vals[colHasClaimed] = 1
	claimText := v.Where

	// content
	imps := Implied(firstN(sentencesFor(p), maxSentencesRead), Events())
	if w, ok := Intersect(imps); ok {
		vals[colHasContent] = 1
		vals[colAnchors] = float64(len(imps))
		d := w.Distance(pub)
		vals[colClaimedVsContent] = float64(d)
		if d > contentSlack || d < -contentSlack {
			var why []string
			for _, im := range imps {
				why = append(why, im.Why)
			}
			r.Flag(Flag, fmt.Sprintf("page claims %s%s but its text implies %s (%s)",
				pub.Format("2006-01-02"), claimText, w, strings.Join(why, "; ")))
		}
	}

	// comments
	n := 0
	var first time.Time
	for _, cm := range p.Comments {
		if !cm.Time.IsZero() && day(cm.Time).Before(pub.AddDate(0, 0, -commentSlack)) {
			n++
			if first.IsZero() || cm.Time.Before(first) {
				first = cm.Time
			}
		}
	}
	vals[colCommentsBefore] = float64(n)
	if n > 0 {
		r.Flag(Flag, fmt.Sprintf("%d comment(s) dated before the page (%s): earliest %s",
			n, pub.Format("2006-01-02"), first.Format("2006-01-02")))
	}

	// peers: the column takes every peer of the story, as the models were
	// trained; the flag only the peers that share the page's text
	// (Result.Copies, from the paraphrase family, which runs first), so a
	// report of the same topic a year earlier, put in the story by a
	// false match, does not make the page look backdated.
	if c != nil {
		var earliest, copied time.Time
		var from string
		for _, q := range c.Peers {
			if q == nil || q == p {
				continue
			}
			isCopy := r.Copies == nil || r.Copies[q.ID]
			for _, t := range peerDates(q) {
				if earliest.IsZero() || t.Before(earliest) {
					earliest = t
				}
				if isCopy && (copied.IsZero() || t.Before(copied)) {
					copied, from = t, q.ID
				}
			}
		}
		if !earliest.IsZero() {
			if d := days(pub.Sub(day(earliest))); d > 0 {
				vals[colAfterPeer] = float64(d)
			}
		}
		if !copied.IsZero() {
			if d := days(pub.Sub(day(copied))); d > peerSlack {
				r.Flag(Flag, fmt.Sprintf("page dated %s, %d days after the earliest copy of the story in the crawl (%s, %s)",
					pub.Format("2006-01-02"), d, from, copied.Format("2006-01-02")))
			}
		}
	}

	// fetch time
	claims := v.Claims
	if !p.Fetched.IsZero() {
		k := 0
		for _, t := range claims {
			if t.After(day(p.Fetched).AddDate(0, 0, fetchSlack)) {
				k++
			}
		}
		vals[colFutureOfFetch] = float64(k)
		if k > 0 {
			r.Flag(Flag, fmt.Sprintf("%d claimed date(s) after the page was fetched (%s)", k, p.Fetched.Format("2006-01-02")))
		}
	}

	// conflicting claims: the column spans every claim, as the models
	// were trained; the flag leaves out the latest claims when the markup
	// states that day as the page's modification date and not as its
	// publication date: a page updated in 2020 whose go-htmldate date or
	// by-line shows the update was not published twice.
	if len(claims) > 1 {
		lo, hi := span(claims)
		vals[colConflicting] = float64(days(hi.Sub(lo)))
		lo, hi = span(withoutUpdate(claims, updateDays(p)))
		if d := days(hi.Sub(lo)); d > conflictSlack {
			r.Flag(Flag, fmt.Sprintf("the page claims dates %d days apart (%s and %s)",
				d, lo.Format("2006-01-02"), hi.Format("2006-01-02")))
		}
	}
	for i := range vals {
		if math.IsNaN(vals[i]) || math.IsInf(vals[i], 0) {
			vals[i] = 0
		}
	}
}

// Settle runs the publication-date vote on p (Find) and keeps its outcome
// in p.DateVote, with p.Published set to the chosen date when there is
// one. Extraction calls it, so the dates family does not read the page's
// dates again and peers see each page's date.
func Settle(p *features.Page) {
	p.DateVote = dateVote(p)
	if !p.DateVote.Published.IsZero() {
		p.Published = p.DateVote.Published
	}
}

// dateVote is the outcome of Find on p.
func dateVote(p *features.Page) features.DateVote {
	ev := Find(p)
	return features.DateVote{Done: true, Published: ev.Published, Claims: claimedDates(p, ev), Where: describe(ev)}
}

// describe quotes where the chosen date was read, for evidence lines.
func describe(ev *Evidence) string {
	if ev.Byline != nil && day(ev.Byline.Time).Equal(ev.Published) {
		t := ev.Byline.Text
		if len([]rune(t)) > 60 {
			t = string([]rune(t)[:60]) + "…"
		}
		return fmt.Sprintf(" (%q)", t)
	}
	var s []string
	for _, v := range ev.Votes {
		s = append(s, string(v))
	}
	if len(s) == 0 {
		return ""
	}
	return " (" + strings.Join(s, ", ") + ")"
}

// claimedDates are the publication dates the page claims: what extraction
// found, the address, markup publication dates and the by-line.
func claimedDates(p *features.Page, ev *Evidence) []time.Time {
	var out []time.Time
	for _, t := range p.Claimed {
		if !t.IsZero() {
			out = append(out, day(t))
		}
	}
	seen := map[Source]bool{}
	for _, c := range ev.Markup {
		switch c.Source {
		case SourceURL, SourceMeta, SourceJSONLD, SourceItemprop:
			if !seen[c.Source] {
				seen[c.Source] = true
				out = append(out, c.Time)
			}
		}
	}
	if ev.Byline != nil {
		out = append(out, ev.Byline.Time)
	}
	return out
}

// peerDates are the dates known for a peer page: its publication and
// claimed dates and its comments' dates.
func peerDates(q *features.Page) []time.Time {
	var out []time.Time
	if !q.Published.IsZero() {
		out = append(out, q.Published)
	}
	out = append(out, q.Claimed...)
	for _, cm := range q.Comments {
		if !cm.Time.IsZero() {
			out = append(out, cm.Time)
		}
	}
	var keep []time.Time
	for _, t := range out {
		if !t.IsZero() {
			keep = append(keep, t)
		}
	}
	return keep
}

func sentencesFor(p *features.Page) []string {
	if len(p.Sentences) > 0 {
		return p.Sentences
	}
	return sentencesOf(p.Text)
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// span returns the earliest and latest of ts (not empty).
func span(ts []time.Time) (lo, hi time.Time) {
	lo, hi = ts[0], ts[0]
	for _, t := range ts {
		if t.Before(lo) {
			lo = t
		}
		if t.After(hi) {
			hi = t
		}
	}
	return lo, hi
}

// updateDays are the days the page's markup states as its modification
// date and no markup states as its publication date: its updates.
func updateDays(p *features.Page) map[time.Time]bool {
	var out map[time.Time]bool
	published := map[time.Time]bool{}
	for _, d := range p.Markup.Dates {
		switch Source(d.Source) {
		case SourceMeta, SourceJSONLD, SourceItemprop, SourceTime:
			published[day(d.Time)] = true
		}
	}
	for _, d := range p.Markup.Dates {
		if Source(d.Source) == SourceModified && !d.Time.IsZero() && !published[day(d.Time)] {
			if out == nil {
				out = map[time.Time]bool{}
			}
			out[day(d.Time)] = true
		}
	}
	return out
}

// withoutUpdate returns claims without their latest day while that day
// is one of the page's updates and an earlier claim remains: the update,
// not a second publication.
func withoutUpdate(claims []time.Time, updates map[time.Time]bool) []time.Time {
	for len(updates) > 0 {
		_, hi := span(claims)
		if !updates[day(hi)] {
			break
		}
		var rest []time.Time
		for _, t := range claims {
			if !day(t).Equal(day(hi)) {
				rest = append(rest, t)
			}
		}
		if len(rest) == 0 {
			break
		}
		claims = rest
	}
	return claims
}
