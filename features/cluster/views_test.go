package cluster

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/internal/devcorpus"
	"github.com/spinscan/spinscan/features/internal/webgold"
	"github.com/spinscan/spinscan/features/lex"
)

// viewSample is one item of a corpus dataset.
type viewSample = devcorpus.Sample

// readViewSamples reads a dataset's samples by id, or skips.
func readViewSamples(t *testing.T, ds string) map[string]viewSample {
	t.Helper()
	out := map[string]viewSample{}
	for _, s := range devcorpus.Samples(t, ds, "samples.jsonl") {
		out[s.ID] = s
	}
	return out
}

func viewPage(s viewSample) *features.Page {
	return &features.Page{ID: s.ID, Lang: s.Lang, Text: s.Text, Sentences: lex.Sentences(s.Text)}
}

// bandHit reports whether two sketches share at least one whole LSH band.
func bandHit(a, b []byte, rows int) bool {
	if Value(a, 0) == 0 || Value(b, 0) == 0 {
		return false
	}
	for i := 0; i+rows <= len(a)/3*2; i += rows {
		eq := true
		for r := 0; r < rows; r++ {
			eq = eq && Value(a, i+r) == Value(b, i+r)
		}
		if eq {
			return true
		}
	}
	return false
}

// viewCatch says which views make a pair a verified candidate: the pair
// shares a band of the view and the view's similarity reaches its
// threshold (Options defaults); match is what Group decides (a shared band
// of any view, then Match).
func viewCatch(a, b *Sig) (words, stems, anchors, numbers, grams, match bool) {
	o := Options{}.withDefaults()
	s := Compare(a, b)
	f := Foreign(a, b)
	words = !f && bandHit(a.Words[:], b.Words[:], wordsRows) && s.Words >= o.Words
	st := o.stemsThreshold(a, b)
	stems = !f && bandHit(a.Stems[:], b.Stems[:], stemsRows) && s.Stems >= st
	anchors = bandHit(a.Anchors[:], b.Anchors[:], anchorsRows) &&
		(!f && s.Anchors >= o.Anchors && s.Stems >= st/2 || f && s.Anchors >= o.CrossAnchors)
	numbers = f && bandHit(a.Numbers[:], b.Numbers[:], numbersRows) && s.Numbers >= o.Numbers
	grams = !f && s.Grams > 0 && s.Stems >= gramStems
	// What Group does: a candidate in any band, verified by Match.
	cand := bandHit(a.Words[:], b.Words[:], wordsRows) || bandHit(a.Stems[:], b.Stems[:], stemsRows) ||
		bandHit(a.Anchors[:], b.Anchors[:], anchorsRows) || bandHit(a.Numbers[:], b.Numbers[:], numbersRows) ||
		s.Grams > 0
	match = cand && o.Match(a, b)
	return
}

// tally counts pairs and which views catch them.
type tally struct{ n, words, stems, anchors, numbers, grams, any int }

// count adds the pair (a, b) to the tally.
func (tl *tally) count(a, b *Sig) {
	w, s, an, nu, g, m := viewCatch(a, b)
	tl.n++
	for _, x := range []struct {
		ok bool
		c  *int
	}{{w, &tl.words}, {s, &tl.stems}, {an, &tl.anchors}, {nu, &tl.numbers}, {g, &tl.grams}, {m, &tl.any}} {
		if x.ok {
			*x.c++
		}
	}
}

// TestViewRecall measures which signature view catches the gold copy pairs
// (copy, source) of the dev corpus, and how often each view joins pairs
// that are not copies (Clough independent answers and their task's source).
// SPINSCAN_EVAL=1 to run; it reads ../shared/corpus.
func TestViewRecall(t *testing.T) {
	if os.Getenv("SPINSCAN_EVAL") == "" {
		t.Skip("set SPINSCAN_EVAL=1 to run the corpus measurement")
	}
	add := func(tl *tally, a, b viewSample) {
		sa, sb := Sign(viewPage(a)), Sign(viewPage(b))
		tl.count(&sa, &sb)
	}
	groups := map[string]*tally{}
	var order []string
	get := func(k string) *tally {
		if groups[k] == nil {
			groups[k] = &tally{}
			order = append(order, k)
		}
		return groups[k]
	}
	clough := readViewSamples(t, "clough-stevenson-short-answers")
	manifest := map[string]string{}
	if f, err := os.Open("../../../shared/corpus/clough-stevenson-short-answers/manifest.jsonl"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var m struct{ ID, Category, Task string }
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				manifest[m.ID] = m.Category + "|" + m.Task
			}
		}
		f.Close()
	}
	for _, s := range sortedIDs(clough) {
		c := clough[s]
		cat := manifest[c.ID]
		if c.SourceID != "" {
			add(get("clough "+cat[:len(cat)-2]), c, clough[c.SourceID])
		} else if len(cat) > 4 && cat[:4] == "non|" {
			if src, ok := clough["clough:orig_task"+cat[4:]]; ok {
				add(get("clough non vs orig (negatives)"), c, src)
			}
		}
	}
	mt := readViewSamples(t, "mtmpc-pan10-sentence-paraphrase")
	n := 0
	for _, id := range sortedIDs(mt) {
		s := mt[id]
		if s.SourceID == "" || n >= 2000 {
			continue
		}
		if src, ok := mt[s.SourceID]; ok {
			add(get("mtmpc sentence rewrites"), s, src)
			n++
		}
	}
	pan := readViewSamples(t, "pan13-text-alignment-noobf")
	var excerpts tally // Group and Contain
	seenPAN := map[string]bool{}
	for _, id := range sortedIDs(pan) {
		// A verbatim passage ("pan13:case:sNNNNN:rMMMMM:OFFSET:copy") and
		// the whole source document it was cut from, as in training.
		parts := strings.Split(id, ":")
		if len(parts) != 6 || parts[5] != "copy" {
			continue
		}
		src, ok := pan["pan13:source-document"+strings.TrimPrefix(parts[3], "r")]
		if !ok {
			continue
		}
		add(get("pan13 copy passage vs source document"), pan[id], src)
		// Group, then the excerpt lookup, on the pair alone.
		pp, ps := viewPage(pan[id]), viewPage(src)
		sigs := []Sig{Sign(ps), Sign(pp)}
		stories, err := Contain([]string{"src", "copy"}, sigs, Group([]string{"src", "copy"}, sigs),
			func(int) ([]uint32, error) { _, all := SignAll(ps); return all, nil })
		if err != nil {
			t.Fatal(err)
		}
		excerpts.n++
		if stories[1] != "" {
			excerpts.any++
		}
		// The whole suspicious document holding the passage, once a pair.
		susp, ok := pan["pan13:suspicious-document"+strings.TrimPrefix(parts[2], "s")]
		if pair := susp.ID + "|" + src.ID; ok && !seenPAN[pair] {
			seenPAN[pair] = true
			add(get("pan13 suspicious document vs source document"), susp, src)
		}
	}
	for _, ds := range []string{"wmt22-general-mt", "wmt23-general-mt"} {
		w := readViewSamples(t, ds)
		for _, id := range sortedIDs(w) {
			s := w[id]
			if s.SourceID == "" {
				continue
			}
			src, ok := w[s.SourceID]
			if !ok {
				continue
			}
			kind := "MT"
			if s.Label == nil {
				kind = "human"
			}
			add(get("wmt "+kind+" translation vs foreign source"), s, src)
		}
	}
	// Unrelated real pages: every pair of web-pages-gold pages (different
	// sites and stories) that any view joins is a false match.
	gold := goldSigs(t)
	neg := get("web-pages-gold unrelated page pairs (negatives)")
	for i := range gold {
		for j := i + 1; j < len(gold); j++ {
			neg.count(&gold[i], &gold[j])
		}
	}
	ids := make([]string, len(gold))
	for i := range ids {
		ids[i] = fmt.Sprint(i)
	}
	sizes := map[string]int{}
	largest := 0
	for _, c := range Group(ids, gold) {
		if c != "" {
			sizes[c]++
			largest = max(largest, sizes[c])
		}
	}
	t.Logf("web-pages-gold: %d pages, %d in clusters, largest cluster %d", len(gold), sum(sizes), largest)
	t.Logf("pan13 copy passage vs source document, clustered with the excerpt lookup (Contain): %d of %d", excerpts.any, excerpts.n)
	for _, k := range order {
		tl := groups[k]
		pct := func(x int) string { return fmt.Sprintf("%5.1f%%", 100*float64(x)/float64(max(1, tl.n))) }
		t.Logf("%-42s pairs=%5d words=%s stems=%s anchors=%s numbers=%s grams=%s any=%s (%d)",
			k, tl.n, pct(tl.words), pct(tl.stems), pct(tl.anchors), pct(tl.numbers), pct(tl.grams), pct(tl.any), tl.any)
	}
}

// goldSigs signs the web-pages-gold pages as the engine does (extraction
// first).
func goldSigs(t *testing.T) []Sig {
	var out []Sig
	for _, g := range webgold.Manifest(t) {
		if pg, err := g.Extract(); err == nil {
			out = append(out, Sign(pg))
		}
	}
	return out
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func sortedIDs(m map[string]viewSample) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
