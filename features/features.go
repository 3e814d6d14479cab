package features

import (
	"fmt"
	"time"
)

// Labels lists the four classes spinscan decides between, in the fixed
// order used by model files, probabilities and reports.
var Labels = []string{"original", "reprint", "spun", "translated"}

// Kind tells how a record's body is to be read.
type Kind int

const (
	// KindHTML is an HTML document (possibly in a legacy charset).
	KindHTML Kind = iota
	// KindText is saved page text: the visible text of a page, one block a
	// line, site chrome included (like the seed pages).
	KindText
)

func (k Kind) String() string {
	switch k {
	case KindHTML:
		return "html"
	case KindText:
		return "text"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Record is one captured page as read from the crawl input, before
// extraction. A record whose Err is set could not be read; it still yields
// exactly one output row, carrying that error.
type Record struct {
	// ID names the record: the path relative to the input root, the WARC
	// file and offset ("crawl.warc.gz#1234"), or the JSONL id.
	ID string
	// URL is the page address, when known (WARC-Target-URI, JSONL url).
	URL string
	// Kind says whether Body is HTML or saved text.
	Kind Kind
	// Body holds the page bytes, undecoded (charset detection is the
	// extractor's job).
	Body []byte
	// ContentType is the HTTP or declared content type, if any; it may name
	// a charset.
	ContentType string
	// Date is a publication date supplied with the record (the JSONL date
	// field), unparsed; empty when absent.
	Date string
	// Fetched is the capture time (WARC-Date); zero when unknown.
	Fetched time.Time
	// Err is set when the record could not be read.
	Err error
}

// Comment is one user comment found on a page.
type Comment struct {
	// Author is the commenter's name or handle, if found.
	Author string
	// Time is the comment's timestamp; zero when none was found.
	Time time.Time
	// Text is the comment body.
	Text string
}

// Page is one crawled page after extraction: the material every feature
// family reads. A Page is immutable once extraction returns it, so families
// may read it from several goroutines at once.
type Page struct {
	ID     string
	URL    string
	Domain string
	Kind   Kind
	// Title is the page's headline, if found.
	Title string
	// Lang is the ISO 639-1 code of the main text's language ("" when
	// unknown).
	Lang string
	// Text is the main text, one paragraph a line.
	Text string
	// Paragraphs are the lines of Text.
	Paragraphs []string
	// Sentences are the sentences of Text, in order.
	Sentences []string
	// Comments are the individual user comments found on the page.
	Comments []Comment
	// CommentText is the raw text of the comment section ("" when none).
	CommentText string
	// Chrome holds the page's other visible blocks (navigation, related
	// links, site blurbs, widgets), one a line; for HTML pages it may be
	// empty.
	Chrome []string
	// Raw is the whole visible text of the page (saved text pages: the file
	// as read; HTML pages: text of the body), for families that look at the
	// page as a reader sees it.
	Raw string
	// Markup is what the families read from the page's HTML tree rather
	// than its text, gathered at extraction: the tree is parsed once and
	// not kept, so a page rebuilt from the engine's store reads the same.
	// Zero for text pages.
	Markup Markup
	// Published is the page's publication date: the date vote's
	// (DateVote.Published) when it found one, else the first claimed
	// date; zero when none. Set at extraction, so that peers see it.
	Published time.Time
	// Claimed lists every date the page claims for itself (metadata, visible
	// stamps, the record's own date), in the order found.
	Claimed []time.Time
	// Fetched is the capture time; zero when unknown.
	Fetched time.Time
	// DateVote is the outcome of the publication-date vote, run once at
	// extraction (dates.Settle) and read by the dates family.
	DateVote DateVote
}

// DateVote is the outcome of the vote that picks a page's publication
// date from every date the page states (the dates package's Find).
type DateVote struct {
	// Done reports that the vote ran; on a Page built without extraction
	// it did not, and the dates family runs it itself.
	Done bool
	// Published is the chosen date; zero when none.
	Published time.Time
	// Claims are the publication dates the page claims for itself, one a
	// source: extraction's, the address, markup publication dates and
	// the by-line.
	Claims []time.Time
	// Where says where Published was read, for evidence lines: the
	// by-line quoted, or the sources that voted for it.
	Where string
}

// Markup holds the findings that need a page's HTML tree.
type Markup struct {
	// Dates are the dates the markup states: <meta> publication and
	// modification dates, JSON-LD, microdata and the first <time datetime>,
	// in document order. Source names the place ("meta", "jsonld", ...).
	Dates []MarkupDate
	// FAQ are the question and answer pairs of schema.org FAQPage JSON-LD.
	FAQ []QA
	// Details counts the <details> elements whose summary is a question.
	Details int
}

// MarkupDate is one date stated in a page's markup.
type MarkupDate struct {
	Source string
	Time   time.Time
	// Text is the string the date was read from.
	Text string
}

// QA is one question and its answer.
type QA struct {
	Question string
	Answer   string
}

// Context is what a family may know beyond its own page: the other pages of
// the page's story cluster. In single-page mode, or for a page with no peer,
// Peers is empty.
type Context struct {
	// Cluster is the story id, "" when the page has no peer.
	Cluster string
	// Peers are the other pages of the cluster, in input order.
	Peers []*Page
	// Later is how many of Peers, at their end, come after the page in
	// input order. When the text leaves two copies' order open, the one
	// earlier in the crawl is taken for the source, so that no two pages
	// name each other (see Result.Tied). 0, the zero value, takes every
	// peer to come before the page.
	Later int
}

// Aligned is one sentence of a page set beside its best counterpart in a
// peer page.
type Aligned struct {
	// Sentence is the page's sentence.
	Sentence string `json:"sentence"`
	// Peer is the counterpart sentence ("" when unaligned).
	Peer string `json:"peer,omitempty"`
	// PeerID is the id of the page the counterpart comes from.
	PeerID string `json:"peer_id,omitempty"`
	// Kind is "verbatim", "reworded" or "unaligned".
	Kind string `json:"kind"`
	// Score is the similarity of the pair in [0, 1].
	Score float64 `json:"score"`
}

// Result collects what the families find on one page: one value per suite
// column, the flags that fired, evidence lines and, from the paraphrase
// family, the likely source and the sentence alignment.
type Result struct {
	// Values holds one value per column of the suite, in suite order.
	Values []float64
	// Flags are names of the evidence that fired, in the order raised.
	Flags []string
	// Evidence are short human-readable lines explaining the flags.
	Evidence []string
	// Source is the id of the likely source page in the crawl, "" if none.
	Source string
	// Tied is, when Source is "", the closest peer that carries a good part
	// of the page, that the text does not show to be derived from it (the
	// direction is a tie) and that comes before it in input order
	// (Context.Later): the source to name if the model reads the page as a
	// copy (spun or reprint). "" when there is none.
	Tied string
	// Aligned is the sentence alignment against the page's peers.
	Aligned []Aligned
	// Copies holds the ids of the peers the paraphrase family found to
	// share the page's text, not only its story: a same-language peer of
	// which one page carries at least half of the other's sentences
	// (verbatim or reworded), or the foreign peer its numbers and names
	// link it to. nil when the page was not compared (no peers).
	Copies map[string]bool
	// Published is the best publication date, set by the dates family;
	// zero when none was found.
	Published time.Time
}

// Flag records a flag once, with an evidence line.
func (r *Result) Flag(name, evidence string) {
	for _, f := range r.Flags {
		if f == name {
			if evidence != "" {
				r.Evidence = append(r.Evidence, evidence)
			}
			return
		}
	}
	r.Flags = append(r.Flags, name)
	if evidence != "" {
		r.Evidence = append(r.Evidence, evidence)
	}
}

// Note adds an evidence line without raising a flag.
func (r *Result) Note(format string, args ...any) {
	r.Evidence = append(r.Evidence, fmt.Sprintf(format, args...))
}

// Family is one feature family: a named group of columns computed together
// from a page (and, for families that compare copies, its cluster peers).
// Families are plain values collected in one explicit suite.
type Family struct {
	// Name is the family's name; column names are Name + "." + measure.
	Name string
	// Doc is a paragraph of documentation shown in reports and explain.
	Doc string
	// Columns are the measure names, in order; see Family.Names for the
	// full column names.
	Columns []string
	// Flags are the names of the flags the family may raise.
	Flags []string
	// Extract fills vals (len(Columns), zeroed) for page p, and may add
	// flags, evidence, a source and alignment to r. It must not keep p,
	// must be safe for concurrent use and must not panic on any page.
	Extract func(p *Page, c *Context, vals []float64, r *Result)
}

// Names returns the family's full column names ("family.measure").
func (f Family) Names() []string {
	out := make([]string, len(f.Columns))
	for i, c := range f.Columns {
		out[i] = f.Name + "." + c
	}
	return out
}

// Row is one output row: the score of one input record, or the error that
// kept it from being scored. Exactly one row is written per input record,
// in input order.
type Row struct {
	ID        string             `json:"id"`
	URL       string             `json:"url"`
	Domain    string             `json:"domain"`
	Published *string            `json:"published"`
	Lang      string             `json:"lang"`
	Label     *string            `json:"label"`
	Probs     map[string]float64 `json:"probs"`
	Cluster   *string            `json:"cluster"`
	Source    *string            `json:"source"`
	Flags     []string           `json:"flags"`
	Features  map[string]float64 `json:"features"`
	Evidence  []string           `json:"evidence"`
	Error     *string            `json:"error"`
	// Prior is the class mix the probabilities are corrected to (score's
	// --prior), absent when they assume the training data's mix.
	Prior map[string]float64 `json:"prior,omitempty"`
	// Title is the page headline (not part of the model's input).
	Title string `json:"title,omitempty"`
	// Contributions are the top feature contributions behind the label
	// against the runner-up class (Versus): (coefficient of the label −
	// coefficient of the runner-up) × standardised value, largest first; a
	// positive value favours the label, a negative one the runner-up.
	Contributions []Contribution `json:"contributions,omitempty"`
	// Versus is the runner-up class, the one Contributions compare the
	// label with.
	Versus string `json:"versus,omitempty"`
	// Intercept is the label's intercept minus the runner-up's, and Rest
	// the sum of the contributions of the inputs not in Contributions:
	// Intercept, Rest and the Contributions' values add up to the
	// difference of the two logits (before the model's temperature), so a
	// reviewer sees when the listed columns are not what decided.
	Intercept float64 `json:"intercept,omitempty"`
	Rest      float64 `json:"rest,omitempty"`
	// Aligned is the sentence alignment against the page's peers.
	Aligned []Aligned `json:"aligned,omitempty"`
}

// LogitGap is how much more the model favours the row's label than its
// runner-up (Versus), before the temperature: its contributions, Rest and
// Intercept together.
func (r *Row) LogitGap() float64 {
	d := r.Intercept + r.Rest
	for _, ct := range r.Contributions {
		d += ct.Value
	}
	return d
}

// Contribution is one column's share in the logit of the chosen label.
type Contribution struct {
	Column string  `json:"column"`
	Value  float64 `json:"value"`
	Weight float64 `json:"weight"`
}
