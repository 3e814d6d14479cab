// Command gencrawl writes a synthetic crawl as a .warc.gz for spinscan's
// benchmarks: real HTML pages (a folder such as the web-pages-gold corpus)
// replicated with perturbations so that story clusters form.
//
// With -n 0 the source pages are packed as they are (one record each).
// Otherwise n records are written: record i is a copy of source page
// (i/copies) mod len(sources), rewritten for story variant i/copies (every
// run of letters of three bytes or more gets a variant-specific tag, so
// variants of one source page do not cluster together) and perturbed per
// copy (a few words dropped, a line added), so each story has about
// -copies near-duplicate members.
//
// With -words N each source page is first cut to a small HTML page of the
// first N words of its prose, one paragraph per text block: a light
// crawl whose records cost little to extract and score, for measuring what
// grows with the number of records (the signature index, clustering, the
// spill store, pass two) at a million records in minutes instead of hours.
//
// With -urls MANIFEST (a JSONL file of objects with path and url, such as
// the web-pages-gold manifest) and -n 0, each page keeps the address it was
// saved from, as a crawl would have it, instead of a made-up one: a page's
// address can carry its date and names its site.
//
// Usage:
//
//	go run ./scripts/bench/gencrawl -src DIR -n 10000 -o /tmp/crawl-10k.warc.gz
//	go run ./scripts/bench/gencrawl -src DIR -urls DIR/../manifest.jsonl -o /tmp/gold-urls.warc.gz
//	go run ./scripts/bench/gencrawl -src DIR -n 1000000 -words 120 -o /tmp/lite-1m.warc.gz
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/extract"
	"golang.org/x/net/html"
)

var textRun = regexp.MustCompile(`>[^<]+<`)

func main() {
	src := flag.String("src", "../shared/corpus/web-pages-gold/pages", "folder of source HTML pages")
	n := flag.Int("n", 0, "records to write (0: the source pages as they are)")
	copies := flag.Int("copies", 5, "copies per story variant")
	words := flag.Int("words", 0, "cut each source page to its first `N` words of prose (0: whole pages)")
	out := flag.String("o", "", "output .warc.gz")
	urls := flag.String("urls", "", "JSONL `manifest` of path and url: with -n 0, each page's own address")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencrawl: -o is required")
		os.Exit(2)
	}
	var srcs []features.Record
	if _, err := crawl.Read(context.Background(), []string{*src}, nil, crawl.Options{}, func(r features.Record) error {
		if r.Err == nil && r.Kind == features.KindHTML {
			srcs = append(srcs, r)
		}
		return nil
	}); err != nil || len(srcs) == 0 {
		fmt.Fprintln(os.Stderr, "gencrawl: reading sources:", err, len(srcs))
		os.Exit(1)
	}
	if *words > 0 {
		for i := range srcs {
			srcs[i].Body = cut(srcs[i].Body, *words)
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencrawl:", err)
		os.Exit(1)
	}
	w := crawl.NewWARCWriter(f) // one gzip member per record
	fetched := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	write := func(url string, body []byte) {
		if err := w.Write(url, fetched, "text/html", body); err != nil {
			fmt.Fprintln(os.Stderr, "gencrawl:", err)
			os.Exit(1)
		}
	}
	addr, err := addresses(*urls)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencrawl:", err)
		os.Exit(1)
	}
	if *n == 0 {
		for _, r := range srcs {
			url := r.URL
			if u, ok := addr[path.Base(r.ID)]; ok {
				url = u
			}
			if url == "" {
				url = "https://gold.example/" + r.ID
			}
			write(url, r.Body)
		}
	} else {
		for i := 0; i < *n; i++ {
			variant := i / *copies
			s := srcs[variant%len(srcs)]
			rng := rand.New(rand.NewPCG(uint64(variant), uint64(i)))
			body := perturb(string(s.Body), variant, rng)
			write(fmt.Sprintf("https://site%d.example/story/%d/%d", i%997, variant, i), []byte(body))
		}
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "gencrawl:", err)
		os.Exit(1)
	}
}

// addresses reads a manifest of path and url into a map from the file
// name of each path to its url; an empty name gives an empty map.
func addresses(name string) (map[string]string, error) {
	out := map[string]string{}
	if name == "" {
		return out, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var m struct{ Path, URL string }
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, i+1, err)
		}
		if m.Path != "" && m.URL != "" {
			out[path.Base(m.Path)] = m.URL
		}
	}
	return out, nil
}

// variantWord rewrites a word for a story variant: every run of letters
// in it of three bytes or more gets the variant's tag, so two variants of
// one source page share only short words and numbers (too little for a
// same-language signature view to join them) while the copies of one
// variant share nearly everything. The tag goes after each run of letters,
// not after the word: after "day," it would be a token of its own, and in
// Thai or Devanagari text, where vowel signs split the letters into
// several tokens, it would change only the last of them (variants of such
// pages then clustered together, and their stories grew with the crawl).
// Numbers are kept: shifting them leaves dates no date parser can read,
// and go-htmldate then falls back to a search several times slower than on
// any real page.
func variantWord(w, tag string) string {
	var b strings.Builder
	start := -1
	for i, r := range w + " " {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			b.WriteString(w[start:i])
			if i-start >= 3 {
				b.WriteString(tag)
			}
			start = -1
		}
		if i < len(w) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// perturb rewrites the text runs of an HTML page for a story variant and a
// copy: its words get the variant's tag (variantWord) and each copy drops
// about 2% of the words at random and gains one line.
func perturb(html string, variant int, rng *rand.Rand) string {
	tag := "x" + strconv.FormatInt(int64(variant), 36)
	out := textRun.ReplaceAllStringFunc(html, func(run string) string {
		words := strings.Fields(run[1 : len(run)-1])
		if len(words) == 0 {
			return run
		}
		var b strings.Builder
		b.WriteByte('>')
		for k, w := range words {
			if rng.IntN(100) < 2 { // copy noise: drop a word
				continue
			}
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(variantWord(w, tag))
		}
		b.WriteString(" <")
		return b.String()
	})
	line := fmt.Sprintf("<p>Copy note %d.</p></body>", rng.IntN(1_000_000))
	if i := strings.LastIndex(out, "</body>"); i >= 0 {
		return out[:i] + line + out[i+len("</body>"):]
	}
	return out + line
}

// cut returns a small HTML page holding the first n words of the prose of
// page's visible text (blocks of ten words or more, so mostly the article
// rather than its menus), a paragraph per block.
func cut(page []byte, n int) []byte {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return page
	}
	var b strings.Builder
	b.WriteString("<html><body>")
	for _, line := range strings.Split(extract.VisibleText(doc), "\n") {
		ws := strings.Fields(line)
		if len(ws) < 10 {
			continue // menus, bylines, captions
		}
		ws = ws[:min(len(ws), n)]
		n -= len(ws)
		b.WriteString("<p>" + html.EscapeString(strings.Join(ws, " ")) + "</p>")
		if n == 0 {
			break
		}
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}
