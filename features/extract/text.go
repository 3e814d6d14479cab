package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/spinscan/spinscan/features"
)

// Segment splits saved page text (one visible block a line) into the
// article body and the rest. Hard-wrapped plain text (see unwrap) is a
// document rather than a page: its paragraphs are rejoined and all of it
// is the body. The body is the run of prose lines with the
// most words, where a prose line is a full sentence or more, and a run may
// bridge one short line (a sub-heading) but not two (a heading and a
// question, a "Related" list). Lines that open a new page region ("Related
// posts", "Leave a Comment", "Frequently Asked Questions") end a run. The
// title is the nearest headline-like line above the body. When no prose
// run is found the whole text is the body.
func Segment(text string) (body, chrome []string, title string) {
	lines, wrapped := unwrap(strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n"))
	var ls []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			ls = append(ls, l)
		}
	}
	if len(ls) == 0 {
		return nil, nil, ""
	}
	if wrapped {
		// A hard-wrapped plain-text document, not a page's visible text:
		// no site chrome to set apart, all of it is the body.
		return ls, nil, ""
	}
	bestStart, bestEnd, bestWords := -1, -1, 0
	for i := 0; i < len(ls); {
		if !isProse(ls[i]) {
			i++
			continue
		}
		start, end, words, gap := i, i, 0, 0
		j := i
		for ; j < len(ls); j++ {
			switch {
			case isProse(ls[j]):
				words += len(strings.Fields(ls[j]))
				end, gap = j, 0
			case isBreak(ls[j]):
				gap = 2
			default:
				gap++
			}
			if gap > 1 {
				break
			}
		}
		if words > bestWords {
			bestStart, bestEnd, bestWords = start, end, words
		}
		i = end + 1
	}
	if bestStart < 0 {
		return ls, nil, ""
	}
	body = ls[bestStart : bestEnd+1]
	chrome = append(append([]string{}, ls[:bestStart]...), ls[bestEnd+1:]...)
	for k := bestStart - 1; k >= 0 && k >= bestStart-8; k-- {
		if isTitle(ls[k]) {
			title = ls[k]
			break
		}
	}
	return body, chrome, title
}

// Hard-wrap detection (see unwrap).
const (
	wrapMinLine = 25  // lines shorter than this are not looked at
	wrapMaxW    = 250 // fixed-width wraps are narrower than this
	wrapFull    = 0.6 // a wrapped line fills at least this share of the width
)

// unwrap joins the lines of hard-wrapped plain text (a fixed-width wrap,
// as in the PAN and Clough corpora, where a sentence runs over two or more
// lines) back into one line a paragraph, so that Segment and the sentence
// splitter see whole sentences. Text is taken as hard-wrapped when, among
// its lines of 25 characters or more, at least 60% of those that a
// paragraph continues after fill 60% of the width (the 95th-percentile
// line length, under 250 characters; a paragraph's last line is short,
// and so may be the first line of a passage cut out of wrapped text) and
// at least 40% end mid-sentence. A line is then joined to the next when
// the next is neither blank nor a list item and the line fills the width,
// carries on in it (see continues), or is the text's first line and ends
// mid-sentence. Other text (one block a line, like the seeds) keeps its
// lines, wrapped false, except that a line of 25 characters or more that
// carries on in the next is joined to it: a passage of a few wrapped lines
// is too short for the test above (PAN13 passages of two or three lines).
func unwrap(lines []string) (out []string, wrapped bool) {
	if out, wrapped = unwrapWidth(lines); wrapped {
		return out, true
	}
	out = make([]string, 0, len(lines))
	var cur strings.Builder
	for i, l := range lines {
		if cur.Len() > 0 {
			cur.WriteByte(' ')
			l = strings.TrimSpace(l)
		}
		cur.WriteString(l)
		if i+1 < len(lines) && utf8.RuneCountInString(strings.TrimSpace(l)) >= wrapMinLine && continues(l, lines[i+1]) {
			continue
		}
		out = append(out, cur.String())
		cur.Reset()
	}
	return out, false
}

// continues reports whether line next carries on the sentence of line l:
// l ends mid-sentence (in a letter, digit or comma) and next starts with a
// lower-case letter, which a new paragraph or a heading does not.
func continues(l, next string) bool {
	l, next = strings.TrimSpace(l), strings.TrimSpace(next)
	last, _ := utf8.DecodeLastRuneInString(l)
	first, _ := utf8.DecodeRuneInString(next)
	return (unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',') && unicode.IsLower(first)
}

// midSentence reports whether a non-empty line ends without closing a
// sentence.
func midSentence(l string) bool {
	last, _ := utf8.DecodeLastRuneInString(l)
	return l != "" && !strings.ContainsRune(".!?:;\"”’'…)]", last)
}

// unwrapWidth is unwrap's test by line widths (see unwrap).
func unwrapWidth(lines []string) (out []string, wrapped bool) {
	var lens []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimSpace(l)); n >= wrapMinLine {
			lens = append(lens, n)
		}
	}
	if len(lens) < 3 {
		return lines, false
	}
	sorted := append([]int(nil), lens...)
	slices.Sort(sorted)
	w := sorted[len(sorted)*95/100]
	if w >= wrapMaxW {
		return lines, false
	}
	first := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) != "" })
	full, inner, mid := 0, 0, 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		n := utf8.RuneCountInString(l)
		if n < wrapMinLine {
			continue
		}
		if i != first && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			inner++
			if float64(n) >= wrapFull*float64(w) {
				full++
			}
		}
		if midSentence(l) {
			mid++
		}
	}
	if inner == 0 || float64(full) < 0.6*float64(inner) || float64(mid) < 0.4*float64(len(lens)) {
		return lines, false
	}
	var cur strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(l)
		next := ""
		if i+1 < len(lines) {
			next = strings.TrimSpace(lines[i+1])
		}
		joined := float64(utf8.RuneCountInString(l)) >= wrapFull*float64(w) || continues(l, next) || (i == first && midSentence(l))
		if l == "" || next == "" || isBullet(next) || !joined {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	return out, true
}

// isProse reports whether a line reads as running text: at least 12 words
// ending like a sentence, or 20 words or more; list items and questions are
// not prose.
func isProse(l string) bool {
	if isBullet(l) || strings.HasSuffix(l, "?") {
		return false
	}
	n := len(strings.Fields(l))
	if n >= 20 {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	return n >= 12 && strings.ContainsRune(".!”\"’'…)", last)
}

func isBullet(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	return strings.ContainsRune("-•*·–—►▪●", r)
}

// breakers open a region of a page that is not the article.
var breakers = []string{
	"related", "leave a comment", "leave a reply", "frequently asked questions",
	"faq", "you may also like", "read more", "recommended", "comments",
	"more about", "popular posts", "latest news", "share this",
}

func isBreak(l string) bool {
	ll := strings.ToLower(strings.TrimRight(l, ":"))
	if len(strings.Fields(ll)) > 8 {
		return false
	}
	for _, b := range breakers {
		if strings.HasPrefix(ll, b) {
			return true
		}
	}
	return false
}

func isTitle(l string) bool {
	n := len(strings.Fields(l))
	if n < 4 || n > 30 || isBullet(l) {
		return false
	}
	ll := strings.ToLower(l)
	if strings.HasPrefix(ll, "by ") || strings.HasPrefix(ll, "date") {
		return false
	}
	letters := 0
	for _, r := range l {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters*2 > len(l)
}

func fromText(p *features.Page, text string) {
	p.Raw = text
	body, chrome, title := Segment(text)
	p.Text = strings.Join(body, "\n")
	p.Chrome = chrome
	p.Title = title
}

// blockTags end a line in VisibleText.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true,
	"article": true, "header": true, "footer": true, "blockquote": true,
	"ul": true, "ol": true, "table": true, "details": true, "summary": true,
	"dt": true, "dd": true, "nav": true, "aside": true, "main": true, "form": true,
}

// VisibleText returns the text a reader sees in doc's body, one block a
// line (scripts, styles and templates left out).
func VisibleText(doc *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		switch n.Type {
		case html.TextNode:
			t := strings.Join(strings.Fields(n.Data), " ")
			if t != "" {
				if b.Len() > 0 {
					last := b.String()[b.Len()-1]
					if last != '\n' && last != ' ' {
						b.WriteByte(' ')
					}
				}
				b.WriteString(t)
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "head", "svg", "iframe":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] && b.Len() > 0 && b.String()[b.Len()-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	walk(doc, 0)
	return strings.TrimSpace(b.String())
}
