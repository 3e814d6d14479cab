package dates

import (
	"testing"
	"time"
)

// TestVoteAdjustments checks the passes that rewrite the vote's support
// before it is counted: transposed (a claim that misread a day-first date)
// and yearOnly (a bare-year claim).
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
