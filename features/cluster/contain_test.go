package cluster

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestContain checks the excerpt lookup on hand-made signatures: long
// pages (a Full Grams view, with their whole fingerprint lists) and short
// pages left alone by Group.
func TestContain(t *testing.T) {
	long := func(seed uint16, stems int, lang string) (Sig, []uint32) {
		var all []uint32
		for i := range 40 {
			all = append(all, uint32(seed)*1000+uint32(i)*10+1)
		}
		s := gramSig(seed, stems)
		copy(s.Grams[:], all[:gramsK]) // any gramsK of them: Full
		s.Lang = [2]byte{lang[0], lang[1]}
		return s, all
	}
	short := func(seed uint16, stems int, grams ...uint32) Sig { return gramSig(seed, stems, grams...) }
	// Long page 1's fingerprints are 1001, 1011, ... 1391; page 2's 2001, ...
	l1, all1 := long(1, 2, "en")
	l2, all2 := long(2, 0, "en")
	l3, all3 := long(3, 2, "de")
	tests := []struct {
		name    string
		sigs    []Sig
		stories []string
		want    []string
	}{
		{"excerpt joins the long page's story",
			[]Sig{l1, short(9, 0, 1101, 1111, 1121)}, []string{"s-story", ""},
			[]string{"s-story", "s-story"}},
		{"excerpt and a long page alone form a story named by the first",
			[]Sig{short(9, 0, 1101, 1111), l1}, []string{"", ""},
			[]string{StoryID("p0"), StoryID("p0")}},
		{"one shared fingerprint needs overlapping stems",
			[]Sig{l2, short(9, 0, 2101)}, []string{"", ""},
			[]string{"", ""}},
		{"one shared fingerprint of one, stems overlapping",
			[]Sig{l1, short(9, 2, 1101)}, []string{"", ""},
			[]string{StoryID("p0"), StoryID("p0")}},
		{"fewer than half of the probe's fingerprints",
			[]Sig{l1, short(9, 2, 1101, 1111, 5, 6, 7)}, []string{"", ""},
			[]string{"", ""}},
		{"another language",
			[]Sig{l3, short(9, 2, 3101, 3111)}, []string{"", ""},
			[]string{"", ""}},
		{"a page in a story already stays there",
			[]Sig{l1, short(9, 2, 1101, 1111)}, []string{"", "s-other"},
			[]string{"", "s-other"}},
		{"the long page holding at least half of the probe wins",
			[]Sig{l2, l1, short(9, 2, 1101, 1111, 2101)}, []string{"s-two", "s-one", ""},
			[]string{"s-two", "s-one", "s-one"}},
	}
	lists := map[uint16][]uint32{1: all1, 2: all2, 3: all3}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := make([]string, len(tt.sigs))
			for i := range ids {
				ids[i] = "p" + string(rune('0'+i))
			}
			got, err := Contain(ids, tt.sigs, tt.stories, func(i int) ([]uint32, error) {
				if !Full(&tt.sigs[i]) {
					t.Fatalf("all(%d) called for a page that is not Full", i)
				}
				return lists[uint16(tt.sigs[i].Grams[0]/1000)], nil
			})
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("Contain = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("error", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := Contain([]string{"a", "b"}, []Sig{l1, short(9, 0, 1101)}, []string{"", ""},
			func(int) ([]uint32, error) { return nil, boom })
		if !errors.Is(err, boom) {
			t.Errorf("err = %v, want boom", err)
		}
	})
}

// TestSignAll checks that SignAll returns every sampled fingerprint of a
// long page (the kept ones among them) and none for a short one.
func TestSignAll(t *testing.T) {
	long := page("a", "en", wire+" "+longText(400))
	s, all := SignAll(long)
	if !Full(&s) || len(all) <= gramsK || !slices.IsSorted(all) {
		t.Fatalf("long page: Full %v, %d fingerprints, sorted %v", Full(&s), len(all), slices.IsSorted(all))
	}
	for _, fp := range s.Grams {
		if _, ok := slices.BinarySearch(all, fp); !ok {
			t.Errorf("kept fingerprint %d not among all", fp)
		}
	}
	if s2, all2 := SignAll(page("b", "en", wire)); Full(&s2) || all2 != nil {
		t.Errorf("short page: Full %v, %d fingerprints", Full(&s2), len(all2))
	}
	if Sign(long) != s {
		t.Error("Sign and SignAll disagree")
	}
}

// longText is n distinct-looking words, deterministic.
func longText(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "w%d ", i*7919%1009)
	}
	return b.String()
}

// BenchmarkContain times the excerpt lookup on a crawl where every page is
// left alone by Group (the worst case: every short page is a probe, every
// long page's list is read): corpus pages, long and short, replicated
// under ids of their own; the copies of short pages get fingerprints of
// their own, so that they are not found in the long pages by replication.
func BenchmarkContain(b *testing.B) {
	pages := corpusPages(b, 300)
	type signed struct {
		sig Sig
		all []uint32
	}
	base := make([]signed, len(pages))
	for i, p := range pages {
		base[i].sig, base[i].all = SignAll(p)
	}
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			ids := make([]string, n)
			sigs := make([]Sig, n)
			stories := make([]string, n)
			for i := range n {
				ids[i] = fmt.Sprint("p", i)
				sigs[i] = base[i%len(base)].sig
				for k, fp := range sigs[i].Grams {
					if fp != 0 && i >= len(base) {
						sigs[i].Grams[k] = fp ^ uint32(i)<<8 // copies of short pages: their own fingerprints
					}
				}
			}
			probes := 0
			for i := range sigs {
				if Probe(&sigs[i]) {
					probes++
				}
			}
			for b.Loop() {
				if _, err := Contain(ids, sigs, stories, func(i int) ([]uint32, error) { return base[i%len(base)].all, nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(probes)/float64(n), "probes/page")
		})
	}
}
