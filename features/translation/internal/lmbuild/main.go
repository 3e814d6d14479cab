// Command lmbuild builds the translation family's English n-gram model
// (english.lm) from English text of the shared development corpus: the
// human-checked article bodies of the Zyte article-extraction benchmark
// (dev split), the main text of the English web-pages-gold pages (as
// spinscan's extractor reads them) and the MRPC news sentences, less the
// MRPC sentences spinscan is evaluated on. The more English text it holds,
// the better it tells machine translations from English originals
// (documents out of fold 0.893 to 0.896 on average when the gold pages
// came in, EVALUATION.md). It reads no translation, human or machine, and
// none of the PAN13, Clough or WMT documents the model is trained and
// measured on: an
// n-gram model that had seen a document would find it unusually fluent, and
// the classifier would learn "fluent" as "in the language model's corpus".
// The MRPC sentences of the training half (testdata/train's
// sentences.jsonl.gz and samestory.jsonl.gz) are in the model, added by
// story (a sentence and the paraphrases the pairs link to it); the model
// scores each of them as the model built without its story would
// (package ngram), so those training rows read as unseen text does. Each
// gold page is a group of its own too, so that the gold crawl, scored in
// the evaluation, and the training crawl's chrome pages, which are gold
// pages with their article replaced, read as unseen text.
//
// Usage (run by go generate in features/translation):
//
//	go run ./internal/lmbuild -corpus ../../../shared/corpus -o english.lm
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/internal/devcorpus"
	"github.com/spinscan/spinscan/features/lex"
	"github.com/spinscan/spinscan/features/translation/internal/ngram"
)

func main() {
	corpus := flag.String("corpus", "../../../shared/corpus", "shared corpus folder")
	out := flag.String("o", "english.lm", "output file")
	flag.Parse()
	if err := run(*corpus, *out); err != nil {
		fmt.Fprintln(os.Stderr, "lmbuild:", err)
		os.Exit(1)
	}
}

func run(corpus, out string) error {
	c := ngram.NewCounter()
	docs := 0
	addText := func(text string) {
		for _, s := range lex.Sentences(text) {
			c.Add(s)
		}
		docs++
	}
	// Zyte article-extraction benchmark: the human-checked article bodies
	// of real news pages (dev split).
	gt, err := os.ReadFile(filepath.Join(corpus, "article-extraction-benchmark/ground-truth.json"))
	if err != nil {
		return err
	}
	var bodies map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(gt, &bodies); err != nil {
		return fmt.Errorf("article-extraction-benchmark ground truth: %w", err)
	}
	keys := make([]string, 0, len(bodies))
	for k := range bodies {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		addText(bodies[k].ArticleBody)
	}
	// web-pages-gold: the main text of the English pages (in the manifest
	// and as spinscan's extractor reads them), one group a page: the
	// gold crawl is scored with these pages in it, and a few of the
	// training crawl's chrome pages still show some of their host's text,
	// so a page's sentences are scored as the model built without that
	// page would score them.
	gold := 0
	err = eachManifest(filepath.Join(corpus, "web-pages-gold/manifest.jsonl"), func(m map[string]any) error {
		if m["lang"] != "en" {
			return nil
		}
		path, _ := m["path"].(string)
		id, _ := m["id"].(string)
		url, _ := m["url"].(string)
		body, err := devcorpus.ReadFile(filepath.Join(corpus, "web-pages-gold", path))
		if err != nil {
			return err
		}
		p, err := extract.Extract(features.Record{ID: id, URL: url, Kind: features.KindHTML, Body: body})
		if err != nil || p.Lang != "en" {
			// No main text, or not English as spinscan reads it (the
			// manifest calls a few Portuguese and Spanish pages English).
			return nil
		}
		c.AddGroup(lex.Sentences(p.Text))
		gold++
		docs++
		return nil
	})
	if err != nil {
		return fmt.Errorf("web-pages-gold: %w", err)
	}
	fmt.Fprintf(os.Stderr, "lmbuild: %d English web-pages-gold pages\n", gold)
	// MRPC: the news sentences (String column of the metadata table),
	// except those spinscan evaluates on: the sentences of the second half
	// of the dev pairs that the first half does not hold
	// (testdata/train/sentences.py writes them for scripts/evaluate.sh). A
	// sentence the language model has seen reads as fluent, and fluent
	// reads as original.
	held, first, err := mrpcSplit(filepath.Join(corpus, "mrpc/msr_paraphrase_train.txt"))
	if err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(corpus, "mrpc/msr_paraphrase_sentence_metadata.tsv"))
	if err != nil {
		return err
	}
	// The others are added by story: the sentences the pairs of the first
	// half link (a sentence and its paraphrases) as one group, which the
	// model leaves out together when it scores one of them (the training
	// crawl holds them beside each other).
	skipped := 0
	text := map[string]string{}
	var ids []string
	for i, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 2 {
			continue
		}
		if held[f[0]] {
			skipped++
			continue
		}
		text[f[0]] = f[1]
		ids = append(ids, f[0])
	}
	groups := linked(ids, first)
	for _, g := range groups {
		var sents []string
		for _, id := range g {
			sents = append(sents, text[id])
		}
		c.AddGroup(sents)
		docs += len(g)
	}
	fmt.Fprintf(os.Stderr, "lmbuild: %d MRPC sentences in %d groups\n", len(ids), len(groups))
	fmt.Fprintf(os.Stderr, "lmbuild: %d MRPC evaluation sentences left out\n", skipped)
	m := c.Model(2, 1, 2)
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	u, bi, tri := m.Sizes()
	fmt.Fprintf(os.Stderr, "lmbuild: %d texts, %d tokens, %d words, %d bigrams, %d trigrams, %d bytes\n", docs, m.Total, u, bi, tri, buf.Len())
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// mrpcSplit returns the ids of the sentences of the second half of the
// MRPC dev pairs (msr_paraphrase_train.txt, in file order) that no pair of
// the first half holds: the sentences spinscan is evaluated on, split as
// testdata/train/sentences.py splits them; and the pairs of the first half.
func mrpcSplit(path string) (map[string]bool, [][2]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var pairs [][2]string
	for i, line := range strings.Split(strings.TrimPrefix(string(b), "\ufeff"), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if i > 0 && len(f) == 5 {
			pairs = append(pairs, [2]string{f[1], f[2]})
		}
	}
	half := len(pairs) / 2
	first := map[string]bool{}
	for _, p := range pairs[:half] {
		first[p[0]], first[p[1]] = true, true
	}
	held := map[string]bool{}
	for _, p := range pairs[half:] {
		for _, id := range p {
			if !first[id] {
				held[id] = true
			}
		}
	}
	return held, pairs[:half], nil
}

// linked groups ids, in their order, by the pairs that link them (the
// connected components), each group in the order of its first id.
func linked(ids []string, pairs [][2]string) [][]string {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for _, p := range pairs {
		a, b := find(p[0]), find(p[1])
		if a != b {
			parent[b] = a
		}
	}
	at := map[string]int{}
	var groups [][]string
	for _, id := range ids {
		r := find(id)
		i, ok := at[r]
		if !ok {
			i = len(groups)
			at[r] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], id)
	}
	return groups
}

func eachManifest(path string, fn func(map[string]any) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return err
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return sc.Err()
}
