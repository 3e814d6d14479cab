package reports

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// TrainingReport is what the training report shows. Nil maps and slices
// leave their part of the report empty.
type TrainingReport struct {
	// Classes are the labels in the model's order.
	Classes []string
	// Confusion counts pages by true label, then predicted label.
	Confusion map[string]map[string]int
	// PerClass holds precision, recall and F1 per class.
	PerClass map[string]ClassScores
	// Reliability bins the predictions by confidence.
	Reliability []Bin
	// Coefficients holds the model's weights: class -> column -> weight.
	Coefficients map[string]map[string]float64
	// Folds are the cross-validation scores, one per fold.
	Folds []FoldScore
	// ECE, LogLoss, Accuracy and MacroF1 are the overall scores.
	ECE, LogLoss, Accuracy, MacroF1 float64
	// Provenance records where the model came from (data, commit, options).
	Provenance map[string]string
}

// ClassScores are one class's precision, recall, F1 and support (pages
// whose true label is the class).
type ClassScores struct {
	Precision, Recall, F1 float64
	Support               int
}

// Bin is one reliability bin: the mean confidence of the predictions in it,
// their accuracy, and how many there are.
type Bin struct {
	Confidence, Accuracy float64
	Count                int
}

// FoldScore is one cross-validation fold's scores.
type FoldScore struct {
	Fold                            int
	Accuracy, MacroF1, LogLoss, ECE float64
	N                               int
}

// trainView is the training report's HTML content.
type trainView struct {
	T          TrainingReport
	Classes    []string
	Confusion  [][]int
	PerClass   []classRow
	Provenance [][2]string
	Columns    []string
	// AllColumns counts the model's inputs; Columns holds at most
	// maxCoefficientRows of them.
	AllColumns int
	Charts     []chart
}

// maxCoefficientRows is the most inputs the coefficient chart shows.
const maxCoefficientRows = 80

type classRow struct {
	Class string
	ClassScores
}

// Training writes the training report as one self-contained HTML file:
// overall scores, a confusion matrix heatmap, per-class precision, recall
// and F1, a reliability diagram, the coefficients per class and the
// cross-validation fold scores.
func Training(w io.Writer, t TrainingReport) error {
	p, err := trainingPage(t)
	if err != nil {
		return err
	}
	return render(w, p)
}

func trainingPage(t TrainingReport) (*page, error) {
	v := &trainView{T: t, Classes: t.Classes}
	if len(v.Classes) == 0 {
		seen := map[string]bool{}
		for c := range t.Confusion {
			seen[c] = true
		}
		for c := range t.PerClass {
			seen[c] = true
		}
		for c := range seen {
			v.Classes = append(v.Classes, c)
		}
		sort.Strings(v.Classes)
	}
	for _, tc := range v.Classes {
		row := make([]int, len(v.Classes))
		for j, pc := range v.Classes {
			row[j] = t.Confusion[tc][pc]
		}
		v.Confusion = append(v.Confusion, row)
		if s, ok := t.PerClass[tc]; ok {
			v.PerClass = append(v.PerClass, classRow{tc, s})
		}
	}
	keys := make([]string, 0, len(t.Provenance))
	for k := range t.Provenance {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v.Provenance = append(v.Provenance, [2]string{k, t.Provenance[k]})
	}
	cols := map[string]bool{}
	for _, m := range t.Coefficients {
		for c := range m {
			cols[c] = true
		}
	}
	for c := range cols {
		v.Columns = append(v.Columns, c)
	}
	v.AllColumns = len(v.Columns)
	if len(v.Columns) > maxCoefficientRows {
		// A degree-2 model has hundreds of inputs: chart the largest.
		largest := func(c string) float64 {
			hi := 0.0
			for _, m := range t.Coefficients {
				hi = math.Max(hi, math.Abs(finite(m[c])))
			}
			return hi
		}
		sort.Slice(v.Columns, func(i, j int) bool {
			a, b := largest(v.Columns[i]), largest(v.Columns[j])
			return a > b || a == b && v.Columns[i] < v.Columns[j]
		})
		v.Columns = v.Columns[:maxCoefficientRows]
	}
	sort.Strings(v.Columns)

	p := &page{Title: "spinscan training report", Kind: "training", Train: v}
	for _, f := range []func(*trainView) (chart, error){confusionChart, classChart, reliabilityChart, coefficientChart, foldChart} {
		c, err := f(v)
		if err != nil {
			return nil, err
		}
		p.Charts = append(p.Charts, c)
	}
	v.Charts = p.Charts
	return p, nil
}

func confusionChart(v *trainView) (chart, error) {
	n := len(v.Classes)
	height := 160 + 60*n
	var data []opts.HeatMapData
	hi := 1
	for i := range v.Confusion {
		for j, c := range v.Confusion[i] {
			data = append(data, opts.HeatMapData{Value: []interface{}{j, i, c}})
			if c > hi {
				hi = c
			}
		}
	}
	c := charts.NewHeatMap()
	c.SetGlobalOptions(append(globals("chart-confusion", "Confusion matrix", "rows: true label; columns: predicted label", height),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Top: "90", Left: "10", Right: "120", Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: v.Classes, Name: "predicted", Position: "top", SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: v.Classes, Name: "true", Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: 0, Max: float32(hi), Orient: "vertical", Right: "10", Top: "center",
			InRange: &opts.VisualMapInRange{Color: []string{"#f7fbff", "#6baed6", "#08306b"}}}),
	)...)
	c.AddSeries("pages", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	return build("chart-confusion", height, c)
}

func classChart(v *trainView) (chart, error) {
	c := charts.NewBar()
	c.SetGlobalOptions(append(globals("chart-classes", "Precision, recall and F1 per class", "", 340),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "30"}),
		charts.WithGridOpts(opts.Grid{Top: "70"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 1}),
	)...)
	var names []string
	var pr, rc, f1 []opts.BarData
	for _, r := range v.PerClass {
		names = append(names, r.Class)
		pr = append(pr, opts.BarData{Value: round(r.Precision, 3)})
		rc = append(rc, opts.BarData{Value: round(r.Recall, 3)})
		f1 = append(f1, opts.BarData{Value: round(r.F1, 3)})
	}
	c.SetXAxis(names).
		AddSeries("precision", pr, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#5470c6"})).
		AddSeries("recall", rc, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#91cc75"})).
		AddSeries("F1", f1, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#ee6666"}))
	return build("chart-classes", 340, c)
}

func reliabilityChart(v *trainView) (chart, error) {
	c := charts.NewLine()
	c.SetGlobalOptions(append(globals("chart-reliability", "Reliability diagram",
		fmt.Sprintf("accuracy against mean confidence per bin; the diagonal is perfect calibration (ECE %.3f)", finite(v.T.ECE)), 400),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "50"}),
		charts.WithGridOpts(opts.Grid{Top: "90"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 1, Name: "confidence"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 1, Name: "accuracy"}),
	)...)
	diag := []opts.LineData{{Value: []float64{0, 0}}, {Value: []float64{1, 1}}}
	var pts []opts.LineData
	for _, b := range v.T.Reliability {
		if b.Count == 0 {
			continue
		}
		pts = append(pts, opts.LineData{Value: []interface{}{round(b.Confidence, 3), round(b.Accuracy, 3)}, Name: fmt.Sprintf("%d predictions", b.Count)})
	}
	c.AddSeries("perfect calibration", diag, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Color: "#999999"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#999999"}))
	c.AddSeries("model", pts, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#ee6666"}), charts.WithLabelOpts(opts.Label{Show: opts.Bool(false)}))
	return build("chart-reliability", 400, c)
}

func coefficientChart(v *trainView) (chart, error) {
	height := 140 + 22*len(v.Columns)
	if height < 260 {
		height = 260
	}
	var data []opts.HeatMapData
	hi := 0.0
	for y, col := range v.Columns {
		for x, cl := range v.Classes {
			w := finite(v.T.Coefficients[cl][col])
			hi = math.Max(hi, math.Abs(w))
			data = append(data, opts.HeatMapData{Value: []interface{}{x, y, round(w, 3)}})
		}
	}
	if hi == 0 {
		hi = 1
	}
	hi = round(hi, 3)
	c := charts.NewHeatMap()
	sub := "weight of each standardised column in each class's logit"
	if v.AllColumns > len(v.Columns) {
		sub = fmt.Sprintf("the %d inputs of largest weight (of %d: columns and products of two columns), in each class's logit", len(v.Columns), v.AllColumns)
	}
	c.SetGlobalOptions(append(globals("chart-coefficients", "Coefficients per class", sub, height),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Top: "80", Left: "10", Right: "120", Bottom: "20", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: v.Classes, Position: "top", SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: v.Columns, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: float32(-hi), Max: float32(hi), Orient: "vertical", Right: "10", Top: "center",
			InRange: &opts.VisualMapInRange{Color: []string{"#c23531", "#f7f7f7", "#2f7ed8"}}}),
	)...)
	c.AddSeries("weight", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), FontSize: 10}))
	return build("chart-coefficients", height, c)
}

func foldChart(v *trainView) (chart, error) {
	c := charts.NewBar()
	c.SetGlobalOptions(append(globals("chart-folds", "Cross-validation folds", "", 340),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "30"}),
		charts.WithGridOpts(opts.Grid{Top: "70"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0}),
	)...)
	var names []string
	var acc, f1, ll, ece []opts.BarData
	for _, f := range v.T.Folds {
		names = append(names, fmt.Sprintf("fold %d", f.Fold))
		acc = append(acc, opts.BarData{Value: round(f.Accuracy, 3)})
		f1 = append(f1, opts.BarData{Value: round(f.MacroF1, 3)})
		ll = append(ll, opts.BarData{Value: round(f.LogLoss, 3)})
		ece = append(ece, opts.BarData{Value: round(f.ECE, 3)})
	}
	c.SetXAxis(names).
		AddSeries("accuracy", acc, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#5470c6"})).
		AddSeries("macro F1", f1, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#ee6666"})).
		AddSeries("log loss", ll, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#fac858"})).
		AddSeries("ECE", ece, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#73c0de"}))
	return build("chart-folds", 340, c)
}
