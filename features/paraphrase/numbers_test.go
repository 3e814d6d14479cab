package paraphrase

import (
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features"
)

func TestAlteredNumbers(t *testing.T) {
	const src = "src"
	tests := []struct {
		name     string
		aligned  []features.Aligned
		flagged  bool
		evidence int
	}{
		{"a changed ordinal", []features.Aligned{
			{Sentence: "It marks the 11th anniversary of the policy.", Peer: "It marks the 10th anniversary of the policy.", PeerID: src, Kind: "reworded"},
		}, true, 1},
		{"the same numbers, other separators", []features.Aligned{
			{Sentence: "About 1200 people came in 2023.", Peer: "Some 1,200 people attended in 2023.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"a number left out", []features.Aligned{
			{Sentence: "Prices rose last year.", Peer: "Prices rose 4% in 2022.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"a number added", []features.Aligned{
			{Sentence: "Prices rose 4% in 2022.", Peer: "Prices rose last year.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"a number spelled out", []features.Aligned{
			{Sentence: "Ten people were hurt.", Peer: "10 people were injured.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"the numbers in another order", []features.Aligned{
			{Sentence: "In 2021 and 2019 it won.", Peer: "It won in 2019 and 2021.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"a repeated number dropped for another", []features.Aligned{
			{Sentence: "Scores of 3 and 4.", Peer: "Scores of 3 and 3.", PeerID: src, Kind: "reworded"},
		}, true, 1},
		{"a decimal split by a space", []features.Aligned{
			{Sentence: "A 0. 5 probability is common.", Peer: "A 0.5 probability is common.", PeerID: src, Kind: "verbatim"},
		}, false, 0},
		{"thousands in words", []features.Aligned{
			{Sentence: "Only 42 thousand people live there.", Peer: "Only 42,000 people live there.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"thousands in words, with a decimal", []features.Aligned{
			{Sentence: "About 5,700 people were left homeless.", Peer: "About 5.7 thousand people were left homeless.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"a magnitude word on both sides", []features.Aligned{
			{Sentence: "More than 5 million people.", Peer: "More than 50 million people.", PeerID: src, Kind: "reworded"},
		}, true, 1},
		{"a year cut short", []features.Aligned{
			{Sentence: "Blue Sky ('94) won.", Peer: "Blue Sky (1994) won.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"a tenfold error", []features.Aligned{
			{Sentence: "More than 5 million people suffer from it.", Peer: "More than 55 million people suffer from it.", PeerID: src, Kind: "reworded"},
		}, true, 1},
		{"a time on the 24-hour clock and with p.m.", []features.Aligned{
			{Sentence: "The meeting starts at 19:00 on Monday.", Peer: "The meeting starts at 7:00 PM on Monday.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"an hour with p.m. and on the 24-hour clock", []features.Aligned{
			{Sentence: "Doors open at 7 p.m. sharp.", Peer: "Doors open at 19:00 sharp.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"a time without a.m. or p.m.", []features.Aligned{
			{Sentence: "Doors open at 7:00.", Peer: "Doors open at 19:00.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"minutes after a point, and after midnight", []features.Aligned{
			{Sentence: "It ended at 21:30, not 00:30.", Peer: "It ended at 9.30pm, not 12:30 a.m.", PeerID: src, Kind: "reworded"},
		}, false, 0},
		{"another time", []features.Aligned{
			{Sentence: "Doors open at 8 p.m. sharp.", Peer: "Doors open at 7 p.m. sharp.", PeerID: src, Kind: "reworded"},
		}, true, 1},
		{"another half of the day", []features.Aligned{
			{Sentence: "Doors open at 7 a.m. sharp.", Peer: "Doors open at 19:00 sharp.", PeerID: src, Kind: "reworded"},
		}, true, 1},
		{"a score is no time", []features.Aligned{
			{Sentence: "They won the final 3:1.", Peer: "They won the final 3:2.", PeerID: src, Kind: "reworded"},
		}, true, 1},
		{"another peer's sentence", []features.Aligned{
			{Sentence: "It marks the 11th anniversary.", Peer: "It marks the 10th anniversary.", PeerID: "other", Kind: "reworded"},
		}, false, 0},
		{"unaligned", []features.Aligned{
			{Sentence: "It marks the 11th anniversary.", Kind: "unaligned"},
		}, false, 0},
		{"evidence for the first two of three", []features.Aligned{
			{Sentence: "A 5.", Peer: "A 6.", PeerID: src, Kind: "reworded"},
			{Sentence: "B 7.", Peer: "B 8.", PeerID: src, Kind: "reworded"},
			{Sentence: "C 9.", Peer: "C 10.", PeerID: src, Kind: "verbatim"},
		}, true, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r features.Result
			alteredNumbers(tc.aligned, src, &r)
			if got := hasFlag(&r, "altered_numbers"); got != tc.flagged {
				t.Errorf("flagged %v, want %v (flags %v)", got, tc.flagged, r.Flags)
			}
			n := 0
			for _, e := range r.Evidence {
				if strings.HasPrefix(e, "altered number: ") {
					n++
				}
			}
			if n != tc.evidence {
				t.Errorf("%d evidence lines, want %d: %q", n, tc.evidence, r.Evidence)
			}
		})
	}
}

// FuzzClockTimes checks that clockTimes never panics and reads only
// times of a day, each within the text and after the one before.
func FuzzClockTimes(f *testing.F) {
	for _, s := range []string{"at 19:00", "7 p.m.", "9.30pm, 12:30 a.m.", "3:1", "123:45", "10:305", "", "1:60 pm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, tm := range clockTimes(s) {
			if tm.minutes < 0 || tm.minutes >= 24*60 || tm.start < end || tm.end <= tm.start || tm.end > len(s) {
				t.Fatalf("clockTimes(%q): %+v", s, tm)
			}
			end = tm.end
		}
		sameTimesOut(s, s)
	})
}
