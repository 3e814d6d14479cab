// Command lmbuild builds the translation family's English n-gram model
// (english.lm) from English-original text of the shared development corpus:
// PAN13 source and suspicious documents (ClueWeb09 English web pages),
// Clough & Stevenson originals (answers written from the writers' own
// knowledge) and the MRPC news sentences. It reads no translation, human or
// machine, and none of the WMT English-original documents, so no document
// the family is measured on is in the model.
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
	// PAN13 documents: every source and suspicious document.
	for _, sub := range []string{"src", "susp"} {
		files, err := filepath.Glob(filepath.Join(corpus, "pan13-text-alignment-noobf/docs", sub, "*.txt"))
		if err != nil || len(files) == 0 {
			return fmt.Errorf("pan13 %s: no documents (%v)", sub, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			addText(string(b))
		}
	}
	// Clough & Stevenson: the originals only (label "original").
	if err := eachManifest(filepath.Join(corpus, "clough-stevenson-short-answers/manifest.jsonl"), func(m map[string]any) error {
		if m["label"] != "original" {
			return nil
		}
		b, err := os.ReadFile(filepath.Join(corpus, "clough-stevenson-short-answers", m["path"].(string)))
		if err != nil {
			return err
		}
		addText(string(b))
		return nil
	}); err != nil {
		return err
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
