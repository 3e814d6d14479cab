package crawl

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// genBad regenerates the committed files of ../../testdata/bad from
// ../../../shared (go test ./features/crawl -run TestGenerateBad -gen-bad).
var genBad = flag.Bool("gen-bad", false, "regenerate ../../testdata/bad")

const (
	badDir    = "../../testdata/bad"
	sharedDir = "../../../shared"
)

func TestGenerateBad(t *testing.T) {
	if !*genBad {
		t.Skip("run with -gen-bad to regenerate testdata/bad")
	}
	corpus := filepath.Join(sharedDir, "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("shared corpus absent")
	}
	write := func(name string, b []byte) {
		t.Helper()
		if len(b) > 200<<10 {
			t.Fatalf("%s: %d bytes, over the 200 KB budget", name, len(b))
		}
		if err := os.WriteFile(filepath.Join(badDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if err := os.MkdirAll(badDir, 0o755); err != nil {
		t.Fatal(err)
	}

	// A real small page: example.com from the warcio fixture.
	page := exampleHTML(t)

	// Binary junk named .html.
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	write("binary-junk.html", junk)

	// Invalid UTF-8 in saved text: a seed paragraph with broken sequences.
	seed := must(os.ReadFile(filepath.Join(sharedDir, "seeds", "004_6512205255edc4fc.txt")))
	lines := bytes.SplitN(seed, []byte("\n"), 12)
	var inv bytes.Buffer
	for i, l := range lines[:11] {
		inv.Write(l)
		switch i % 4 {
		case 0:
			inv.WriteString(" \xff\xfe")
		case 1:
			inv.WriteString(" caf\xc3") // cut two-byte sequence
		case 2:
			inv.WriteString(" \xc0\xaf\x80") // overlong, lone continuation
		case 3:
			inv.WriteString(" \xed\xa0\x80") // UTF-16 surrogate
		}
		inv.WriteString("\n")
	}
	write("invalid-utf8.txt", inv.Bytes())

	write("empty.html", nil)
	write("empty.txt", nil)

	// A gzip-compressed page cut in the middle.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	write("truncated.html.gz", gz.Bytes()[:gz.Len()/2])

	// A WARC whose Content-Lengths lie: record 2 claims 300 bytes too many
	// (it overruns into record 3), record 4 claims 40 too few.
	var lie bytes.Buffer
	for i, delta := range []int{0, +300, 0, -40, 0} {
		rec := plainRecord(fmt.Sprintf("http://example.com/%d", i+1), page, delta)
		lie.Write(rec)
	}
	write("lying-length.warc", lie.Bytes())

	// WARCs cut in the middle of their third record.
	var plain bytes.Buffer
	for i := range 3 {
		plain.Write(plainRecord(fmt.Sprintf("http://example.com/%d", i+1), page, 0))
	}
	write("cut-mid-record.warc", plain.Bytes()[:plain.Len()-len(page)/2])
	var perRecord bytes.Buffer
	ww := NewWARCWriter(&perRecord)
	at := time.Date(2023, 10, 17, 8, 0, 0, 0, time.UTC)
	for i := range 3 {
		if err := ww.Write(fmt.Sprintf("http://example.com/%d", i+1), at, "text/html; charset=utf-8", page); err != nil {
			t.Fatal(err)
		}
	}
	write("cut-mid-record.warc.gz", perRecord.Bytes()[:perRecord.Len()-200])

	// JSONL with broken lines between good ones.
	write("broken-lines.jsonl", []byte(strings.Join([]string{
		`{"id":"good-1","url":"http://example.com/1","html":"<html><body><p>One.</p></body></html>","date":"2023-10-17"}`,
		`{"id":"broken-1","url":"http://example.com/2","html":"<p>unterminated}`,
		`{"id":"good-2","text":"Saved text.\nSecond block."}`,
		`not json at all`,
		`{"id":"no-body","url":"http://example.com/3"}`,
		``,
		`{"id":"both","html":"<p>x</p>","text":"x"}`,
		`{"url":"http://example.com/4","text":"No id: named file:line."}`,
		`{"id":42,"text":"A numeric id."}`,
		`["an","array"]`,
		`{"id":"good-3","html":"<p>Last good line.</p>"}`,
		`{"id":"cut","html":"<p>the file ends inside this li`,
	}, "\n")))

	// Gzip bombs: 32 MiB of spaces in a few dozen KB.
	spaces := bytes.Repeat([]byte(" "), 32<<20)
	var bomb bytes.Buffer
	zw = gzip.NewWriter(&bomb)
	zw.Write([]byte("<html><body>"))
	zw.Write(spaces)
	zw.Close()
	write("bomb.html.gz", bomb.Bytes())
	var bombWARC bytes.Buffer
	ww = NewWARCWriter(&bombWARC)
	ww.Write("http://example.com/small", at, "text/html", page)
	ww.Write("http://example.com/bomb", at, "text/html", append([]byte("<html><body>"), spaces...))
	ww.Write("http://example.com/after", at, "text/html", page)
	write("bomb.warc.gz", bombWARC.Bytes())

	// Legacy charsets.
	wmt := filepath.Join(corpus, "wmt22-general-mt", "docs")
	ru := string(must(os.ReadFile(filepath.Join(wmt, "ru-en", "belta.by.15641", "src.ru.txt"))))
	ja := string(must(os.ReadFile(filepath.Join(wmt, "ja-en", "hokkaido_shimbun-ja.30970", "src.ja.txt"))))
	fr := frenchText(t, filepath.Join(corpus, "web-pages-gold", "pages", "61d1785441a8f850.html.gz"))
	enc := func(e encoding.Encoding, s string) []byte {
		t.Helper()
		b, err := encoding.ReplaceUnsupported(e.NewEncoder()).Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	htmlPage := func(charset, title, text string) string {
		meta := ""
		if charset != "" {
			meta = fmt.Sprintf("<meta charset=\"%s\">\n", charset)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head>\n%s<title>%s</title>\n</head><body>\n<article>\n", meta, html.EscapeString(title))
		for _, p := range strings.Split(text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
			}
		}
		b.WriteString("</article>\n</body></html>\n")
		return b.String()
	}
	ruText := sentencesToLines(ru)
	jaText := strings.ReplaceAll(ja, "。", "。\n")
	write("cp1251-declared.html", enc(charmap.Windows1251, htmlPage("windows-1251", firstLine(ruText), ruText)))
	write("cp1251-undeclared.html", enc(charmap.Windows1251, htmlPage("", firstLine(ruText), ruText)))
	write("sjis-declared.html", enc(japanese.ShiftJIS, htmlPage("Shift_JIS", firstLine(jaText), jaText)))
	write("sjis-undeclared.txt", enc(japanese.ShiftJIS, jaText))
	write("latin1-declared.html", enc(charmap.ISO8859_1, htmlPage("iso-8859-1", firstLine(fr), fr)))
	write("latin1-undeclared.txt", enc(charmap.ISO8859_1, fr))
}

// exampleHTML is the decoded example.com page of the warcio fixture.
func exampleHTML(t *testing.T) []byte {
	t.Helper()
	f, err := os.Open("testdata/warc/example.warc.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, _ := readAll(t, f, "example.warc.gz", Options{})
	for _, r := range recs {
		if r.Err == nil {
			return r.Body
		}
	}
	t.Fatal("no page in example.warc.gz")
	return nil
}

// plainRecord is an uncompressed WARC response record for body whose
// Content-Length is off by delta.
func plainRecord(url string, body []byte, delta int) []byte {
	httpPart := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body))
	n := len(httpPart) + len(body)
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2023-10-17T08:00:00Z\r\n", url)
	fmt.Fprintf(&b, "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", n+delta)
	b.WriteString(httpPart)
	b.Write(body)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// frenchText collects the paragraphs of a French news page.
func frenchText(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(zr)
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	var text func(n *html.Node, b *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "p" {
			var b strings.Builder
			text(n, &b)
			if p := strings.Join(strings.Fields(b.String()), " "); len(p) > 80 {
				paras = append(paras, p)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	s := strings.Join(paras, "\n")
	return strings.NewReplacer("’", "'", "‘", "'", "“", "«", "”", "»", "…", "...", "–", "-", "—", "-").Replace(s)
}

func sentencesToLines(s string) string {
	return strings.ReplaceAll(s, ". ", ".\n")
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
