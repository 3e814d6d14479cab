package extract

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/spinscan/spinscan/features"
)

// Repository test data, relative to this package.
const (
	badDir   = "../../testdata/bad"
	seedDir  = "../../testdata/seeds"
	formDir  = "../../testdata/formats"
	shareDir = "../../../shared/corpus"
)

func kindOf(name string) features.Kind {
	if strings.HasSuffix(name, ".txt") {
		return features.KindText
	}
	return features.KindHTML
}

// TestExtractCharsets extracts the legacy-charset and broken-UTF-8 pages of
// testdata/bad (see its README) and checks that a known word comes out
// decoded, with the right language.
func TestExtractCharsets(t *testing.T) {
	tests := []struct {
		file, word, lang string
	}{
		{"cp1251-declared.html", "Турции", "ru"},
		{"cp1251-undeclared.html", "беспилотник", "ru"},
		{"sjis-declared.html", "北海道新聞", "ja"},
		{"sjis-undeclared.txt", "議会", "ja"},
		{"latin1-declared.html", "tempête", "fr"},
		{"latin1-undeclared.txt", "tempête", "fr"},
		// Mostly UTF-8 with broken bytes: repaired, not misread as cp1252.
		{"invalid-utf8.txt", "Putin’s visit", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(badDir, tt.file))
			if err != nil {
				t.Skip(err)
			}
			p, err := Extract(features.Record{ID: tt.file, Kind: kindOf(tt.file), Body: b})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text+"\n"+p.Title, tt.word) {
				t.Errorf("%q not in the text:\n%.300s", tt.word, p.Text)
			}
			if !utf8.ValidString(p.Text) {
				t.Errorf("text is not valid UTF-8")
			}
			if p.Lang != tt.lang {
				t.Errorf("lang %q, want %q", p.Lang, tt.lang)
			}
		})
	}
}

// TestExtractHostile feeds pages that must give a clear error, not a panic
// or a hang.
func TestExtractHostile(t *testing.T) {
	deep := strings.Repeat("<div>", 200_000) + "<p>Deep text.</p>" + strings.Repeat("</div>", 200_000)
	junk, _ := os.ReadFile(filepath.Join(badDir, "binary-junk.html"))
	tests := []struct {
		name string
		kind features.Kind
		body string
		err  string // "" means a page with text
	}{
		{"empty html", features.KindHTML, "", "empty page"},
		{"blank text", features.KindText, " \n\t\r\n ", "empty page"},
		{"binary", features.KindHTML, string(junk), "binary content"},
		{"nul bytes", features.KindText, strings.Repeat("\x00", 100), "binary content"},
		{"200k-deep tags", features.KindHTML, deep, "unparseable HTML"},
		{"only markup", features.KindHTML, "<html><head><script>var x = 1;</script></head><body><div></div></body></html>", "no main text"},
		{"unclosed tags", features.KindHTML, "<html><body><p>Some text that is never closed <b><i><table><tr><td>cell", ""},
		{"no sentences", features.KindText, "a\nb\nc", ""},
		{"one long line", features.KindText, strings.Repeat("word ", 100_000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract(features.Record{ID: tt.name, Kind: tt.kind, Body: []byte(tt.body)})
			if tt.err == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if strings.TrimSpace(p.Text) == "" {
					t.Error("no text")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one saying %q", err, tt.err)
			}
		})
	}
}

// TestMostlyUTF8Corpus checks the broken-UTF-8 rule on the pages of the
// web-pages-gold corpus that are not valid UTF-8: none declared in a
// legacy charset may pass for UTF-8, and the declared-UTF-8 pages with
// a few bad bytes should.
func TestMostlyUTF8Corpus(t *testing.T) {
	dir := filepath.Join(shareDir, "web-pages-gold", "pages")
	names, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if len(names) == 0 {
		t.Skip("corpus not available")
	}
	declared := regexp.MustCompile(`(?i)charset=["']?([\w-]+)`)
	legacy, legacyUTF8, utf8ish, utf8ishOK := 0, 0, 0, 0
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			continue
		}
		b, _ := io.ReadAll(io.LimitReader(zr, 64<<10))
		f.Close()
		if utf8.Valid(b) {
			continue
		}
		m := declared.FindSubmatch(b[:min(len(b), 4096)])
		if m == nil {
			continue
		}
		cs := strings.ToLower(string(m[1]))
		switch {
		case strings.HasPrefix(cs, "iso-8859") || strings.HasPrefix(cs, "windows-"):
			legacy++
			if mostlyUTF8(b) {
				legacyUTF8++
				t.Errorf("%s (declared %s) passes for UTF-8", filepath.Base(n), cs)
			}
		case cs == "utf-8":
			utf8ish++
			if mostlyUTF8(b) {
				utf8ishOK++
			}
		}
	}
	t.Logf("legacy-charset pages: %d, taken for UTF-8: %d; declared UTF-8 with bad bytes: %d, taken for UTF-8: %d",
		legacy, legacyUTF8, utf8ish, utf8ishOK)
}

// seedBodies returns small files of testdata to seed the fuzzers.
func seedBodies(f *testing.F, globs ...string) [][]byte {
	var out [][]byte
	for _, g := range globs {
		names, _ := filepath.Glob(g)
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil || len(b) > 64<<10 {
				continue
			}
			if strings.HasSuffix(n, ".gz") {
				zr, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					continue
				}
				if b, err = io.ReadAll(io.LimitReader(zr, 64<<10)); err != nil {
					continue
				}
			}
			out = append(out, b)
		}
	}
	return out
}

// FuzzExtract checks that extraction never panics and that a page it
// returns has valid UTF-8 text split into paragraphs.
func FuzzExtract(f *testing.F) {
	for _, b := range seedBodies(f, badDir+"/*.html", badDir+"/*.txt", seedDir+"/*.txt", formDir+"/*.html*") {
		f.Add(b, true)
		f.Add(b, false)
	}
	f.Add([]byte("<html><body><div><div><p>x"), true)
	f.Fuzz(func(t *testing.T, body []byte, html bool) {
		kind := features.KindText
		if html {
			kind = features.KindHTML
		}
		p, err := Extract(features.Record{ID: "f", Kind: kind, Body: body, URL: "http://example.com/a", ContentType: ""})
		if err != nil {
			if p != nil {
				t.Fatalf("a page and an error (%v)", err)
			}
			return
		}
		if strings.TrimSpace(p.Text) == "" {
			t.Fatal("a page without text and no error")
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) {
			t.Fatalf("invalid UTF-8 in text or title")
		}
		if len(p.Paragraphs) == 0 {
			t.Fatal("text but no paragraphs")
		}
	})
}

// FuzzSegment checks that Segment partitions the page's non-blank lines
// into body and chrome, in order, and takes the title from the chrome.
func FuzzSegment(f *testing.F) {
	for _, b := range seedBodies(f, seedDir+"/*.txt", badDir+"/*.txt") {
		f.Add(string(b))
	}
	f.Add("Title of a story here\nThis is a sentence that has more than twelve words in it, ending with a stop.\nRelated\n- a link")
	f.Fuzz(func(t *testing.T, text string) {
		body, chrome, title := Segment(text)
		var lines []string
		for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(body)+len(chrome) != len(lines) {
			t.Fatalf("%d body + %d chrome lines from %d lines", len(body), len(chrome), len(lines))
		}
		if len(lines) > 0 && len(body) == 0 {
			t.Fatal("no body from a non-empty page")
		}
		// The body is a contiguous run of the lines.
		start := -1
		for i := range lines {
			if len(body) > 0 && i+len(body) <= len(lines) && equal(lines[i:i+len(body)], body) {
				start = i
				break
			}
		}
		if len(body) > 0 && start < 0 {
			t.Fatal("the body is not a run of the page's lines")
		}
		if title != "" {
			found := false
			for _, c := range chrome {
				found = found || c == title
			}
			if !found {
				t.Fatalf("title %q is not a chrome line", title)
			}
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestLanguageTie checks that a text on which whatlanggo ties (Japanese
// dotted with one Latin syllable, as the synthetic growth crawl makes) gets
// the same language on every run, and no arbitrary pick among the tied ones.
func TestLanguageTie(t *testing.T) {
	body := "<html><body><article><p>" +
		strings.Repeat("子xed 虐待xed をなくすためのxed 法律xed 親xed がxed 子xed たたいxed たりxed 蹴xed っxed たりするxed 体罰xed をxed 禁止xed することになりました。", 6) +
		"</p></article></body></html>"
	seen := map[string]int{}
	for range 20 {
		p, err := Extract(features.Record{ID: "tie", Kind: features.KindHTML, Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		seen[p.Lang]++
	}
	if len(seen) != 1 || seen[""] != 20 {
		t.Errorf("languages over 20 runs: %v, want \"\" every time", seen)
	}
	if got := Language(strings.Repeat("xed ", 40)); got != "" {
		t.Errorf("Language of a tie = %q, want \"\"", got)
	}
}

func TestDateLanguage(t *testing.T) {
	german := strings.Repeat("Die Regierung hat am Montag neue Regeln für den Verkehr in der Stadt beschlossen. ", 4)
	tests := []struct {
		name, html, want string
	}{
		{"region subtag", `<html lang="de-DE"><body><p>x</p></body></html>`, "de"},
		{"underscore and case", `<html lang="PT_br"><body><p>x</p></body></html>`, "pt"},
		{"xml:lang", `<html xml:lang="fr"><body><p>x</p></body></html>`, "fr"},
		{"no attribute: the text's language", `<html><body><p>` + german + `</p></body></html>`, "de"},
		{"unusable attribute: the text's language", `<html lang="x-klingon"><body><p>` + german + `</p></body></html>`, "de"},
		{"nothing to go by", `<html><body><p>ok</p></body></html>`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tc.html))
			if err != nil {
				t.Fatal(err)
			}
			if got := dateLanguage(doc, VisibleText(doc)); got != tc.want {
				t.Errorf("dateLanguage = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDateLanguageFindsLocalDates checks that limiting go-htmldate's
// go-dateparser to the page's language and English still reads a date
// written out in the page's language.
func TestDateLanguageFindsLocalDates(t *testing.T) {
	body := `<html lang="de"><head><title>Verkehr</title></head><body><article>` +
		`<div class="meta">Veröffentlicht: 15. März 2021</div><p>` +
		strings.Repeat("Die Regierung hat neue Regeln für den Verkehr in der Stadt beschlossen, die ab dem Sommer gelten sollen. ", 8) +
		`</p></article></body></html>`
	p, err := Extract(features.Record{ID: "de", Kind: features.KindHTML, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2021, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, c := range p.Claimed {
		if c.Equal(want) {
			return
		}
	}
	t.Errorf("claimed dates %v, want %v among them", p.Claimed, want)
}

// TestShortArticleOnce checks that a short article is in the main text
// once: go-trafilatura, finding too little text, recovers the page's
// paragraphs a second time (adbar/trafilatura#879 in the Python original),
// and withoutRepeats drops the copy.
func TestShortArticleOnce(t *testing.T) {
	para := "The harbour board voted on Tuesday to close the old ferry pier for repairs until the end of the spring season. " +
		"Inspectors found rusted bolts under the landing stage last month, and the board said it could not wait for the summer timetable. " +
		"Passengers will board at the north quay, where a temporary ramp and a waiting room are being put up this week. " +
		"The work is expected to cost about four hundred thousand pounds, most of it from the regional transport fund, the chairman said."
	tests := []struct {
		name, body string
	}{
		{"headline beside the article", `<html><head><title>Harbour news</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div id="content"><h1>Pier to close</h1><article><p>` + para + `</p></article></div>
<footer>Copyright the Harbour Gazette</footer></body></html>`},
		{"article in main", `<html><body><main><article><div><br>` + para + `</div></article></main></body></html>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Extract(features.Record{ID: "x.html", Kind: features.KindHTML, Body: []byte(tc.body)})
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(p.Text, "ferry pier"); n != 1 {
				t.Errorf("the paragraph is in the main text %d times: %q", n, p.Text)
			}
		})
	}
}

func TestWithoutRepeats(t *testing.T) {
	long := strings.Repeat("word ", 20)
	tests := []struct {
		name, html, want string
		ok               bool
	}{
		{"no repeat", "<p>" + long + "</p><p>other</p>", "", false},
		{"repeat", "<p>" + long + "</p><h1>Title</h1><p>" + long + "</p>", strings.TrimSpace(long) + "\nTitle", true},
		{"short lines may recur", "<p>Advertisement</p><p>" + long + "</p><p>Advertisement</p>", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + tc.html + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			body := doc.FirstChild.LastChild
			got, ok := withoutRepeats(body)
			if ok != tc.ok || got != tc.want {
				t.Errorf("withoutRepeats = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestPublishedByVote checks that a page's Published is the date the date
// vote picks from all the page states (dates.Find), so that a text page
// whose only date is a visible stamp is dated for its peers too, and that
// a record's own date still counts.
func TestPublishedByVote(t *testing.T) {
	for _, tc := range []struct {
		name, text, date, want string
	}{
		{"stamp", "Published October 15, 2023\nThe council voted on Monday to close the old bridge for repairs.", "", "2023-10-15"},
		{"date line", "Date:2025-04-24 12:02:16\nThe council voted on Monday to close the old bridge for repairs.", "", "2025-04-24"},
		{"record date", "The council voted on Monday to close the old bridge for repairs.", "2021-03-02", "2021-03-02"},
		{"none", "The council voted on Monday to close the old bridge for repairs.", "", ""},
	} {
		p, err := Extract(features.Record{ID: tc.name, Kind: features.KindText, Body: []byte(tc.text), Date: tc.date})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := ""
		if !p.Published.IsZero() {
			got = p.Published.Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("%s: published %q, want %q", tc.name, got, tc.want)
		}
	}
	// The seeds: 004 states its (wrong) date in a "Date:" line, 000 none.
	for name, want := range map[string]string{"004_6512205255edc4fc.txt": "2025-04-24", "000_aea046b3ecdc98ab.txt": ""} {
		b, err := os.ReadFile(filepath.Join(seedDir, name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Extract(features.Record{ID: name, Kind: features.KindText, Body: b})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if !p.Published.IsZero() {
			got = p.Published.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("%s: published %q, want %q", name, got, want)
		}
	}
}
