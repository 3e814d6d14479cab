package cluster

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/cespare/xxhash/v2"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

func page(id, lang, text string) *features.Page {
	return &features.Page{ID: id, Lang: lang, Text: text, Sentences: lex.Sentences(text)}
}

// Texts for the table tests: a short wire story, a verbatim copy, a
// rewording (same names and numbers, other words), an unrelated story and a
// Russian translation of the first (numbers and Latin names only in common).
const (
	wire    = "The city council of Springfield voted 7 to 2 on Tuesday to approve a $45 million budget for new schools. Mayor Anna Lopez said construction will begin in March 2024 and finish by 2026. The plan adds 1,200 classroom seats across 3 districts."
	reprint = "The city council of Springfield voted 7 to 2 on Tuesday to approve a $45 million budget for new schools. Mayor Anna Lopez said construction will begin in March 2024 and finish by 2026. The plan adds 1,200 classroom seats across 3 districts. Share this story."
	spun    = "On Tuesday the Springfield city council endorsed, by 7 votes to 2, a budget of $45 million for new schools. Construction will commence in March 2024 and conclude by 2026, Mayor Anna Lopez stated. The scheme adds 1,200 classroom seats in 3 districts."
	other   = "Heavy rain flooded the coastal highway near Port Elgin overnight, closing two lanes. Police advised drivers to avoid the area until the water recedes."
	russian = "Городской совет Springfield проголосовал 7 против 2 во вторник за бюджет в 45 миллионов долларов на новые школы. Мэр Anna Lopez заявила, что строительство начнется в марте 2024 года и завершится к 2026 году. План добавит 1200 мест в 3 районах."
)

func TestSignSize(t *testing.T) {
	if n := unsafe.Sizeof(Sig{}); n > 200 {
		t.Fatalf("Sig is %d bytes, want ≤ 200", n)
	}
}

func TestSignEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    *features.Page
	}{
		{"nil", nil},
		{"empty", &features.Page{}},
		{"punctuation", page("x", "en", "… — !!! ???")},
		{"one word", page("x", "en", "Hello")},
		{"huge", page("x", "en", strings.Repeat("word salad number 42 again. ", 20000))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Sign(tc.p)
			// An empty signature never matches, even itself.
			if tc.name == "nil" || tc.name == "empty" || tc.name == "punctuation" {
				if (Options{}).Match(&s, &s) {
					t.Errorf("empty signature matches itself")
				}
			}
		})
	}
}

func TestGroup(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages []*features.Page
		want  []bool // same cluster as page 0
		peer  []bool // has a peer at all
	}{
		{"reprint", []*features.Page{page("a", "en", wire), page("b", "en", reprint)}, []bool{true, true}, []bool{true, true}},
		{"spun", []*features.Page{page("a", "en", wire), page("b", "en", spun)}, []bool{true, true}, []bool{true, true}},
		{"unrelated", []*features.Page{page("a", "en", wire), page("b", "en", other)}, []bool{true, false}, []bool{false, false}},
		{"foreign", []*features.Page{page("a", "en", wire), page("b", "ru", russian)}, []bool{true, true}, []bool{true, true}},
		{"mixed", []*features.Page{page("a", "en", wire), page("o", "en", other), page("b", "en", spun), page("c", "en", reprint)},
			[]bool{true, false, true, true}, []bool{true, false, true, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids := make([]string, len(tc.pages))
			sigs := make([]Sig, len(tc.pages))
			for i, p := range tc.pages {
				ids[i], sigs[i] = p.ID, Sign(p)
			}
			got := Group(ids, sigs)
			for i := range got {
				if (got[i] != "") != tc.peer[i] {
					t.Errorf("page %d: cluster %q, want peer=%v (%v)", i, got[i], tc.peer[i], got)
				}
				if i > 0 && tc.want[i] && got[i] != got[0] {
					t.Errorf("page %d not with page 0: %v", i, got)
				}
			}
			if again := Group(ids, sigs); fmt.Sprint(again) != fmt.Sprint(got) {
				t.Errorf("unstable: %v then %v", got, again)
			}
		})
	}
}

func TestGroupID(t *testing.T) {
	ids := []string{"first", "second"}
	p := page("x", "en", wire)
	s := Sign(p)
	got := Group(ids, []Sig{s, s})
	if got[0] != got[1] || !strings.HasPrefix(got[0], "s-") || len(got[0]) != 10 {
		t.Fatalf("ids %v", got)
	}
}

// corpusPages reads up to n English documents of the dev corpus (Clough,
// PAN13 sources, WMT English originals), or skips when ../shared is absent.
func corpusPages(tb testing.TB, n int) []*features.Page {
	tb.Helper()
	root := "../../../shared/corpus"
	var pages []*features.Page
	for _, ds := range []string{"clough-stevenson-short-answers", "pan13-text-alignment-noobf", "wmt22-general-mt"} {
		f, err := os.Open(filepath.Join(root, ds, "samples.jsonl"))
		if err != nil {
			tb.Skip("no ../shared/corpus")
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() && len(pages) < n {
			var s struct{ ID, Path, Lang, Granularity string }
			if json.Unmarshal(sc.Bytes(), &s) != nil || s.Path == "" || s.Lang != "en" || s.Granularity != "document" {
				continue
			}
			b, err := os.ReadFile(filepath.Join(root, ds, s.Path))
			if err != nil {
				continue
			}
			pages = append(pages, &features.Page{ID: s.ID, Lang: "en", Text: string(b)})
		}
		f.Close()
	}
	return pages
}

func BenchmarkSign(b *testing.B) {
	pages := corpusPages(b, 500)
	var bytes int
	for _, p := range pages {
		bytes += len(p.Text)
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		Sign(pages[n%len(pages)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(bytes)/float64(len(pages)), "bytes/page")
	b.ReportMetric(float64(unsafe.Sizeof(Sig{})), "sigbytes/page")
}

// synthetic replicates real signatures to n pages: each story is a base
// page with all its sketch values re-drawn (a new, unrelated story), followed
// by 0–4 perturbed copies of it (25% of values changed), so story sizes stay
// the same as the crawl grows.
func synthetic(base []Sig, n int) ([]string, []Sig) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]string, 0, n)
	sigs := make([]Sig, 0, n)
	perturb := func(s Sig, frac float64) Sig {
		for _, vals := range [][]byte{s.Words[:], s.Stems[:], s.Anchors[:], s.Numbers[:]} {
			for i := range len(vals) / 3 * 2 {
				if Value(vals, i) != 0 && rng.Float64() < frac {
					setValue(vals, i, uint16(rng.IntN(4095)+1))
				}
			}
		}
		// Grams: a new story's 8-grams are its own; a copy loses some.
		for i := range s.Grams {
			if s.Grams[i] != 0 && rng.Float64() < frac {
				s.Grams[i] = rng.Uint32() | 1
			}
		}
		k := 0
		for k < len(s.Grams) && s.Grams[k] != 0 {
			k++
		}
		slices.Sort(s.Grams[:k])
		return s
	}
	for len(sigs) < n {
		story := perturb(base[rng.IntN(len(base))], 1)
		copies := rng.IntN(5)
		for c := 0; c <= copies && len(sigs) < n; c++ {
			s := story
			if c > 0 {
				s = perturb(story, 0.25)
			}
			ids = append(ids, fmt.Sprintf("page-%d", len(ids)))
			sigs = append(sigs, s)
		}
	}
	return ids, sigs
}

// BenchmarkGroup groups synthetic crawls of 10k, 100k and 1M signatures
// (the 1M case needs about 300 MB of signatures and about 15 s a run):
// pages/s, index bytes per page and the share of pages clustered.
func BenchmarkGroup(b *testing.B) {
	pages := corpusPages(b, 300)
	base := make([]Sig, len(pages))
	for i, p := range pages {
		base[i] = Sign(p)
	}
	for _, n := range []int{10000, 100000, 1000000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			ids, sigs := synthetic(base, n)
			var clustered int
			for b.Loop() {
				out := Group(ids, sigs)
				clustered = 0
				for _, c := range out {
					if c != "" {
						clustered++
					}
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(indexBytes(sigs, Options{}.matches(sigs)))/float64(n), "indexbytes/page")
			b.ReportMetric(float64(clustered)/float64(n), "clustered/page")
		})
	}
}

// indexBytes is the memory Group holds per crawl beyond its output: the
// signatures, one band key and one order entry a page (reused band after
// band), the Grams bucket entries of one range of fingerprints (8 bytes a
// fingerprint; the largest range) and the match
// lists (a slice header a page, 4 bytes an entry).
func indexBytes(sigs []Sig, adj [][]int32) int {
	n := len(sigs) * (int(unsafe.Sizeof(Sig{})) + 8 + 4 + int(unsafe.Sizeof([]int32{})))
	var part [gramParts]int
	for i := range sigs {
		for _, fp := range sigs[i].Grams {
			if fp != 0 {
				part[fp>>(32-gramPartBits)]++
			}
		}
	}
	n += 8 * slices.Max(part[:]) // the Grams bucket entries of the largest range
	for _, a := range adj {
		n += 4 * cap(a)
	}
	return n
}

// refGroup is Group as first written (a hash map of buckets per band value,
// pages added in input order, each bucket capped at BucketCap pages): the
// reference the band-at-a-time Group must agree with.
func refGroup(o Options, ids []string, sigs []Sig) []string {
	o = o.withDefaults()
	adj := make([][]int32, len(sigs))
	buckets := map[uint64][]int32{}
	var buf [2 + 2*wordsRows]byte
	for i := range sigs {
		seen := map[int32]bool{}
		bucket := func(k uint64) {
			for _, j := range buckets[k] {
				if !seen[j] {
					seen[j] = true
					if o.Match(&sigs[i], &sigs[j]) {
						adj[i] = append(adj[i], j)
						adj[j] = append(adj[j], int32(i))
					}
				}
			}
			if len(buckets[k]) < o.BucketCap {
				buckets[k] = append(buckets[k], int32(i))
			}
		}
		for _, v := range bandViews {
			vals := v.vals(&sigs[i])
			if vals == nil {
				continue
			}
			for b := 0; b+v.rows <= v.size; b += v.rows {
				bucket(bandKey(buf[:], v.id, b, v.rows, vals))
			}
		}
		for _, fp := range sigs[i].Grams {
			if fp != 0 {
				bucket(gramKey(fp))
			}
		}
	}
	for _, a := range adj {
		slices.Sort(a)
	}
	return Names(ids, Stars(adj, nil))
}

// TestGroupMatchesReference checks Group against refGroup on a synthetic
// crawl made from corpus signatures, with a small bucket cap so that
// capped buckets occur.
func TestGroupMatchesReference(t *testing.T) {
	pages := corpusPages(t, 120)
	base := make([]Sig, len(pages))
	for i, p := range pages {
		base[i] = Sign(p)
	}
	ids, sigs := synthetic(base, 3000)
	for _, o := range []Options{{}, {BucketCap: 3}} {
		got, want := o.Group(ids, sigs), refGroup(o, ids, sigs)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("cap %d: page %d: story %q, reference %q", o.BucketCap, i, got[i], want[i])
			}
		}
	}
}

// TestGrams checks the Grams view against its definition: of the
// fingerprints of the 8-grams whose hashStrings value is a multiple of
// gramSample, in text order, the smallest of each of gramsK equal runs.
func TestGrams(t *testing.T) {
	words := strings.Fields(strings.Repeat("the quick brown fox jumps over a lazy dog while seven cats watch ", 40))
	for i := range words {
		words[i] = fmt.Sprint(words[i], i%37) // distinct 8-grams
	}
	var sampled []uint32
	for i := 0; i+gramWords <= len(words); i++ {
		if h := hashStrings(words[i : i+gramWords]...); h%gramSample == 0 {
			sampled = append(sampled, max(uint32(h>>32), 1))
		}
	}
	if len(sampled) < 2*gramsK {
		t.Fatalf("only %d sampled 8-grams; the test needs at least %d", len(sampled), 2*gramsK)
	}
	var want []uint32
	for k := range gramsK {
		want = append(want, slices.Min(sampled[k*len(sampled)/gramsK:(k+1)*len(sampled)/gramsK]))
	}
	slices.Sort(want)
	want = slices.Compact(want)
	hw := make([]uint64, len(words))
	for i, w := range words {
		hw[i] = xxhash.Sum64String(w)
	}
	if got := grams(hw); !slices.Equal(got[:len(want)], want) {
		t.Errorf("grams = %v, want %v", got, want)
	}
	if got := grams(hw[:gramWords-1]); got != [gramsK]uint32{} {
		t.Errorf("grams of %d words = %v, want none", gramWords-1, got)
	}
	a, b := grams(hw), grams(hw[1:])
	if n := sharedGrams(&a, &a); n != len(want) {
		t.Errorf("a text shares %d fingerprints with itself, want %d", n, len(want))
	}
	if n, want := sharedGrams(&a, &b), gramsK/2; n < want {
		// Dropping the first word removes at most one 8-gram (and moves
		// the runs' bounds by at most one).
		t.Errorf("a text shares %d fingerprints with itself less its first word, want at least %d", n, want)
	}
	// A passage as long as two runs holds a whole run of the text, whose
	// smallest fingerprint it keeps too (it has fewer than gramsK
	// sampled 8-grams of its own, or runs shorter than the text's).
	n := len(hw)
	passage := hw[n/3 : n/3+2*n/gramsK+gramWords]
	p := grams(passage)
	if sharedGrams(&a, &p) == 0 {
		t.Errorf("a passage of %d of %d words shares no fingerprint with its text", len(passage), n)
	}
}

// TestGramsMatch checks the Grams rule through Group: a shared 8-gram
// fingerprint joins two pages whose MinHash views are too far apart to
// match, when their stems sketches agree on at least 2 of 32 values.
func TestGramsMatch(t *testing.T) {
	page := gramSig
	tests := []struct {
		name string
		a, b Sig
		want bool
	}{
		{"shared gram, 2 of 32 stems", page(1, 2, 7, 99), page(2, 2, 5, 7), true},
		{"shared gram, 1 of 32 stems", page(1, 1, 7, 99), page(2, 1, 5, 7), false},
		{"no shared gram, 2 of 32 stems", page(1, 2, 8, 99), page(2, 2, 5, 7), false},
		{"no grams", page(1, 2), page(2, 2), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Group([]string{"a", "b"}, []Sig{tt.a, tt.b})
			if joined := got[0] != "" && got[0] == got[1]; joined != tt.want {
				t.Errorf("Group = %q, want joined %v", got, tt.want)
			}
			if m := (Options{}).Match(&tt.a, &tt.b); m != tt.want {
				t.Errorf("Match = %v, want %v", m, tt.want)
			}
		})
	}
}

// gramSig is a test signature in English with the given Grams
// fingerprints, Words and Stems sketches of its own (seed), of which
// Stems values 1 to sameStems are shared with every other gramSig, but no
// whole band of 2 rows is: only a Grams fingerprint makes two of them a
// candidate pair.
func gramSig(seed uint16, sameStems int, grams ...uint32) Sig {
	var s Sig
	s.Lang = [2]byte{'e', 'n'}
	s.NWords, s.NStems, s.NAnchors, s.NNumbers = 100, 100, 0, 0
	for i := range wordsK {
		setValue(s.Words[:], i, seed*1000+uint16(i)+1)
	}
	for i := range stemsK {
		setValue(s.Stems[:], i, seed*1000+uint16(i)+500)
		if i >= 1 && i <= sameStems {
			setValue(s.Stems[:], i, uint16(i)+1)
		}
	}
	copy(s.Grams[:], grams)
	return s
}
