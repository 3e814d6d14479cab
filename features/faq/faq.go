// Package faq is the faq feature family: it finds FAQ blocks on a page —
// "Frequently Asked Questions" headings, schema.org FAQPage JSON-LD,
// <details> disclosures, runs of question lines each followed by an
// answer — and measures how much the answers restate the article. Content
// farms pad copied stories with generated FAQs that say the article again;
// a genuine FAQ adds to it.
//
// The family is safe for concurrent use and never panics.
package faq

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

// Column indexes, in Family().Columns order.
const (
	colPairs = iota
	colShare
	colRestate
	colHeading
	colSchema
	colDetails
	nCols
)

// Thresholds of the faq_padding flag, chosen on the FAQ candidates of
// web-pages-gold dev pages and checked on the seeds (see faq_test.go).
const (
	// minPairs is the fewest Q&A pairs of a padding FAQ.
	minPairs = 3
	// restateSim is the share of an answer sentence's content stems found
	// in one article sentence (or two adjacent ones) for it to count as a
	// restatement.
	restateSim = 0.5
	// minRestate is the share of answer sentences that restate the article
	// in a padding FAQ.
	minRestate = 0.5
)

// Family returns the faq feature family: name "faq", flag faq_padding.
func Family() features.Family {
	return features.Family{
		Name: "faq",
		Doc: "FAQ blocks: number of question-and-answer pairs (FAQ headings, runs of question " +
			"lines each followed by an answer, schema.org FAQPage JSON-LD, <details>), their share " +
			"of the page's words, the share of answer sentences restating an article sentence, and " +
			"whether an FAQ heading, FAQPage markup or <details> blocks were seen. faq_padding " +
			"fires for three or more pairs of which at least half the answer sentences restate the article.",
		Columns: []string{"pairs", "share", "restate", "heading", "schema", "details"},
		Flags:   []string{"faq_padding"},
		Extract: extract,
	}
}

// Pair is one question with its answer.
type Pair = features.QA

// Block is what Find sees of a page's FAQ material.
type Block struct {
	// Pairs are the Q&A pairs found in the page text (or, when it holds
	// more, in FAQPage JSON-LD).
	Pairs []Pair
	// Heading is set when an FAQ heading was seen.
	Heading bool
	// Schema is the number of questions in schema.org FAQPage JSON-LD.
	Schema int
	// Details is the number of <details> blocks whose summary is a
	// question.
	Details int
	// Lines are the page lines the text pairs were read from.
	Lines map[string]bool
}

func extract(p *features.Page, _ *features.Context, vals []float64, r *features.Result) {
	if p == nil || len(vals) < nCols {
		return
	}
	b := Find(p)
	n := max(len(b.Pairs), b.Schema, b.Details)
	vals[colPairs] = float64(n)
	if b.Heading {
		vals[colHeading] = 1
	}
	if b.Schema > 0 {
		vals[colSchema] = 1
	}
	if b.Details > 0 {
		vals[colDetails] = 1
	}
	if len(b.Pairs) == 0 {
		return
	}
	faqWords := 0
	for _, q := range b.Pairs {
		faqWords += len(strings.Fields(q.Question)) + len(strings.Fields(q.Answer))
	}
	raw := p.Raw
	if raw == "" {
		raw = p.Text
	}
	if total := len(strings.Fields(raw)); total > 0 {
		vals[colShare] = min(1, float64(faqWords)/float64(total))
	}
	restated, sents := Restate(p, b)
	if sents > 0 {
		vals[colRestate] = float64(restated) / float64(sents)
	}
	if len(b.Pairs) >= minPairs && sents > 0 && vals[colRestate] >= minRestate {
		r.Flag("faq_padding", fmt.Sprintf("FAQ padding: %d question-and-answer pairs (%.0f%% of the page's words); %d of %d answer sentences restate the article (first question: %q)",
			len(b.Pairs), 100*vals[colShare], restated, sents, clip(b.Pairs[0].Question, 80)))
	} else if n > 0 {
		r.Note("faq: %d question-and-answer pairs, %d of %d answer sentences restate the article", n, restated, sents)
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// Restate counts the answer sentences of b that restate a sentence of the
// article (p's sentences, leaving out those that belong to the FAQ itself),
// and returns that count with the number of answer sentences.
func Restate(p *features.Page, b Block) (restated, sents int) {
	var faq strings.Builder
	for _, q := range b.Pairs {
		faq.WriteString(lex.Squash(q.Question))
		faq.WriteByte('|')
		faq.WriteString(lex.Squash(q.Answer))
		faq.WriteByte('|')
	}
	joined := faq.String()
	article := p.Sentences
	if len(article) == 0 && p.Text != "" {
		article = lex.Sentences(p.Text)
	}
	var body []map[string]bool
	for _, s := range article {
		if q := lex.Squash(s); len(q) >= 20 && strings.Contains(joined, q) {
			continue
		}
		body = append(body, lex.StemSet(s))
	}
	for _, q := range b.Pairs {
		for _, s := range lex.Sentences(q.Answer) {
			set := lex.StemSet(s)
			if len(set) < 3 {
				continue
			}
			sents++
			if similarity(set, body) >= restateSim {
				restated++
			}
		}
	}
	return restated, sents
}

// similarity is the largest share of set found in one sentence of body or
// two adjacent ones.
func similarity(set map[string]bool, body []map[string]bool) float64 {
	if len(set) == 0 {
		return 0
	}
	best := 0
	for i := range body {
		n := 0
		for k := range set {
			if body[i][k] || (i+1 < len(body) && body[i+1][k]) {
				n++
			}
		}
		best = max(best, n)
	}
	return float64(best) / float64(len(set))
}

// headRe matches FAQ headings.
var headRe = regexp.MustCompile(`(?i)^\W*(frequently asked questions|faqs?\b|häufig gestellte fragen|häufige fragen|fragen und antworten|fragen & antworten|preguntas frecuentes|questions fréquentes|foire aux questions|domande frequenti)`)
