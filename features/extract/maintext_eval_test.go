package extract_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/markusmobius/go-trafilatura"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/internal/devcorpus"
	"github.com/spinscan/spinscan/features/internal/jsonl"
	"github.com/spinscan/spinscan/features/internal/webgold"
)

// shingleScore is one page's share of true positive, false positive and
// false negative word 4-gram shingles, normalised to sum to 1 (so a long
// page weighs as much as a short one): the measure of the Zyte/ScrapingHub
// article-extraction benchmark's evaluate.py.
type shingleScore struct{ tp, fp, fn float64 }

var wordRE = regexp.MustCompile(`\w+`)

// shingles counts the word 4-grams of s (one shingle of all its words when
// it has fewer than four).
func shingles(s string) map[string]int {
	words := wordRE.FindAllString(s, -1)
	out := map[string]int{}
	for i := 0; i < max(1, len(words)-3); i++ {
		if len(words) == 0 {
			break
		}
		key := ""
		for _, w := range words[i:min(len(words), i+4)] {
			key += w + "\x00"
		}
		out[key]++
	}
	return out
}

func score(gold, got string) shingleScore {
	g, p := shingles(gold), shingles(got)
	var s shingleScore
	for k, n := range g {
		m := p[k]
		s.tp += float64(min(n, m))
		s.fn += float64(max(0, n-m))
	}
	for k, m := range p {
		s.fp += float64(max(0, m-g[k]))
	}
	if t := s.tp + s.fp + s.fn; t > 0 {
		s.tp, s.fp, s.fn = s.tp/t, s.fp/t, s.fn/t
	}
	return s
}

// summary is the benchmark's precision and recall (means over the pages
// where each is defined) and F1 of the two means.
func summary(ss []shingleScore) (prec, rec, f1 float64) {
	// share is the mean over the pages where hit+miss > 0 of hit/(hit+miss),
	// a page with neither false positives nor false negatives counting 1.
	share := func(miss func(shingleScore) float64) float64 {
		sum, n := 0.0, 0
		for _, s := range ss {
			if m := miss(s); s.tp+m > 0 {
				n++
				if s.fp == 0 && s.fn == 0 {
					sum++
				} else {
					sum += s.tp / (s.tp + m)
				}
			}
		}
		return sum / float64(max(n, 1))
	}
	prec = share(func(s shingleScore) float64 { return s.fp })
	rec = share(func(s shingleScore) float64 { return s.fn })
	if prec+rec > 0 {
		f1 = 2 * prec * rec / (prec + rec)
	}
	return prec, rec, f1
}

func TestShingleScore(t *testing.T) {
	for _, tc := range []struct {
		gold, got  string
		tp, fp, fn float64
	}{
		{"a b c d e", "a b c d e", 1, 0, 0},
		{"a b c d e", "", 0, 0, 1},
		{"a b c d e", "a b c d e f", 2.0 / 3, 1.0 / 3, 0},
		{"a b c d e", "x a b c d", 1.0 / 3, 1.0 / 3, 1.0 / 3},
	} {
		s := score(tc.gold, tc.got)
		if d := max(s.tp-tc.tp, tc.tp-s.tp, s.fp-tc.fp, tc.fp-s.fp, s.fn-tc.fn, tc.fn-s.fn); d > 1e-12 {
			t.Errorf("score(%q, %q) = %+v, want %v %v %v", tc.gold, tc.got, s, tc.tp, tc.fp, tc.fn)
		}
	}
}

// TestMainTextAccuracy measures the main text spinscan extracts against
// the hand-checked article bodies of the article-extraction benchmark's
// dev pages (../shared/corpus/article-extraction-benchmark), with the
// benchmark's own measure, beside go-trafilatura run alone on the same
// pages in a few settings.
func TestMainTextAccuracy(t *testing.T) {
	if os.Getenv("SPINSCAN_EVAL") == "" {
		t.Skip("set SPINSCAN_EVAL=1 to run the corpus measurement")
	}
	dir := filepath.Join(devcorpus.Dir(), "article-extraction-benchmark")
	type item struct {
		ID, Path, URL, Sha256 string
	}
	items := jsonl.Read[item](t, filepath.Join(dir, "manifest.jsonl"))
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Skip(err)
	}
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	settings := []struct {
		name string
		opts trafilatura.Options
	}{
		{"go-trafilatura alone, Balanced", trafilatura.Options{Focus: trafilatura.Balanced}},
		{"go-trafilatura alone, FavorRecall", trafilatura.Options{Focus: trafilatura.FavorRecall}},
		{"go-trafilatura alone, FavorPrecision", trafilatura.Options{Focus: trafilatura.FavorPrecision}},
		{"go-trafilatura alone, Balanced with fallback", trafilatura.Options{Focus: trafilatura.Balanced, EnableFallback: true}},
	}
	ours := []shingleScore{}
	theirs := make([][]shingleScore, len(settings))
	for _, it := range items {
		g, ok := gold[it.Sha256]
		if !ok {
			continue
		}
		body, err := devcorpus.ReadFile(filepath.Join(dir, it.Path))
		if err != nil {
			t.Fatal(err)
		}
		text := ""
		if p, err := extract.Extract(features.Record{ID: it.ID, URL: it.URL, Kind: features.KindHTML, Body: body}); err == nil {
			text = p.Text
		}
		s := score(g.ArticleBody, text)
		ours = append(ours, s)
		if os.Getenv("SPINSCAN_EVAL") == "v" {
			t.Logf("%s tp %.2f fp %.2f fn %.2f", it.ID, s.tp, s.fp, s.fn)
		}
		u, _ := url.Parse(it.URL)
		for i, st := range settings {
			o := st.opts
			o.OriginalURL = u
			got := ""
			if res, err := trafilatura.Extract(bytes.NewReader(body), o); err == nil && res != nil {
				got = res.ContentText
			}
			theirs[i] = append(theirs[i], score(g.ArticleBody, got))
		}
	}
	p, r, f := summary(ours)
	t.Logf("%d pages", len(ours))
	t.Logf("%-46s precision %.3f recall %.3f F1 %.3f", "spinscan (extract.Extract)", p, r, f)
	for i, st := range settings {
		p, r, f := summary(theirs[i])
		t.Logf("%-46s precision %.3f recall %.3f F1 %.3f", st.name, p, r, f)
	}
}

// TestMainTextSnippets measures the main text against go-trafilatura's own
// evaluation snippets in web-pages-gold: text that must be in the main
// text ("with") and chrome that must not ("without"), beside go-trafilatura
// run alone on the same pages.
func TestMainTextSnippets(t *testing.T) {
	type counts struct{ tp, fn, fp, tn int }
	tally := func(c *counts, text string, with, without []string) {
		text = collapse(text)
		for _, s := range with {
			if strings.Contains(text, collapse(s)) {
				c.tp++
			} else {
				c.fn++
			}
		}
		for _, s := range without {
			if strings.Contains(text, collapse(s)) {
				c.fp++
			} else {
				c.tn++
			}
		}
	}
	var ours, alone counts
	pages := 0
	for _, it := range webgold.Measure(t) {
		tr := it.Gold.Trafilatura
		if tr == nil || len(tr.With)+len(tr.Without) == 0 {
			continue
		}
		pages++
		text := ""
		if p, err := it.Extract(); err == nil {
			text = p.Text
		}
		tally(&ours, text, tr.With, tr.Without)
		body, err := it.Body()
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(it.URL)
		got := ""
		if res, err := trafilatura.Extract(bytes.NewReader(body), trafilatura.Options{Focus: trafilatura.Balanced, OriginalURL: u}); err == nil && res != nil {
			got = res.ContentText
		}
		tally(&alone, got, tr.With, tr.Without)
	}
	t.Logf("%d pages with snippets", pages)
	for _, r := range []struct {
		name string
		c    counts
	}{{"spinscan (extract.Extract)", ours}, {"go-trafilatura alone, Balanced", alone}} {
		c := r.c
		prec := float64(c.tp) / float64(c.tp+c.fp)
		rec := float64(c.tp) / float64(c.tp+c.fn)
		acc := float64(c.tp+c.tn) / float64(c.tp+c.tn+c.fp+c.fn)
		t.Logf("%-32s main-text snippets found %d of %d, chrome snippets kept %d of %d: precision %.3f recall %.3f accuracy %.3f F1 %.3f",
			r.name, c.tp, c.tp+c.fn, c.fp, c.fp+c.tn, prec, rec, acc, 2*prec*rec/(prec+rec))
	}
}

// collapse folds runs of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
