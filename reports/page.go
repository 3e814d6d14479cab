package reports

import (
	"fmt"
	"html/template"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

// maxAligned bounds the aligned sentence pairs shown in a page section.
const maxAligned = 80

// pageView is one page's section.
type pageView struct {
	Anchor       string
	N            int
	ID           string
	URL          string
	Href         template.URL // "" unless the URL is http(s)
	Domain       string
	Title        string
	Published    string
	Lang         string
	Cluster      string
	Source       string
	SourceAnchor string
	Label        string
	P            float64
	Probs        []probView
	Flags        []string
	Evidence     []string
	Error        string
	Chart        string // id of the contributions chart, "" when none
	ChartHeight  int
	Aligned      []alignedView
	AlignedMore  int
	Counts       string
}

type probView struct {
	Label  string
	P      float64
	Chosen bool
}

type alignedView struct {
	Kind       string
	Score      float64
	Sentence   []word
	Peer       []word
	PeerID     string
	PeerAnchor string
}

// word is one whitespace-separated token of an aligned sentence; Changed
// marks a word whose form is not in the other sentence.
type word struct {
	Text    string
	Changed bool
}

// Page writes one page's section as a self-contained HTML file: its
// probabilities, the top feature contributions as a bar chart, its evidence
// lines and its aligned sentences beside the peer's with the changed words
// marked. Crawl uses the same section for every page it shows.
func Page(w io.Writer, row features.Row) error {
	pv, c, err := pageSection(&row, "p0", 0, map[string]string{})
	if err != nil {
		return err
	}
	title := row.Title
	if title == "" {
		title = row.ID
	}
	p := &page{Title: "spinscan: " + title, Kind: "page", Page: pv}
	if c != nil {
		p.Charts = []chart{*c}
	}
	return render(w, p)
}

// pageSection builds a page's section; anchors maps shown page ids to
// their anchors, so that links to a source stay inside the report.
func pageSection(r *features.Row, anchor string, n int, anchors map[string]string) (*pageView, *chart, error) {
	pv := &pageView{
		Anchor: anchor, N: n, ID: r.ID, URL: r.URL, Href: httpURL(r.URL), Domain: r.Domain,
		Title: r.Title, Published: str(r.Published), Lang: r.Lang, Cluster: str(r.Cluster),
		Source: str(r.Source), Label: rowLabel(r), P: pLabel(r), Flags: r.Flags,
		Evidence: r.Evidence, Error: str(r.Error),
	}
	pv.SourceAnchor = anchors[pv.Source]
	for _, l := range probLabels(r.Probs) {
		pv.Probs = append(pv.Probs, probView{Label: l, P: finite(r.Probs[l]), Chosen: r.Label != nil && *r.Label == l})
	}
	kinds := map[string]int{}
	for i, a := range r.Aligned {
		kinds[a.Kind]++
		if i >= maxAligned {
			pv.AlignedMore++
			continue
		}
		s, p := diffWords(a.Sentence, a.Peer)
		pv.Aligned = append(pv.Aligned, alignedView{Kind: a.Kind, Score: finite(a.Score), Sentence: s, Peer: p,
			PeerID: a.PeerID, PeerAnchor: anchors[a.PeerID]})
	}
	var parts []string
	for _, k := range []string{"verbatim", "reworded", "unaligned"} {
		if kinds[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", kinds[k], k))
		}
	}
	pv.Counts = strings.Join(parts, ", ")
	if len(r.Contributions) == 0 {
		return pv, nil, nil
	}
	c, err := contributionChart(r, "chart-"+anchor)
	if err != nil {
		return nil, nil, err
	}
	pv.Chart, pv.ChartHeight = c.ID, c.Height
	return pv, &c, nil
}

// probLabels lists the labels of a probability map: the four classes in
// their fixed order, then any other key by name.
func probLabels(probs map[string]float64) []string {
	out := []string{}
	known := map[string]bool{}
	for _, l := range features.Labels {
		known[l] = true
		if _, ok := probs[l]; ok {
			out = append(out, l)
		}
	}
	var rest []string
	for l := range probs {
		if !known[l] {
			rest = append(rest, l)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// httpURL returns u for a link when it is an absolute http(s) URL.
func httpURL(u string) template.URL {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return template.URL(p.String())
}

func contributionChart(r *features.Row, id string) (chart, error) {
	cs := r.Contributions
	height := 110 + 30*len(cs)
	label := rowLabel(r)
	names := make([]string, len(cs))
	data := make([]opts.BarData, len(cs))
	for i, ct := range cs {
		names[i] = ct.Column
		color := "#3ba272"
		if ct.Value < 0 {
			color = "#c23531"
		}
		data[i] = opts.BarData{Value: round(ct.Value, 3), ItemStyle: &opts.ItemStyle{Color: color}}
	}
	if r.Rest != 0 || r.Intercept != 0 {
		// The terms the listed columns leave out, in grey, so the bars
		// add up to the difference of the logits.
		for _, t := range []struct {
			name string
			v    float64
		}{{"(other inputs)", r.Rest}, {"(intercepts)", r.Intercept}} {
			names = append(names, t.name)
			data = append(data, opts.BarData{Value: round(t.v, 3), ItemStyle: &opts.ItemStyle{Color: "#8c8c8c"}})
		}
		height += 60
	}
	c := charts.NewBar()
	title, sub := "Feature contributions toward "+label, "coefficient × standardised value in the logit of the label; green pushes toward it, red away"
	if r.Versus != "" {
		title = "Why " + label + " rather than " + r.Versus
		sub = "(coefficient of " + label + " − coefficient of " + r.Versus + ") × standardised value; green favours " + label + ", red " + r.Versus
	}
	c.SetGlobalOptions(append(globals(id, title, sub, height),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Top: "70", Left: "10", Right: "50", Bottom: "10", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)...)
	c.SetXAxis(names).XYReversal()
	c.AddSeries("contribution", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	return build(id, height, c)
}

// diffWords splits two aligned sentences into words and marks, in each,
// the words whose normalised form does not occur in the other.
func diffWords(a, b string) (wa, wb []word) {
	sa, sb := wordSet(a), wordSet(b)
	return markWords(a, sb, b != ""), markWords(b, sa, true)
}

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range lex.Words(s) {
		set[w] = true
	}
	return set
}

func markWords(s string, other map[string]bool, mark bool) []word {
	var out []word
	for _, f := range strings.Fields(s) {
		changed := false
		if mark {
			for _, w := range lex.Words(f) {
				if !other[w] {
					changed = true
					break
				}
			}
		}
		out = append(out, word{Text: f, Changed: changed})
	}
	return out
}

// Explain writes the terminal explanation of one row as plain text: label
// and probabilities, cluster and source, flags, top feature contributions,
// evidence lines and the aligned sentences beside their peers, changed
// words in [brackets]. Control characters from the page are replaced, so a
// page cannot send escape sequences to the terminal.
func Explain(w io.Writer, row features.Row) error {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("page      %s", plain(row.ID))
	if row.Title != "" {
		line("title     %s", plain(row.Title))
	}
	if row.URL != "" {
		line("url       %s", plain(row.URL))
	}
	if row.Domain != "" {
		line("domain    %s", plain(row.Domain))
	}
	if row.Published != nil {
		line("published %s", plain(*row.Published))
	}
	if row.Error != nil {
		line("error     %s", plain(*row.Error))
		_, err := io.WriteString(w, b.String())
		return err
	}
	line("label     %s (p=%.2f)", plain(rowLabel(&row)), pLabel(&row))
	var ps []string
	for _, l := range probLabels(row.Probs) {
		ps = append(ps, fmt.Sprintf("%s %.2f", plain(l), finite(row.Probs[l])))
	}
	if len(ps) > 0 {
		line("probs     %s", strings.Join(ps, "  "))
	}
	if row.Cluster != nil {
		line("cluster   %s", plain(*row.Cluster))
	}
	if row.Source != nil {
		line("source    %s", plain(*row.Source))
	}
	if len(row.Flags) > 0 {
		line("flags     %s", plain(strings.Join(row.Flags, ", ")))
	}
	if len(row.Contributions) > 0 {
		if row.Versus != "" {
			line("\nwhy %s rather than %s (contribution to the difference of their logits = weight difference × standardised value):", plain(rowLabel(&row)), plain(row.Versus))
		} else {
			line("\nwhy %s (contribution to the logit = weight × standardised value):", plain(rowLabel(&row)))
		}
		for _, c := range row.Contributions {
			val := ""
			if v, ok := row.Features[c.Column]; ok {
				val = fmt.Sprintf("  (value %s)", fmtNum(v))
			}
			line("  %+7.3f  %-36s weight %+.3f%s", finite(c.Value), plain(c.Column), finite(c.Weight), val)
		}
		if row.Rest != 0 || row.Intercept != 0 {
			line("  %+7.3f  the other inputs together", finite(row.Rest))
			line("  %+7.3f  the intercepts (the classes at a page whose every input is the training mean)", finite(row.Intercept))
			line("  %+7.3f  in all: the difference of the logits", finite(row.LogitGap()))
		}
	}
	if len(row.Evidence) > 0 {
		line("\nevidence:")
		for _, e := range row.Evidence {
			line("  - %s", plain(e))
		}
	}
	if len(row.Aligned) > 0 {
		line("\naligned sentences ([changed words] are not in the other sentence):")
		for i, a := range row.Aligned {
			if i == maxAligned {
				line("  … %d more", len(row.Aligned)-i)
				break
			}
			s, p := diffWords(a.Sentence, a.Peer)
			line("  %s %.2f", plain(a.Kind), finite(a.Score))
			line("    page: %s", plain(bracket(s)))
			if a.Peer != "" {
				line("    %s: %s", plain(a.PeerID), plain(bracket(p)))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func bracket(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		if w.Changed {
			parts[i] = "[" + w.Text + "]"
		} else {
			parts[i] = w.Text
		}
	}
	return strings.Join(parts, " ")
}
