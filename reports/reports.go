package reports

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
	"unicode"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// echartsJS is the echarts library (npm echarts 5.6.0, dist/echarts.min.js),
// inlined into every HTML report so that it opens offline.
//
//go:embed assets/echarts.min.js
var echartsJS string

//go:embed report.tmpl
var reportTmpl string

// Options configure the crawl report.
type Options struct {
	// Title heads the report; "" means "spinscan crawl report".
	Title string
	// MaxPages bounds the rows of the page table and the page sections
	// shown: flagged and non-original pages first, then the rest, with the
	// count of those left out stated. 0 means 2000; a negative value shows
	// none.
	MaxPages int
	// Families documents the feature families, shown in a legend beside the
	// feature distributions.
	Families []FamilyDoc
	// Mix, if set, is shown beside the label counts: the crawl's class mix
	// as estimated from its rows, against the mix the probabilities assume.
	Mix *Mix
}

// Mix is a crawl's estimated class mix (model.EstimatePrior over its
// rows) and the class mix its rows' probabilities were computed under,
// by label, each summing to 1, and the estimate written as score's
// --prior takes it.
type Mix struct {
	Estimated, Assumed map[string]float64
	Prior              string
}

// FamilyDoc is the name and documentation paragraph of one feature family.
type FamilyDoc struct {
	Name, Doc string
}

// labelColors gives each label its colour in every chart and badge.
var labelColors = map[string]string{
	"original":   "#3ba272",
	"reprint":    "#5470c6",
	"spun":       "#ee6666",
	"translated": "#fc8452",
	"error":      "#9a9a9a",
	"unscored":   "#c0c0c0",
}

func labelColor(l string) string {
	if c, ok := labelColors[l]; ok {
		return c
	}
	return "#999999"
}

// chart is one chart of a report: its element id, height and the echarts
// option, already marshalled with HTML-safe escaping.
type chart struct {
	ID     string          `json:"id"`
	Height int             `json:"-"`
	Option json.RawMessage `json:"option"`
}

// echart is what every go-echarts chart offers.
type echart interface {
	Validate()
	JSON() map[string]interface{}
}

// build validates a go-echarts chart and marshals its option with
// encoding/json, which escapes <, > and & (and U+2028, U+2029), so that no
// crawled string can end the <script> that carries it.
func build(id string, height int, c echart) (chart, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return chart{}, fmt.Errorf("reports: chart %s: %w", id, err)
	}
	return chart{ID: id, Height: height, Option: b}, nil
}

// globals returns the options every chart shares: a fixed id (go-echarts
// would draw a random one), no animation, a title, and a toolbox to save the
// chart as an image.
func globals(id, title, subtitle string, height int) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Width: "100%", Height: fmt.Sprintf("%dpx", height)}),
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle, Left: "center"}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "10", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Title: "save as image"},
		}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
	}
}

// page is what the HTML template receives.
type page struct {
	Title   string
	Kind    string // "crawl", "page" or "training"
	Crawl   *crawlView
	Page    *pageView
	Train   *trainView
	Charts  []chart
	Lazy    bool
	Library template.JS
}

// chartData returns the charts' options as one JSON array for the
// template's application/json block. json.Marshal has escaped <, > and &
// in every string, so the block cannot be closed from inside.
func (p *page) ChartData() (template.JS, error) {
	b, err := json.Marshal(p.Charts)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// lazyAbove is the number of charts above which a report draws its charts
// only as they scroll into view.
const lazyAbove = 40

func newTemplate() (*template.Template, error) {
	return template.New("report").Funcs(template.FuncMap{
		"pct":   func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
		"pct1":  func(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) },
		"prob":  func(f float64) string { return fmt.Sprintf("%.2f", f) },
		"num":   func(f float64) string { return fmtNum(f) },
		"color": labelColor,
		"width": func(f float64) template.CSS {
			return template.CSS(fmt.Sprintf("width:%.1f%%", 100*clamp01(f)))
		},
	}).Parse(reportTmpl)
}

// render writes one whole HTML report.
func render(w io.Writer, p *page) error {
	t, err := newTemplate()
	if err != nil {
		return fmt.Errorf("reports: template: %w", err)
	}
	p.Lazy = len(p.Charts) > lazyAbove
	p.Library = template.JS(echartsJS)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "doc", p); err != nil {
		return fmt.Errorf("reports: %s report: %w", p.Kind, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func clamp01(f float64) float64 {
	if math.IsNaN(f) || f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// finite maps NaN and ±Inf to 0, which JSON cannot carry.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// round keeps charts' numbers short and stable.
func round(f float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(finite(f)*p) / p
}

func fmtNum(f float64) string {
	f = finite(f)
	switch {
	case f == math.Trunc(f) && math.Abs(f) < 1e9:
		return fmt.Sprintf("%.0f", f)
	case math.Abs(f) >= 100:
		return fmt.Sprintf("%.1f", f)
	default:
		return fmt.Sprintf("%.3g", f)
	}
}

// plain makes crawled text safe for a terminal: control characters (escape
// sequences included) become U+FFFD, except tabs which become spaces.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u202e' || r == '\u202d':
			return '\uFFFD'
		}
		return r
	}, s)
}
