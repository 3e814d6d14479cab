package faq

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/spinscan/spinscan/features"
)

// Limits keep Find linear and bounded on huge pages.
const (
	maxAnswerLines = 4
	maxPairs       = 200
	maxJSONDepth   = 32
	maxLDBytes     = 1 << 20
)

// Find returns the FAQ material of page p: question-and-answer pairs in the
// page's visible text (Raw, or Text and Chrome when Raw is empty), FAQ
// headings, and for HTML pages schema.org FAQPage JSON-LD and <details>
// disclosures. Text pairs count when two or more follow each other or when
// they come right after an FAQ heading; a lone question followed by a
// paragraph is not an FAQ. A nil page yields the zero Block.
func Find(p *features.Page) Block {
	var b Block
	if p == nil {
		return b
	}
	raw := p.Raw
	if raw == "" {
		raw = p.Text + "\n" + strings.Join(p.Chrome, "\n")
	}
	b.Pairs, b.Heading = textPairs(splitLines(raw))
	schema := p.Markup.FAQ
	b.Schema = len(schema)
	if len(schema) > len(b.Pairs) {
		b.Pairs = schema
	}
	b.Details = p.Markup.Details
	b.Lines = map[string]bool{}
	for _, q := range b.Pairs {
		b.Lines[q.Question] = true
		for _, a := range strings.Split(q.Answer, "\n") {
			b.Lines[a] = true
		}
	}
	return b
}

// Markup reads the FAQ material of an HTML tree, for extraction to keep in
// Page.Markup: the Q&A pairs of schema.org FAQPage JSON-LD and the number
// of <details> blocks whose summary is a question.
func Markup(root *html.Node) (pairs []Pair, details int) {
	doc := goquery.NewDocumentFromNode(root)
	pairs = schemaPairs(doc)
	doc.Find("details").Each(func(_ int, s *goquery.Selection) {
		if isQuestion(strings.TrimSpace(s.Find("summary").First().Text())) {
			details++
		}
	})
	return pairs, details
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

// isQuestion reports whether a line reads as an FAQ question: three to 40
// words ending in a question mark, not a quotation.
func isQuestion(l string) bool {
	l = strings.TrimSpace(l)
	if !strings.HasSuffix(l, "?") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l)
	if strings.ContainsRune("\"“„«'‘", r) {
		return false
	}
	n := len(strings.Fields(l))
	return n >= 3 && n <= 40
}

// isAnswerLine reports whether a line can be (part of) an answer: eight
// words or more, or three or more ending like a sentence. Headings, list
// furniture and "Reply" links are not.
func isAnswerLine(l string) bool {
	if isQuestion(l) || headRe.MatchString(l) {
		return false
	}
	n := len(strings.Fields(l))
	if n >= 8 {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	return n >= 3 && strings.ContainsRune(".!)”\"…", last)
}

// textPairs finds runs of question lines each followed by an answer.
func textPairs(ls []string) (pairs []Pair, heading bool) {
	headAt := -10
	var run []Pair
	runStart := -1
	flush := func() {
		if len(run) >= 2 || (len(run) == 1 && runStart-headAt <= 2) {
			pairs = append(pairs, run...)
		}
		run, runStart = nil, -1
	}
	for i := 0; i < len(ls) && len(pairs) < maxPairs; {
		l := ls[i]
		if headRe.MatchString(l) && len(strings.Fields(l)) <= 12 && !isQuestion(l) {
			flush()
			heading, headAt = true, i
			i++
			continue
		}
		if !isQuestion(l) {
			flush()
			i++
			continue
		}
		var ans []string
		j := i + 1
		for ; j < len(ls) && len(ans) < maxAnswerLines && isAnswerLine(ls[j]); j++ {
			ans = append(ans, ls[j])
		}
		if len(ans) == 0 || len(strings.Fields(strings.Join(ans, " "))) < 8 {
			flush()
			i++
			continue
		}
		if run == nil {
			runStart = i
		}
		run = append(run, Pair{Question: l, Answer: strings.Join(ans, "\n")})
		i = j
	}
	flush()
	return pairs, heading
}

// schemaPairs reads the questions of schema.org FAQPage JSON-LD.
func schemaPairs(doc *goquery.Document) []Pair {
	var out []Pair
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		txt := s.Text()
		if len(txt) > maxLDBytes || !strings.Contains(txt, "FAQPage") {
			return
		}
		var v any
		if err := json.Unmarshal([]byte(txt), &v); err != nil {
			return
		}
		walkLD(v, 0, false, &out)
	})
	return out
}

// walkLD collects Question items found under an FAQPage node.
func walkLD(v any, depth int, inFAQ bool, out *[]Pair) {
	if depth > maxJSONDepth || len(*out) >= maxPairs {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkLD(e, depth+1, inFAQ, out)
		}
	case map[string]any:
		if hasType(x, "Question") && inFAQ {
			q := Pair{Question: strings.TrimSpace(ldText(x["name"]))}
			if a, ok := x["acceptedAnswer"]; ok {
				switch at := a.(type) {
				case map[string]any:
					q.Answer = htmlText(ldText(at["text"]))
				case []any:
					if len(at) > 0 {
						if m, ok := at[0].(map[string]any); ok {
							q.Answer = htmlText(ldText(m["text"]))
						}
					}
				}
			}
			if q.Question != "" {
				*out = append(*out, q)
			}
			return
		}
		faq := inFAQ || hasType(x, "FAQPage")
		for _, k := range []string{"@graph", "mainEntity", "hasPart"} {
			if e, ok := x[k]; ok {
				walkLD(e, depth+1, faq, out)
			}
		}
	}
}

func hasType(m map[string]any, t string) bool {
	switch v := m["@type"].(type) {
	case string:
		return v == t
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && s == t {
				return true
			}
		}
	}
	return false
}

func ldText(v any) string {
	s, _ := v.(string)
	return s
}

// htmlText returns the text of an HTML fragment (JSON-LD answers often
// carry markup), one block a line.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return strings.TrimSpace(s)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return strings.TrimSpace(s)
	}
	var parts []string
	d.Find("body").Children().Each(func(_ int, c *goquery.Selection) {
		if t := strings.Join(strings.Fields(c.Text()), " "); t != "" {
			parts = append(parts, t)
		}
	})
	if len(parts) == 0 {
		return strings.Join(strings.Fields(d.Text()), " ")
	}
	return strings.Join(parts, "\n")
}
