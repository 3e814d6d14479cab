// Package extract turns a crawl record into a features.Page: the main text,
// comments, title, dates, language and site chrome of one page.
//
// HTML pages are decoded (declared charset, then byte-level detection with
// github.com/gogs/chardet when nothing is declared), parsed once with
// golang.org/x/net/html, and handed to go-trafilatura, which finds the main
// text, the comment section and the metadata (running go-htmldate inside for
// the publication date). Saved-text pages, like the seeds, are segmented
// into the article body and the rest of the page (see Segment).
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	tiedlang "github.com/RadhiFadlillah/whatlanggo"
	"github.com/abadojack/whatlanggo"
	"github.com/gogs/chardet"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/comments"
	"github.com/spinscan/spinscan/features/dates"
	"github.com/spinscan/spinscan/features/faq"
	"github.com/spinscan/spinscan/features/internal/htmltext"
	"github.com/spinscan/spinscan/features/lex"
)

// ErrNoText is returned for a page in which no main text was found.
var ErrNoText = errors.New("no main text found")

// Extract reads one record into a Page. The error names what was wrong
// (undecodable charset, unparseable HTML, no text); the caller prefixes the
// stage and record id.
func Extract(rec features.Record) (*features.Page, error) {
	if rec.Err != nil {
		return nil, rec.Err
	}
	if len(bytes.TrimSpace(rec.Body)) == 0 {
		return nil, fmt.Errorf("empty page")
	}
	if looksBinary(rec.Body) {
		return nil, fmt.Errorf("binary content, not a page (%d bytes)", len(rec.Body))
	}
	body, err := Decode(rec.Body, rec.ContentType)
	if err != nil {
		return nil, err
	}
	p := &features.Page{
		ID:      rec.ID,
		URL:     rec.URL,
		Domain:  Domain(rec.URL),
		Kind:    rec.Kind,
		Fetched: rec.Fetched,
	}
	var doc *html.Node
	switch rec.Kind {
	case features.KindText:
		fromText(p, body)
	default:
		if doc, err = fromHTML(p, body); err != nil {
			return nil, err
		}
	}
	if d, ok := ParseDate(rec.Date); ok {
		p.Claimed = append([]time.Time{d}, p.Claimed...)
	}
	if len(p.Claimed) > 0 {
		p.Published = p.Claimed[0]
	}
	if strings.TrimSpace(p.Text) == "" {
		return nil, ErrNoText
	}
	p.Paragraphs = splitLines(p.Text)
	p.Sentences = lex.Sentences(p.Text)
	if p.Lang == "" {
		p.Lang = Language(p.Text)
	}
	p.Comments = comments.Parse(p, doc)
	// The date vote of the dates family, not only the first claimed date:
	// a text page's visible stamp then dates it for its peers (the
	// direction of two copies of one text is in their dates).
	dates.Settle(p)
	return p, nil
}

// looksBinary reports whether b holds the control bytes of binary data (an
// image or archive named .html, say): over 5% of its first 4 KiB, where
// random bytes have about 10% and text next to none.
func looksBinary(b []byte) bool {
	if len(b) > 4096 {
		b = b[:4096]
	}
	ctl := 0
	for _, c := range b {
		if c == 0 || (c < 0x09) || (c > 0x0d && c < 0x20) {
			ctl++
		}
	}
	return ctl*20 > len(b)
}

// Decode converts b to UTF-8: a byte-order mark or the charset in
// contentType wins, then a <meta> declaration; with none, valid UTF-8 is
// taken as is and anything else goes through charset detection.
func Decode(b []byte, contentType string) (string, error) {
	enc, name, certain := charset.DetermineEncoding(b, contentType)
	if !certain && name == "windows-1252" {
		// Nothing was declared (DetermineEncoding falls back to
		// windows-1252 after looking at 1 KiB only).
		if utf8.Valid(b) {
			return string(b), nil
		}
		if mostlyUTF8(b) {
			// UTF-8 with a few broken sequences (a cut or corrupted
			// page): repair those rather than misread the whole page.
			return strings.ToValidUTF8(string(b), "\uFFFD"), nil
		}
		if e := detect(b); e != nil {
			enc = e
		}
	}
	if enc == encoding.Nop || name == "utf-8" {
		if utf8.Valid(b) {
			return string(b), nil
		}
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("charset %s: %w", name, err)
	}
	return string(out), nil
}

// mostlyUTF8 reports whether b, which is not valid UTF-8, still reads as
// UTF-8 with some broken bytes: at least as many of its non-ASCII bytes
// belong to valid UTF-8 sequences as not. Text in a legacy charset rarely
// forms valid UTF-8 sequences (none of the legacy-charset pages of the
// web-pages-gold corpus does; see TestMostlyUTF8Corpus).
func mostlyUTF8(b []byte) bool {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	good, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
			i++
			continue
		}
		good += n
		i += n
	}
	return good > 0 && good >= bad
}

// detect guesses the encoding of undeclared non-UTF-8 bytes.
func detect(b []byte) encoding.Encoding {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	r, err := chardet.NewTextDetector().DetectBest(b)
	if err != nil || r.Confidence < 30 {
		return nil
	}
	e, err := htmlindex.Get(r.Charset)
	if err != nil {
		return nil
	}
	return e
}

// maxLangBytes is how much of a text Language reads: whatlanggo costs time
// linear in the length and its trigram profile settles early (on the
// web-pages-gold pages the first 2 KB match the manifest's language on 746
// of 801 pages, the first 4 KB on 743, the first 20 KB on 737).
const maxLangBytes = 2048

// tieCheckBytes is how much of a text languageTied reads. The check costs
// about 2.5% of the CPU of a web-pages-gold crawl run, at 1 KB as at 2 KB
// (its script detection dominates).
const tieCheckBytes = 1024

// Language returns the ISO 639-1 code of text's language, "" when unsure.
// whatlanggo is reliable on whole documents; short spans are the
// translation family's business.
func Language(text string) string {
	text = head(text, maxLangBytes)
	info := whatlanggo.Detect(text)
	if info.Confidence == 0 || info.Confidence < 0.1 && len(text) < 40 {
		// Confidence 0 is a tie: whatlanggo then returns whichever of
		// the tied languages its map iteration met first, a different one
		// from run to run.
		return ""
	}
	return info.Lang.Iso6391()
}

// languageTied reports whether go-trafilatura's language for text may be
// a tie that whatlanggo broke at random. go-trafilatura classifies the main
// text with github.com/RadhiFadlillah/whatlanggo, which sorts the languages
// it met in map order and returns the first: when two score the same (a
// text whose letters form only a few distinct trigrams, such as Japanese
// text dotted with a few Latin words), the language changes from run to
// run. The same detector on the first tieCheckBytes of text finds such a
// tie as confidence 0 (a text whose few trigrams tie over its whole length
// ties in its first kilobyte too); ordinary prose does not tie.
func languageTied(text string) bool {
	info := tiedlang.Detect(head(text, tieCheckBytes))
	return info.Script != nil && info.Confidence == 0
}

// head returns the first n bytes of s, shortened to the last whole rune.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Domain returns the host of u without a leading "www.", "" when u has
// none.
func Domain(u string) string {
	if u == "" {
		return ""
	}
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(pu.Hostname()), "www.")
}

// ParseDate reads a record-supplied date: RFC 3339 or YYYY-MM-DD.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// fromHTML fills p from an HTML page and returns the parsed tree (for the
// comment parser; the Page does not keep it).
func fromHTML(p *features.Page, body string) (*html.Node, error) {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		// x/net/html refuses pages nested over 512 elements deep.
		return nil, fmt.Errorf("unparseable HTML: %w", err)
	}
	p.Raw = VisibleText(doc)
	p.Markup.Dates = dates.Markup(doc)
	p.Markup.FAQ, p.Markup.Details = faq.Markup(doc)
	opts := trafilatura.Options{
		HtmlDateOptions: dates.HTMLDateOptions(dateLanguage(doc, p.Raw)),
		Focus:           trafilatura.Balanced,
	}
	if p.URL != "" {
		if u, err := url.ParseRequestURI(p.URL); err == nil {
			opts.OriginalURL = u
		}
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil {
		// Too little text for trafilatura: keep the visible text, so a
		// short page is still scored from what it shows.
		p.Text = p.Raw
		return doc, nil
	}
	p.Text = res.ContentText
	if text, ok := withoutRepeats(res.ContentNode); ok {
		p.Text = text
	}
	p.CommentText = res.CommentsText
	p.Title = strings.TrimSpace(res.Metadata.Title)
	if utf8.RuneCountInString(res.CommentsText) <= utf8.RuneCountInString(res.ContentText) {
		// trafilatura classified the main text (it takes the comments when
		// they are longer): no need to run language ID again.
		p.Lang = res.Metadata.Language
		if p.Lang != "" && languageTied(res.ContentText) {
			p.Lang = ""
		}
	}
	if p.Domain == "" {
		p.Domain = strings.TrimPrefix(strings.ToLower(res.Metadata.Hostname), "www.")
	}
	if !res.Metadata.Date.IsZero() {
		p.Claimed = append(p.Claimed, res.Metadata.Date.UTC())
	}
	return doc, nil
}

// minRepeat is the length (in runes) from which a block of the main text
// that repeats an earlier one is taken for a duplicate (see withoutRepeats);
// shorter lines ("Advertisement", a caption) may honestly recur.
const minRepeat = 80

// withoutRepeats returns the main text of go-trafilatura's content node
// without the blocks that repeat an earlier block word for word, and
// whether there were any. go-trafilatura can put the paragraphs of an
// <article> in its result twice (an <article> next to a headline, or inside
// <main>; the same bug as Python trafilatura's adbar/trafilatura#768 and
// #879): on the chrome pages of the training crawl the article came out
// twice in 66 of 185 pages, which made a page look like it restated
// itself, and 26 of the 885 web-pages-gold pages lose a repeated block
// (TestShortArticleOnce has the two layouts). The blocks kept are joined
// by newlines, one paragraph a line.
func withoutRepeats(body *html.Node) (string, bool) {
	if body == nil {
		return "", false
	}
	seen := map[string]bool{}
	var kept []string
	dup := false
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		t := htmltext.Of(c, 0)
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) >= minRepeat {
			if seen[t] {
				dup = true
				continue
			}
			seen[t] = true
		}
		kept = append(kept, t)
	}
	if !dup {
		return "", false
	}
	return strings.Join(kept, "\n"), true
}

// dateLanguage is the language go-htmldate reads the page's dates in
// (with English): the primary subtag of the <html lang> attribute, else
// the language of the start of the visible text, else "" (every locale).
func dateLanguage(doc *html.Node, raw string) string {
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode || n.DataAtom != atom.Html {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "lang" || a.Key == "xml:lang" {
				tag, _, _ := strings.Cut(strings.TrimSpace(a.Val), "-")
				if tag, _, _ = strings.Cut(tag, "_"); len(tag) == 2 {
					return strings.ToLower(tag)
				}
			}
		}
	}
	return Language(raw)
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
