// Command lmbuild builds the translation family's English n-gram model
// (english.lm) from English news text of the shared development corpus that
// is in no training or evaluation sample: the human-checked article bodies
// of the Zyte article-extraction benchmark (dev split) and the MRPC news
// sentences. It reads no translation, human or machine, and none of the
// PAN13, Clough or WMT documents the model is trained and measured on: an
// n-gram model that had seen a document would find it unusually fluent, and
// the classifier would learn "fluent" as "in the language model's corpus".
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
	// MRPC: the news sentences (String column of the metadata table).
	b, err := os.ReadFile(filepath.Join(corpus, "mrpc/msr_paraphrase_sentence_metadata.tsv"))
	if err != nil {
		return err
	}
	for i, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 2 {
			continue
		}
		c.Add(f[1])
		docs++
	}
	m := c.Model(2, 1, 2)
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	u, bi, tri := m.Sizes()
	fmt.Fprintf(os.Stderr, "lmbuild: %d texts, %d tokens, %d words, %d bigrams, %d trigrams, %d bytes\n", docs, m.Total, u, bi, tri, buf.Len())
	return os.WriteFile(out, buf.Bytes(), 0o644)
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
