package reports

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/spinscan/spinscan/features"
)

// Limits that keep a crawl report usable however large the crawl.
const (
	defaultMaxPages = 2000
	maxDomainChart  = 30  // domains in the domain chart
	maxDomainTable  = 500 // domains in the domain table (the CSV has all)
	maxGraphNodes   = 400 // pages in the cluster graph
	maxTimeline     = 25  // clusters in the timeline
	maxClusterTable = 200 // clusters in the cluster table
)

// Crawl writes the crawl report for score rows (features.Row, the JSONL
// schema in features/features.go) as one self-contained HTML file: label
// counts, confidence per label, domains, story clusters as a graph, a
// timeline of claimed dates per cluster, feature distributions by label, a
// sortable table of flagged pages and a section for each page shown (see
// Options.MaxPages). rows may be empty.
func Crawl(w io.Writer, rows []features.Row, opt Options) error {
	p, err := crawlPage(rows, opt)
	if err != nil {
		return err
	}
	return render(w, p)
}

// crawlView is the crawl report's HTML content.
type crawlView struct {
	Rows, Scored, Errors int
	Labels               []labelCount
	Domains              []domainRow
	DomainsMore          int
	DomainCSV            template.URL
	DomainCount          int
	Clusters             []clusterRow
	ClustersMore         int
	ClusterCount         int
	Clustered            int
	GraphNote            string
	TimelineNote         string
	Families             []FamilyDoc
	Columns              []featureRow
	LabelNames           []string
	Flagged              int
	Table                []pageRow
	Rest                 int
	Sections             []*pageView
	Charts               map[string]chart
	Mix                  []mixRow
	MixPrior             string
}

type labelCount struct {
	Label string
	Count int
	Share float64
}

// mixRow is one label's share in Options.Mix.
type mixRow struct {
	Label              string
	Estimated, Assumed float64
}

type domainRow struct {
	Domain   string
	Pages    int
	Shares   []float64 // per features.Labels
	Errors   int
	MeanSpin float64
	Flagged  float64 // share of non-original labels
}

type clusterRow struct {
	ID       string
	Pages    int
	Labels   string
	Earliest string
	Latest   string
	SpanDays int
	Sources  int
}

type featureRow struct {
	Column string
	Means  []float64 // per features.Labels; NaN when no page has the label
	Has    []bool
}

type pageRow struct {
	Anchor    string
	ID        string
	Title     string
	Domain    string
	Label     string
	P         float64
	PSpun     float64
	Source    string
	Flags     string
	Published string
	Shown     bool
}

// rowLabel is the row's label, "error" for an error row and "unscored" for
// a row without a label.
func rowLabel(r *features.Row) string {
	switch {
	case r.Error != nil:
		return "error"
	case r.Label == nil || *r.Label == "":
		return "unscored"
	}
	return *r.Label
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// flagged tells whether a row needs a reviewer: a non-original label, an
// error or a raised flag.
func flagged(r *features.Row) bool {
	l := rowLabel(r)
	return (l != "original" && l != "unscored") || len(r.Flags) > 0
}

// severity orders flagged pages: the higher the probability of a
// non-original label, the earlier.
func severity(r *features.Row) float64 {
	if r.Error != nil {
		return -1
	}
	return finite(1 - r.Probs["original"])
}

func crawlPage(rows []features.Row, opt Options) (*page, error) {
	title := opt.Title
	if title == "" {
		title = "spinscan crawl report"
	}
	maxPages := opt.MaxPages
	if maxPages == 0 {
		maxPages = defaultMaxPages
	}
	if maxPages < 0 {
		maxPages = 0
	}
	v := &crawlView{Rows: len(rows), Families: opt.Families, LabelNames: features.Labels, Charts: map[string]chart{}}
	if m := opt.Mix; m != nil {
		for _, l := range features.Labels {
			v.Mix = append(v.Mix, mixRow{Label: l, Estimated: m.Estimated[l], Assumed: m.Assumed[l]})
		}
		v.MixPrior = m.Prior
	}
	p := &page{Title: title, Kind: "crawl", Crawl: v}
	add := func(c chart, err error) error {
		if err != nil {
			return err
		}
		v.Charts[c.ID] = c
		p.Charts = append(p.Charts, c)
		return nil
	}

	// Label counts.
	counts := map[string]int{}
	for i := range rows {
		l := rowLabel(&rows[i])
		counts[l]++
		if l == "error" {
			v.Errors++
		} else if l != "unscored" {
			v.Scored++
		}
	}
	for _, l := range append(append([]string{}, features.Labels...), otherLabels(counts)...) {
		share := 0.0
		if len(rows) > 0 {
			share = float64(counts[l]) / float64(len(rows))
		}
		v.Labels = append(v.Labels, labelCount{Label: l, Count: counts[l], Share: share})
	}
	if err := add(labelChart(v.Labels)); err != nil {
		return nil, err
	}
	if err := add(confidenceChart(rows)); err != nil {
		return nil, err
	}

	// Domains.
	doms := domainRows(rows)
	v.DomainCount = len(doms)
	v.DomainCSV = domainCSV(doms)
	if len(doms) > maxDomainTable {
		v.Domains, v.DomainsMore = doms[:maxDomainTable], len(doms)-maxDomainTable
	} else {
		v.Domains = doms
	}
	if err := add(domainChart(doms)); err != nil {
		return nil, err
	}

	// Pages shown: flagged first by severity, then the rest, input order
	// breaking ties; anchors follow input order so they are stable.
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := &rows[order[a]], &rows[order[b]]
		fa, fb := flagged(ra), flagged(rb)
		if fa != fb {
			return fa
		}
		return severity(ra) > severity(rb)
	})
	anchors := map[string]string{}
	shown := order
	if len(shown) > maxPages {
		shown = shown[:maxPages]
	}
	for _, i := range shown {
		if _, dup := anchors[rows[i].ID]; !dup {
			anchors[rows[i].ID] = "p" + strconv.Itoa(i)
		}
	}
	for i := range rows {
		if flagged(&rows[i]) {
			v.Flagged++
		}
	}
	v.Rest = len(rows) - len(shown)

	// Story clusters, graph and timeline.
	cl := clusters(rows)
	v.ClusterCount = len(cl)
	for _, c := range cl {
		v.Clustered += len(c.rows)
	}
	if err := add(graphChart(rows, cl, v)); err != nil {
		return nil, err
	}
	if err := add(timelineChart(rows, cl, v)); err != nil {
		return nil, err
	}
	for i, c := range cl {
		if i == maxClusterTable {
			v.ClustersMore = len(cl) - i
			break
		}
		v.Clusters = append(v.Clusters, clusterTableRow(rows, c))
	}

	// Feature distributions.
	v.Columns = featureMeans(rows)
	if err := add(featureChart(v.Columns)); err != nil {
		return nil, err
	}

	// Page table and sections.
	for n, i := range shown {
		r := &rows[i]
		v.Table = append(v.Table, pageRow{
			Anchor: anchors[r.ID], ID: r.ID, Title: r.Title, Domain: r.Domain,
			Label: rowLabel(r), P: pLabel(r), PSpun: finite(r.Probs["spun"]),
			Source: str(r.Source), Flags: strings.Join(r.Flags, ", "),
			Published: str(r.Published), Shown: true,
		})
		pv, c, err := pageSection(r, "p"+strconv.Itoa(i), n, anchors)
		if err != nil {
			return nil, err
		}
		if c != nil {
			if err := add(*c, nil); err != nil {
				return nil, err
			}
		}
		v.Sections = append(v.Sections, pv)
	}
	return p, nil
}

func otherLabels(counts map[string]int) []string {
	var out []string
	known := map[string]bool{}
	for _, l := range features.Labels {
		known[l] = true
	}
	for l := range counts {
		if !known[l] && l != "error" && l != "unscored" {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	for _, l := range []string{"unscored", "error"} {
		if counts[l] > 0 {
			out = append(out, l)
		}
	}
	return out
}

func pLabel(r *features.Row) float64 {
	if r.Label == nil {
		return 0
	}
	return finite(r.Probs[*r.Label])
}

func labelChart(labels []labelCount) (chart, error) {
	c := charts.NewBar()
	c.SetGlobalOptions(append(globals("chart-labels", "Pages by label", "", 300),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithYAxisOpts(opts.YAxis{Name: "pages", MinInterval: 1}),
	)...)
	var names []string
	var data []opts.BarData
	for _, l := range labels {
		names = append(names, l.Label)
		data = append(data, opts.BarData{Name: l.Label, Value: l.Count, ItemStyle: &opts.ItemStyle{Color: labelColor(l.Label)}})
	}
	c.SetXAxis(names).AddSeries("pages", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	return build("chart-labels", 300, c)
}

// confidenceBins are the bins of the confidence chart: P(label) of the
// chosen label, from 0.25 (four classes) to 1.
const confidenceBins = 15

func confidenceChart(rows []features.Row) (chart, error) {
	c := charts.NewBar()
	c.SetGlobalOptions(append(globals("chart-confidence", "Confidence: P(label) of each page's label",
		"pages per probability bin, by label; low bins are borderline calls", 320),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "50"}),
		charts.WithGridOpts(opts.Grid{Top: "90", Left: "60", Right: "30"}),
		charts.WithXAxisOpts(opts.XAxis{Name: "P(label)", NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Name: "pages", MinInterval: 1}),
	)...)
	hist := map[string][]int{}
	for _, l := range features.Labels {
		hist[l] = make([]int, confidenceBins)
	}
	for i := range rows {
		r := &rows[i]
		if r.Label == nil || r.Error != nil {
			continue
		}
		h, ok := hist[*r.Label]
		if !ok {
			continue
		}
		b := int((pLabel(r) - 0.25) / 0.75 * confidenceBins)
		if b < 0 {
			b = 0
		}
		if b >= confidenceBins {
			b = confidenceBins - 1
		}
		h[b]++
	}
	var names []string
	for b := 0; b < confidenceBins; b++ {
		lo := 0.25 + 0.75*float64(b)/confidenceBins
		names = append(names, fmt.Sprintf("%.2f", lo))
	}
	c.SetXAxis(names)
	for _, l := range features.Labels {
		var data []opts.BarData
		for _, n := range hist[l] {
			data = append(data, opts.BarData{Value: n})
		}
		c.AddSeries(l, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: labelColor(l)}), charts.WithBarChartOpts(opts.BarChart{Stack: "pages"}))
	}
	return build("chart-confidence", 320, c)
}

func domainRows(rows []features.Row) []domainRow {
	idx := map[string]int{}
	var out []domainRow
	var spin []float64
	var scored []int
	for i := range rows {
		r := &rows[i]
		d := r.Domain
		if d == "" {
			d = "(none)"
		}
		k, ok := idx[d]
		if !ok {
			k = len(out)
			idx[d] = k
			out = append(out, domainRow{Domain: d, Shares: make([]float64, len(features.Labels))})
			spin = append(spin, 0)
			scored = append(scored, 0)
		}
		dr := &out[k]
		dr.Pages++
		if r.Error != nil {
			dr.Errors++
			continue
		}
		if r.Label != nil {
			for j, l := range features.Labels {
				if *r.Label == l {
					dr.Shares[j]++
				}
			}
		}
		if pr, ok := r.Probs["spun"]; ok {
			spin[k] += finite(pr)
			scored[k]++
		}
	}
	for k := range out {
		dr := &out[k]
		orig := 0.0
		for j := range dr.Shares {
			dr.Shares[j] /= float64(dr.Pages)
			if features.Labels[j] == "original" {
				orig = dr.Shares[j]
			}
		}
		dr.Flagged = 1 - orig - float64(dr.Errors)/float64(dr.Pages)
		if dr.Flagged < 0 {
			dr.Flagged = 0
		}
		if scored[k] > 0 {
			dr.MeanSpin = spin[k] / float64(scored[k])
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Pages != out[b].Pages {
			return out[a].Pages > out[b].Pages
		}
		return out[a].Domain < out[b].Domain
	})
	return out
}

// domainCSV returns the whole domain table as a CSV data: URI. Cells that a
// spreadsheet would read as a formula are prefixed with an apostrophe.
func domainCSV(doms []domainRow) template.URL {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := []string{"domain", "pages", "errors"}
	for _, l := range features.Labels {
		head = append(head, "share_"+l)
	}
	head = append(head, "mean_p_spun")
	_ = w.Write(head)
	for _, d := range doms {
		rec := []string{csvCell(d.Domain), strconv.Itoa(d.Pages), strconv.Itoa(d.Errors)}
		for _, s := range d.Shares {
			rec = append(rec, strconv.FormatFloat(round(s, 4), 'f', -1, 64))
		}
		rec = append(rec, strconv.FormatFloat(round(d.MeanSpin, 4), 'f', -1, 64))
		_ = w.Write(rec)
	}
	w.Flush()
	return template.URL("data:text/csv;charset=utf-8;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
}

func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func domainChart(doms []domainRow) (chart, error) {
	n := len(doms)
	if n > maxDomainChart {
		n = maxDomainChart
	}
	height := 130 + 24*n
	if height < 220 {
		height = 220
	}
	sub := fmt.Sprintf("share of each label (bars) and mean P(spun) (◆), %d largest of %d domains", n, len(doms))
	c := charts.NewBar()
	c.SetGlobalOptions(append(globals("chart-domains", "Domains", sub, height),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "50"}),
		charts.WithGridOpts(opts.Grid{Top: "90", Left: "10", Right: "40", Bottom: "10", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Max: 100, Name: "%", AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)...)
	names := make([]string, n)
	for i := 0; i < n; i++ {
		names[i] = doms[i].Domain
	}
	c.SetXAxis(names).XYReversal()
	for j, l := range features.Labels {
		data := make([]opts.BarData, n)
		for i := 0; i < n; i++ {
			data[i] = opts.BarData{Value: round(100*doms[i].Shares[j], 1)}
		}
		c.AddSeries(l, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: labelColor(l)}), charts.WithBarChartOpts(opts.BarChart{Stack: "share"}))
	}
	sc := charts.NewScatter()
	data := make([]opts.ScatterData, n)
	for i := 0; i < n; i++ {
		data[i] = opts.ScatterData{Value: []interface{}{round(100*doms[i].MeanSpin, 1), i}, Symbol: "diamond", SymbolSize: 12}
	}
	sc.AddSeries("mean P(spun)", data, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#333333"}))
	c.Overlap(sc)
	return build("chart-domains", height, c)
}

// cluster is one story cluster: its id and the indexes of its rows.
type cluster struct {
	id   string
	rows []int
}

// clusters groups rows by cluster id, largest cluster first, then by id.
func clusters(rows []features.Row) []cluster {
	idx := map[string]int{}
	var out []cluster
	for i := range rows {
		id := str(rows[i].Cluster)
		if id == "" {
			continue
		}
		k, ok := idx[id]
		if !ok {
			k = len(out)
			idx[id] = k
			out = append(out, cluster{id: id})
		}
		out[k].rows = append(out[k].rows, i)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if len(out[a].rows) != len(out[b].rows) {
			return len(out[a].rows) > len(out[b].rows)
		}
		return out[a].id < out[b].id
	})
	return out
}

// relation names how a page derives from its source: "verbatim",
// "reworded" or "translated", from its flags, label and alignment.
func relation(r *features.Row) string {
	for _, f := range r.Flags {
		lf := strings.ToLower(f)
		switch {
		case strings.Contains(lf, "translat"):
			return "translated"
		case strings.Contains(lf, "verbatim"), strings.Contains(lf, "reprint"):
			return "verbatim"
		}
	}
	switch rowLabel(r) {
	case "translated":
		return "translated"
	case "reprint":
		return "verbatim"
	case "spun":
		return "reworded"
	}
	verb, rew := 0, 0
	for _, a := range r.Aligned {
		switch a.Kind {
		case "verbatim":
			verb++
		case "reworded":
			rew++
		}
	}
	if verb >= rew {
		return "verbatim"
	}
	return "reworded"
}

var relationStyle = map[string]*opts.LineStyle{
	"verbatim":   {Color: "#5470c6", Width: 2.5, Type: "solid"},
	"reworded":   {Color: "#ee6666", Width: 2, Type: "dashed"},
	"translated": {Color: "#fc8452", Width: 2, Type: "dotted"},
}

func graphChart(rows []features.Row, cl []cluster, v *crawlView) (chart, error) {
	cats := append(append([]string{}, features.Labels...), "error", "unscored")
	catIdx := map[string]int{}
	var categories []*opts.GraphCategory
	for i, l := range cats {
		catIdx[l] = i
		categories = append(categories, &opts.GraphCategory{Name: l, ItemStyle: &opts.ItemStyle{Color: labelColor(l)}})
	}
	var nodes []opts.GraphNode
	var links []opts.GraphLink
	names := map[string]bool{}
	shownClusters, shownPages := 0, 0
	for _, c := range cl {
		if shownPages+len(c.rows) > maxGraphNodes && shownClusters > 0 {
			break
		}
		members := map[string]bool{}
		for _, i := range c.rows {
			members[rows[i].ID] = true
		}
		for _, i := range c.rows {
			r := &rows[i]
			if names[r.ID] {
				continue // a duplicate id is drawn once
			}
			names[r.ID] = true
			k, ok := catIdx[rowLabel(r)]
			if !ok {
				k = catIdx["unscored"]
			}
			size := 14
			if rowLabel(r) == "original" {
				size = 20
			}
			nodes = append(nodes, opts.GraphNode{Name: r.ID, Category: k, SymbolSize: size, Value: float32(round(pLabel(r), 2))})
		}
		for _, i := range c.rows {
			r := &rows[i]
			src := str(r.Source)
			if src == "" || src == r.ID || !members[src] {
				continue
			}
			rel := relation(r)
			links = append(links, opts.GraphLink{Source: r.ID, Target: src, LineStyle: relationStyle[rel],
				Label: &opts.EdgeLabel{Show: opts.Bool(true), Formatter: rel, FontSize: 10}})
		}
		shownClusters++
		shownPages += len(c.rows)
	}
	height := 520
	v.GraphNote = fmt.Sprintf("%d of %d clusters (%d pages) drawn; %d pages belong to no cluster.",
		shownClusters, len(cl), len(nodes), len(rows)-v.Clustered)
	g := charts.NewGraph()
	g.SetGlobalOptions(append(globals("chart-clusters", "Story clusters", "pages coloured by label; arrows point to each page's likely source", height),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "50", Data: features.Labels}),
	)...)
	g.AddSeries("pages", nodes, links,
		charts.WithGraphChartOpts(opts.GraphChart{
			Layout:     "force",
			Force:      &opts.GraphForce{Repulsion: 220, EdgeLength: 110, Gravity: 0.08},
			Roam:       opts.Bool(true),
			Draggable:  opts.Bool(true),
			EdgeSymbol: []string{"none", "arrow"}, EdgeSymbolSize: 9,
			Categories: categories,
		}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", FontSize: 10}),
	)
	return build("chart-clusters", height, g)
}

// parseDate reads a row's published date (RFC 3339 or a plain date).
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func timelineChart(rows []features.Row, cl []cluster, v *crawlView) (chart, error) {
	type point struct {
		row int
		t   time.Time
	}
	var ids []string
	series := map[string][]opts.ScatterData{}
	var earliest []opts.ScatterData
	undated := 0
	for _, c := range cl {
		var pts []point
		for _, i := range c.rows {
			if t, ok := parseDate(str(rows[i].Published)); ok {
				pts = append(pts, point{i, t})
			} else {
				undated++
			}
		}
		if len(pts) == 0 || len(ids) == maxTimeline {
			continue
		}
		y := len(ids)
		ids = append(ids, c.id)
		first := pts[0].t
		for _, p := range pts {
			if p.t.Before(first) {
				first = p.t
			}
		}
		earliest = append(earliest, opts.ScatterData{Name: "earliest copy", Value: []interface{}{first.Format("2006-01-02"), y}, Symbol: "pin", SymbolSize: 30})
		for _, p := range pts {
			r := &rows[p.row]
			days := int(p.t.Sub(first).Hours() / 24)
			series[rowLabel(r)] = append(series[rowLabel(r)], opts.ScatterData{
				Name:  fmt.Sprintf("%s (+%d days)", r.ID, days),
				Value: []interface{}{p.t.Format("2006-01-02"), y}, SymbolSize: 13,
			})
		}
	}
	dated := 0
	for _, s := range series {
		dated += len(s)
	}
	v.TimelineNote = fmt.Sprintf("%d of %d clusters with a dated page drawn; %d clustered pages claim no date.", len(ids), len(cl), undated)
	height := 160 + 40*len(ids)
	if height < 280 {
		height = 280
	}
	c := charts.NewScatter()
	c.SetGlobalOptions(append(globals("chart-timeline", "Claimed dates per cluster", "each page's published date; the pin marks the cluster's earliest copy", height),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "50"}),
		charts.WithGridOpts(opts.Grid{Top: "90", Left: "10", Right: "40", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", Name: "claimed date", NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ids, Inverse: opts.Bool(true), Name: "cluster"}),
	)...)
	c.AddSeries("earliest copy", earliest, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#bbbbbb"}))
	for _, l := range append(append([]string{}, features.Labels...), "error", "unscored") {
		if len(series[l]) > 0 {
			c.AddSeries(l, series[l], charts.WithItemStyleOpts(opts.ItemStyle{Color: labelColor(l)}))
		}
	}
	return build("chart-timeline", height, c)
}

func clusterTableRow(rows []features.Row, c cluster) clusterRow {
	cr := clusterRow{ID: c.id, Pages: len(c.rows)}
	counts := map[string]int{}
	var first, last time.Time
	for _, i := range c.rows {
		r := &rows[i]
		counts[rowLabel(r)]++
		if str(r.Source) != "" {
			cr.Sources++
		}
		if t, ok := parseDate(str(r.Published)); ok {
			if first.IsZero() || t.Before(first) {
				first = t
			}
			if t.After(last) {
				last = t
			}
		}
	}
	var parts []string
	for _, l := range append(append([]string{}, features.Labels...), otherLabels(counts)...) {
		if counts[l] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", l, counts[l]))
		}
	}
	cr.Labels = strings.Join(parts, ", ")
	if !first.IsZero() {
		cr.Earliest = first.Format("2006-01-02")
		cr.Latest = last.Format("2006-01-02")
		cr.SpanDays = int(last.Sub(first).Hours() / 24)
	}
	return cr
}

// featureMeans returns each feature column's mean per label, columns in
// name order.
func featureMeans(rows []features.Row) []featureRow {
	type acc struct {
		sum []float64
		n   []int
	}
	cols := map[string]*acc{}
	li := map[string]int{}
	for i, l := range features.Labels {
		li[l] = i
	}
	for i := range rows {
		r := &rows[i]
		if r.Label == nil || r.Error != nil {
			continue
		}
		k, ok := li[*r.Label]
		if !ok {
			continue
		}
		for name, val := range r.Features {
			a := cols[name]
			if a == nil {
				a = &acc{sum: make([]float64, len(features.Labels)), n: make([]int, len(features.Labels))}
				cols[name] = a
			}
			if math.IsNaN(val) || math.IsInf(val, 0) {
				continue
			}
			a.sum[k] += val
			a.n[k]++
		}
	}
	names := make([]string, 0, len(cols))
	for n := range cols {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]featureRow, 0, len(names))
	for _, n := range names {
		a := cols[n]
		fr := featureRow{Column: n, Means: make([]float64, len(features.Labels)), Has: make([]bool, len(features.Labels))}
		for k := range fr.Means {
			if a.n[k] > 0 {
				fr.Means[k] = a.sum[k] / float64(a.n[k])
				fr.Has[k] = true
			}
		}
		out = append(out, fr)
	}
	return out
}

func featureChart(cols []featureRow) (chart, error) {
	height := 140 + 22*len(cols)
	if height < 260 {
		height = 260
	}
	names := make([]string, len(cols))
	var data []opts.HeatMapData
	for y, fr := range cols {
		names[y] = fr.Column
		lo, hi := math.Inf(1), math.Inf(-1)
		for k, m := range fr.Means {
			if fr.Has[k] {
				lo, hi = math.Min(lo, m), math.Max(hi, m)
			}
		}
		for k, m := range fr.Means {
			if !fr.Has[k] {
				continue
			}
			scaled := 0.5
			if hi > lo {
				scaled = (m - lo) / (hi - lo)
			}
			data = append(data, opts.HeatMapData{Value: []interface{}{k, y, round(scaled, 3)}})
		}
	}
	c := charts.NewHeatMap()
	c.SetGlobalOptions(append(globals("chart-features", "Feature means by label",
		"each row scaled from the lowest label mean (0) to the highest (1); exact means in the table", height),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Top: "80", Left: "10", Right: "120", Bottom: "20", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: features.Labels, Position: "top", SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: 0, Max: 1, Orient: "vertical", Right: "10", Top: "center",
			Text: []string{"highest", "lowest"}, InRange: &opts.VisualMapInRange{Color: []string{"#f7fbff", "#6baed6", "#08306b"}}}),
	)...)
	c.AddSeries("scaled mean", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(false)}))
	return build("chart-features", height, c)
}
