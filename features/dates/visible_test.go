package dates

import (
	"testing"
	"time"
)

// TestEnglishLayouts checks that the standard-library layouts ParseVisibleIn
// tries first give go-dateparser's own answer, and leave to it what they
// cannot read.
func TestEnglishLayouts(t *testing.T) {
	for _, tc := range []struct {
		s, lang string
		fast    bool // read by englishLayouts
	}{
		{"March 5, 2021", "en", true},
		{"march 5, 2021", "en", true},
		{"December 31 2019", "en", true},
		{"Sep 9, 2020", "de", true},
		{"Aug. 14, 2018", "en", true},
		{"5 March 2021", "fr", true},
		{"05 Mar 2021", "", true},
		{"January 02, 2006", "en", true},
		{"Sept. 9, 2020", "en", false},
		{"5th March 2021", "en", false},
		{"5 mars 2021", "fr", false},
		{"13. März 2020", "de", false},
		{"February 30, 2020", "en", false},
		{"Room 12, 2020", "en", false},
	} {
		fast := false
		for _, l := range englishLayouts {
			if _, err := time.Parse(l, tc.s); err == nil {
				fast = true
			}
		}
		if fast != tc.fast {
			t.Errorf("%q: read by the English layouts %v, want %v", tc.s, fast, tc.fast)
		}
		got, gok := ParseVisibleIn(tc.s, tc.lang)
		want, wok := parseWithDateparser(tc.s, tc.lang)
		if gok != wok || !got.Equal(want) {
			t.Errorf("ParseVisibleIn(%q, %q) = %v %v, go-dateparser %v %v", tc.s, tc.lang, got, gok, want, wok)
		}
	}
}
