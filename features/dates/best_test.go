package dates

import (
	"slices"
	"testing"
	"time"

	"github.com/spinscan/spinscan/features"
)

// TestVoteAdjustments checks the passes that rewrite the vote's support
// before it is counted: transposed (a claim that misread a day-first date),
// yearOnly (a bare-year claim) and modifiedOnly (a claim that repeats the
// modification date).
func TestVoteAdjustments(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		adjust  func(map[time.Time]map[Source]bool)
		support map[time.Time]map[Source]bool
		want    time.Time
	}{
		{"claimed 2 April, by-line 4. 2.: the claim was a misreading", transposed,
			map[time.Time]map[Source]bool{d(2022, 4, 2): {SourceHTMLDate: true}, d(2022, 2, 4): {sourceByline: true}}, d(2022, 2, 4)},
		{"claimed date also in markup: kept", transposed,
			map[time.Time]map[Source]bool{d(2022, 4, 2): {SourceHTMLDate: true, SourceMeta: true}, d(2022, 2, 4): {sourceByline: true}}, d(2022, 4, 2)},
		{"transposition stated only in markup: kept", transposed,
			map[time.Time]map[Source]bool{d(2022, 4, 2): {SourceHTMLDate: true}, d(2022, 2, 4): {SourceMeta: true}}, d(2022, 4, 2)},
		{"day over 12 cannot be transposed", transposed,
			map[time.Time]map[Source]bool{d(2022, 4, 20): {SourceHTMLDate: true}, d(2022, 1, 5): {sourceByline: true}}, d(2022, 4, 20)},
		{"a bare-year claim loses to a stated day", yearOnly,
			map[time.Time]map[Source]bool{d(2004, 1, 1): {SourceHTMLDate: true}, d(2019, 6, 13): {sourceUpdated: true}}, d(2019, 6, 13)},
		{"a 1 January the markup also states stays a vote", yearOnly,
			map[time.Time]map[Source]bool{d(2020, 1, 1): {SourceHTMLDate: true, SourceMeta: true}, d(2019, 6, 13): {sourceUpdated: true}}, d(2020, 1, 1)},
		{"a bare-year claim alone is still the answer", yearOnly,
			map[time.Time]map[Source]bool{d(2004, 1, 1): {SourceHTMLDate: true}}, d(2004, 1, 1)},
		{"a claim only the modified markup states loses to a by-line", modifiedOnly,
			map[time.Time]map[Source]bool{d(2020, 6, 2): {SourceHTMLDate: true, SourceModified: true}, d(2020, 3, 31): {sourceByline: true, sourceAlone: true}}, d(2020, 3, 31)},
		{"a claim only an Updated stamp states loses to a Published stamp", modifiedOnly,
			map[time.Time]map[Source]bool{d(2023, 10, 31): {SourceHTMLDate: true, sourceUpdated: true}, d(2023, 11, 1): {SourceStamp: true}}, d(2023, 11, 1)},
		{"a claim the published markup also states is kept", modifiedOnly,
			map[time.Time]map[Source]bool{d(2020, 6, 2): {SourceHTMLDate: true, SourceModified: true, SourceMeta: true}, d(2020, 3, 31): {sourceByline: true, sourceAlone: true}}, d(2020, 6, 2)},
		{"a modification date alone is still the answer", modifiedOnly,
			map[time.Time]map[Source]bool{d(2018, 6, 17): {SourceHTMLDate: true, sourceUpdated: true}}, d(2018, 6, 17)},
	}
	for _, tc := range tests {
		tc.adjust(tc.support)
		if got := vote(tc.support, weights); !got.Equal(tc.want) {
			t.Errorf("%s: vote %s, want %s", tc.name, got.Format(time.DateOnly), tc.want.Format(time.DateOnly))
		}
	}
}

func TestUTCLate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no date
	}{
		{"2020-12-05T23:15:00Z", "2020-12-06"},
		{"2020-12-05T23:15:0Z", "2020-12-06"}, // one-digit seconds, as a real CMS writes them
		{"2020-12-05T22:00+00:00", "2020-12-06"},
		{"2020-12-05T21:59:00Z", ""},
		{"2020-12-05T23:15:00+01:00", ""},
	}
	for _, tc := range tests {
		got, ok := utcLate(tc.in)
		if s := got.Format(time.DateOnly); (tc.want == "") == ok || (ok && s != tc.want) {
			t.Errorf("utcLate(%q) = %s, %v; want %q", tc.in, s, ok, tc.want)
		}
	}
}

func TestSettle(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		stamp   time.Time // the month-first reading
		support map[time.Time]map[Source]bool
		want    time.Time
	}{
		{"markup claims the day-first reading", d(2020, 2, 10),
			map[time.Time]map[Source]bool{d(2020, 10, 2): {SourceHTMLDate: true}}, d(2020, 10, 2)},
		{"nothing claims either reading", d(2020, 2, 10), map[time.Time]map[Source]bool{}, d(2020, 2, 10)},
		{"both readings claimed: the stamp keeps its own", d(2020, 2, 10),
			map[time.Time]map[Source]bool{d(2020, 10, 2): {SourceHTMLDate: true}, d(2020, 2, 10): {SourceMeta: true}}, d(2020, 2, 10)},
	}
	for _, tc := range tests {
		if got := settle(tc.stamp, tc.support); !got.Equal(tc.want) {
			t.Errorf("%s: %s, want %s", tc.name, got.Format(time.DateOnly), tc.want.Format(time.DateOnly))
		}
	}
}

func TestStampLabels(t *testing.T) {
	tests := []struct {
		line, lang string
		label      string
		alone      bool
		ambiguous  bool
	}{
		{"Posted on March 3, 2021", "en", "published", true, false},
		// a label word before the preposition labels a long line too
		{"Posted on March 3, 2021 by Jane Doe in World News, Politics, Elections and Government", "en", "published", false, false},
		{"Erstellt am: 30.01.2022 18:36 / sk", "de", "published", true, false},
		// a preposition inside a sentence labels nothing
		{"Die bedeutendste Rebsorte Deutschlands, der Riesling, feiert am 13. März 2022 ihren 587sten Geburtstag.", "de", "", false, false},
		// a date leading its line is a dateline, however long the line
		{"02.02.2022 10:16 Uhr - 1. Bundesliga - PM Vereine, red, und eine lange Meldung dahinter mit vielen Wörtern", "de", "", true, false},
		{"The Guardian 02/10/2020 Anna Fazackerley", "en", "", true, true},
		{"The Guardian 02/20/2020 Anna Fazackerley", "en", "", true, false},
		{"Letzte Änderung: 14.01.2022 um 09:25", "de", "updated", true, false},
	}
	for _, tc := range tests {
		st := Stamps(tc.line, tc.lang)
		if len(st) == 0 {
			t.Errorf("%q: no stamp", tc.line)
			continue
		}
		if s := st[0]; s.Label != tc.label || s.Alone != tc.alone || s.Ambiguous != tc.ambiguous {
			t.Errorf("%q: label %q alone %v ambiguous %v; want %q %v %v", tc.line, s.Label, s.Alone, s.Ambiguous, tc.label, tc.alone, tc.ambiguous)
		}
	}
}

// A machine-readable date is read as the day it writes, whatever its
// offset; an empty CMS field written as the Unix epoch is no date.
func TestParseMarkupDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no date
	}{
		{"2020-07-09T01:00:00+02:00", "2020-07-09"},
		{"2023-11-08", "2023-11-08"},
		{"2021-02-30", ""},
		{"1970-01-01T01:00:00+01:00", ""},
		{"1970-01-01T00:00:00Z", ""},
		{"1969-12-31T19:00:00-05:00", ""},
		{"1970-01-02", "1970-01-02"},
		{"not a date", ""},
	}
	for _, tc := range tests {
		got, ok := parseMarkupDate(tc.in)
		s := ""
		if ok {
			s = got.Format(time.DateOnly)
		}
		if s != tc.want {
			t.Errorf("parseMarkupDate(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}

// The flag for a page dated long after the story's earliest copy counts
// only the peers that share its text (Result.Copies, from the paraphrase
// family); with no such knowledge every peer counts. The column counts
// every peer either way.
func TestAfterEarliestCopy(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	page := &features.Page{ID: "page", Text: "The council met.", DateVote: features.DateVote{Done: true, Published: d(2023, 11, 9)}}
	topic := &features.Page{ID: "topic", Text: "The council met.", Published: d(2020, 1, 28)}
	tests := []struct {
		name    string
		copies  map[string]bool
		flagged bool
	}{
		{"not compared: every peer counts", nil, true},
		{"the earlier peer shares the text", map[string]bool{"topic": true}, true},
		{"the earlier peer shares only the topic", map[string]bool{}, false},
	}
	fam := Family()
	col := slices.Index(fam.Columns, "days_after_earliest_peer")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vals := make([]float64, len(fam.Columns))
			r := features.Result{Copies: tc.copies}
			fam.Extract(page, &features.Context{Cluster: "s", Peers: []*features.Page{topic}}, vals, &r)
			if got := slices.Contains(r.Flags, Flag); got != tc.flagged {
				t.Errorf("date_anomaly %v, want %v (evidence %q)", got, tc.flagged, r.Evidence)
			}
			if vals[col] != 1381 {
				t.Errorf("days_after_earliest_peer = %v, want 1381 whatever the copies", vals[col])
			}
		})
	}
}

// Two publication dates over a year apart flag the page, unless the later
// one is the day its markup gives as the modification date (an update
// shown in the by-line). The column spans every claim either way.
func TestConflictingClaims(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	claims := []time.Time{d(2018, 2, 23), d(2020, 10, 13), d(2020, 10, 13)}
	tests := []struct {
		name     string
		modified time.Time
		flagged  bool
	}{
		{"no modification date", time.Time{}, true},
		{"the later claim is the update", d(2020, 10, 13), false},
		{"an update on another day", d(2019, 5, 1), true},
	}
	// The same day given as published in the markup too is a publication.
	t.Run("the later claim also published in the markup", func(t *testing.T) {
		p := &features.Page{ID: "p", Text: "The council met.",
			DateVote: features.DateVote{Done: true, Published: d(2020, 10, 13), Claims: claims}}
		p.Markup.Dates = []features.MarkupDate{
			{Source: string(SourceModified), Time: d(2020, 10, 13)}, {Source: string(SourceMeta), Time: d(2020, 10, 13)}}
		var r features.Result
		Family().Extract(p, nil, make([]float64, len(Family().Columns)), &r)
		if !slices.Contains(r.Flags, Flag) {
			t.Errorf("date_anomaly not raised (evidence %q)", r.Evidence)
		}
	})
	fam := Family()
	col := slices.Index(fam.Columns, "conflicting_claims")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &features.Page{ID: "p", Text: "The council met.",
				DateVote: features.DateVote{Done: true, Published: d(2020, 10, 13), Claims: claims}}
			if !tc.modified.IsZero() {
				p.Markup.Dates = []features.MarkupDate{{Source: string(SourceModified), Time: tc.modified, Text: tc.modified.Format(time.RFC3339)}}
			}
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, nil, vals, &r)
			if got := slices.Contains(r.Flags, Flag); got != tc.flagged {
				t.Errorf("date_anomaly %v, want %v (evidence %q)", got, tc.flagged, r.Evidence)
			}
			if vals[col] != 963 {
				t.Errorf("conflicting_claims = %v, want 963 whatever the markup", vals[col])
			}
		})
	}
}
