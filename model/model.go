package model

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
)

// Version is the model file format version written by [Model.Save] and the
// only one [Load] accepts.
const Version = 1

// Model is a trained softmax regression, serialised as JSON.
//
// For a feature vector x the model forms its inputs: the columns, then, for
// each of Pairs, the product of two columns, then, for each of Splines, the
// values of its basis functions at its input's standardised value (a
// spline shapes a column or, in a model trained with
// Options.Interactions, a pair's product). It
// standardises every input, z_j = (u_j − Mean_j) / Scale_j (a Scale of 0
// counts as 1; a non-finite z_j counts as 0; clipped to ±Clip), computes one
// logit per class, l_c = (Weights_c · z + Bias_c) / Temperature, and returns
// softmax(l).
type Model struct {
	// Version is the file format version, 1.
	Version int `json:"version"`
	// Classes names the classes, e.g. original, reprint, spun, translated.
	Classes []string `json:"classes"`
	// Columns names the feature columns, in the order Predict expects them.
	Columns []string `json:"columns"`
	// Pairs lists the interaction inputs that follow the columns: input
	// len(Columns)+t is the product of the raw values of columns Pairs[t][0]
	// and Pairs[t][1] (a degree-2 model; see Options.Pairs). Empty for a
	// linear model.
	Pairs [][2]int `json:"pairs,omitempty"`
	// Gate, when set, names a column that multiplies every pair's
	// product (see Options.Gate): a pair then says something only on the
	// pages where the gate is not 0, paraphrase.has_peer's pages with a
	// peer, say.
	Gate string `json:"gate,omitempty"`
	// Splines lists the shape inputs that follow the pairs (see Spline,
	// Options.Splines and Options.Interactions): each adds one input per
	// basis function of the input Spline.Column (a column, or the pair
	// Spline.Column−len(Columns)), with Mean
	// the training mean of the basis value and Scale 1. Empty for a model
	// without shapes.
	Splines []Spline `json:"splines,omitempty"`
	// Mean holds the per-input training mean used for standardisation.
	Mean []float64 `json:"mean"`
	// Scale holds the per-input training standard deviation (population,
	// ddof 0) used for standardisation; 0 means 1.
	Scale []float64 `json:"scale"`
	// Weights holds the coefficients on standardised inputs, [class][input].
	Weights [][]float64 `json:"weights"`
	// Bias holds the per-class intercepts.
	Bias []float64 `json:"bias"`
	// Temperature divides the logits before the softmax; 1 (or 0 in a file,
	// meaning absent) leaves them unchanged. It is fitted on out-of-fold
	// predictions by [FitTemperature].
	Temperature float64 `json:"temperature,omitempty"`
	// Clip bounds every standardised value to [-Clip, Clip] (0: no bound),
	// so that a rare column seen far outside its training range (a page
	// with 8 comments when training pages had none) cannot swamp the rest.
	Clip float64 `json:"clip,omitempty"`
	// Route, with Short, sends the pages whose Route.Column is at most
	// Route.Max to Short, a model of the same classes and columns trained
	// on such pages only (see Options.Short). Both are nil for a model
	// that scores every page itself.
	Route *Route `json:"route,omitempty"`
	// Short is the model of the routed pages; it has no Route of its own.
	Short *Model `json:"short,omitempty"`
	// Provenance records how the model was made.
	Provenance Provenance `json:"provenance"`

	// routeCol is the index of Route.Column (set by Load and Train).
	routeCol int
	// gateCol is the index of Gate (set by Load and Train).
	gateCol int
	// names caches Inputs for Contributions (set by Load and Train), so
	// scoring a page does not build the pair names again.
	names []string
	// prior is the class prior WithPrior corrected the model to (nil:
	// the training prior).
	prior Prior
}

// Provenance records how a model was trained. [Train] fills the fields it
// knows (Samples, ClassCounts, Lambda, ClassWeights, Iterations, Converged);
// the caller fills Command, DataSHA256 and Date, and [Fit] fills CV.
type Provenance struct {
	// Command is the command line that produced the model.
	Command string `json:"command,omitempty"`
	// DataSHA256 is the hex SHA-256 of the training data file.
	DataSHA256 string `json:"data_sha256,omitempty"`
	// Date is when the model was trained (RFC 3339).
	Date string `json:"date,omitempty"`
	// Note is free text, e.g. what the training data was.
	Note string `json:"note,omitempty"`
	// Samples is the number of training samples.
	Samples int `json:"samples"`
	// ClassCounts is the number of training samples per class.
	ClassCounts map[string]int `json:"class_counts,omitempty"`
	// Lambda is the L2 penalty strength.
	Lambda float64 `json:"lambda"`
	// ClassWeights holds the per-class sample weights used.
	ClassWeights []float64 `json:"class_weights,omitempty"`
	// Iterations is the number of L-BFGS iterations run.
	Iterations int `json:"iterations"`
	// Converged reports whether L-BFGS met its gradient threshold.
	Converged bool `json:"converged"`
	// CV summarises group-aware cross-validation, if it was run.
	CV *CVSummary `json:"cv,omitempty"`
	// Excluded lists the columns trained with weight 0 (Options.Exclude).
	Excluded []string `json:"excluded,omitempty"`
}

// CVSummary is the cross-validation record kept in a model's provenance.
type CVSummary struct {
	// K is the number of folds.
	K int `json:"k"`
	// Accuracy, MacroF1, LogLoss and ECE are measured on pooled out-of-fold
	// predictions before temperature scaling.
	Accuracy float64 `json:"accuracy"`
	MacroF1  float64 `json:"macro_f1"`
	LogLoss  float64 `json:"log_loss"`
	ECE      float64 `json:"ece"`
	// Temperature is the temperature fitted on the out-of-fold predictions.
	Temperature float64 `json:"temperature"`
	// CalibratedECE and CalibratedLogLoss are the out-of-fold ECE and
	// log-loss after temperature scaling (optimistic: the temperature was
	// fitted on the same predictions).
	CalibratedECE     float64 `json:"calibrated_ece"`
	CalibratedLogLoss float64 `json:"calibrated_log_loss"`
	// HeldOutCalibratedECE is the out-of-fold ECE after temperature
	// scaling with each fold's temperature fitted on the other folds'
	// predictions only: the honest figure for a model that ships a
	// temperature.
	HeldOutCalibratedECE float64 `json:"held_out_calibrated_ece"`
}

// Contribution is one column's share of a class logit.
type Contribution struct {
	// Column is the feature column name.
	Column string `json:"column"`
	// Value is Weight times the standardised feature value.
	Value float64 `json:"value"`
	// Weight is the class coefficient for the column.
	Weight float64 `json:"weight"`
}

// Predict writes the class probabilities for the raw feature vector x into
// dst and returns it. If dst has too little capacity a new slice is
// allocated; the result has len(m.Classes) entries summing to 1. Non-finite
// features (NaN, ±Inf) count as the training mean. Predict panics if len(x)
// differs from len(m.Columns), which is a programmer error.
func (m *Model) Predict(dst []float64, x []float64) []float64 {
	if len(x) != len(m.Columns) {
		panic(fmt.Sprintf("model: Predict got %d features, want %d columns", len(x), len(m.Columns)))
	}
	if s := m.routed(x); s != nil {
		return s.Predict(dst, x)
	}
	k := len(m.Classes)
	if cap(dst) < k {
		dst = make([]float64, k)
	}
	dst = dst[:k]
	t := m.temperature()
	for c := range k {
		dst[c] = m.Bias[c]
	}
	for j, v := range x {
		m.addInput(dst, j, v)
	}
	j := len(x)
	// The pairs' products, kept for their splines (no allocation a page
	// for up to 64 pairs).
	var pbuf [64]float64
	pairs := pbuf[:0]
	if n := len(m.Pairs); n > len(pbuf) {
		pairs = make([]float64, 0, n)
	}
	for p := range m.Pairs {
		pairs = append(pairs, m.pair(x, p))
		m.addInput(dst, j, pairs[p])
		j++
	}
	var buf [16]float64 // one spline's basis values, without an allocation a page
	for _, sp := range m.Splines {
		b := buf[:0]
		if n := sp.size(); n <= len(buf) {
			b = buf[:n]
		} else {
			b = make([]float64, n)
		}
		var v float64 // the raw input the spline shapes: a column, or a pair
		if c := sp.Column; c < len(x) {
			v = x[c]
		} else {
			v = pairs[c-len(x)]
		}
		sp.basis(b, m.z(sp.Column, v))
		for _, v := range b {
			m.addInput(dst, j, v)
			j++
		}
	}
	for c := range k {
		dst[c] /= t
	}
	softmaxInPlace(dst)
	return dst
}

// addInput adds raw input j's terms, weight times standardised value, to
// the class logits in dst.
func (m *Model) addInput(dst []float64, j int, u float64) {
	z := m.z(j, u)
	if z == 0 {
		return
	}
	for c := range dst {
		dst[c] += m.Weights[c][j] * z
	}
}

// inputs returns the model's raw inputs for the feature vector x: the
// columns, the products of the pairs, then the splines' basis values.
func (m *Model) inputs(x []float64) []float64 {
	u := make([]float64, len(m.Mean))
	n := copy(u, x)
	for t := range m.Pairs {
		u[n] = m.pair(x, t)
		n++
	}
	for _, sp := range m.Splines {
		c := sp.Column
		sp.basis(u[n:n+sp.size()], m.z(c, u[c]))
		n += sp.size()
	}
	return u
}

// pair returns the product of pair t's columns in x, times the gate's
// value when the model has one.
func (m *Model) pair(x []float64, t int) float64 {
	pr := m.Pairs[t]
	v := x[pr[0]] * x[pr[1]]
	if m.Gate != "" {
		v *= x[m.gateCol]
	}
	return v
}

// Inputs returns the names of the model's inputs: its columns, then one
// name "a × b" for each pair, then "a ~k" for basis function k of input
// a's spline.
func (m *Model) Inputs() []string {
	out := append(make([]string, 0, len(m.Mean)), m.Columns...)
	for _, pr := range m.Pairs {
		out = append(out, PairName(m.Columns[pr[0]], m.Columns[pr[1]]))
	}
	for _, sp := range m.Splines {
		for k := range sp.size() {
			out = append(out, splineName(out[sp.Column], k))
		}
	}
	return out
}

// pairSep joins the two column names of a pair input.
const pairSep = " × "

// PairName is the name of the input that multiplies columns a and b.
func PairName(a, b string) string { return a + pairSep + b }

// SplitPair returns the two columns of a pair input's name, and false for
// the name of a column.
func SplitPair(name string) (a, b string, ok bool) { return strings.Cut(name, pairSep) }

// Contributions returns w_j·z_j for every input j of the given class (the
// columns, then the pairs, named as [Model.Inputs] names them), sorted by
// decreasing absolute value (ties keep input order). The values are the
// terms of the class logit before the bias and the temperature. A column
// or pair with a spline gets one entry, its name, holding its linear term
// and its basis terms together (its shape at x), with Weight that sum
// divided by its standardised value (its linear weight when that is 0).
// Contributions panics if class is out of range or len(x) differs from
// len(m.Columns).
func (m *Model) Contributions(x []float64, class int) []Contribution {
	if len(x) != len(m.Columns) {
		panic(fmt.Sprintf("model: Contributions got %d features, want %d columns", len(x), len(m.Columns)))
	}
	if s := m.routed(x); s != nil {
		return s.Contributions(x, class)
	}
	return m.contributions(x, m.Weights[class], nil)
}

// Versus is [Model.Contributions] for the difference of two class logits,
// class minus other: each value is (w_class,j − w_other,j)·z_j, its share
// in how much more the model favours class than other (the log of the
// ratio of their probabilities, before the temperature). Against the
// runner-up it says why a page got its label rather than the next one;
// a class's own logit terms say little alone, since a softmax depends
// only on differences. Versus panics as Contributions does, or if other
// is out of range.
func (m *Model) Versus(x []float64, class, other int) []Contribution {
	if len(x) != len(m.Columns) {
		panic(fmt.Sprintf("model: Versus got %d features, want %d columns", len(x), len(m.Columns)))
	}
	if s := m.routed(x); s != nil {
		return s.Versus(x, class, other)
	}
	return m.contributions(x, m.Weights[class], m.Weights[other])
}

// InterceptVersus is the difference of the intercepts of class and other
// in the model that scores x (its Short model for a routed page): the
// term of the logit difference that [Model.Versus] leaves out, what the
// model makes of the two classes for a page whose every input sits at the
// training mean. Versus's values and it sum to the logit difference
// before the temperature. It panics as Versus does.
func (m *Model) InterceptVersus(x []float64, class, other int) float64 {
	if len(x) != len(m.Columns) {
		panic(fmt.Sprintf("model: InterceptVersus got %d features, want %d columns", len(x), len(m.Columns)))
	}
	if s := m.routed(x); s != nil {
		return s.InterceptVersus(x, class, other)
	}
	return m.Bias[class] - m.Bias[other]
}

// contributions returns (w_j − minus_j)·z_j for every input j (minus nil:
// w_j·z_j), spline terms summed into their column's entry, sorted by
// decreasing absolute value.
func (m *Model) contributions(x []float64, w, minus []float64) []Contribution {
	weight := func(j int) float64 {
		if minus == nil {
			return w[j]
		}
		return w[j] - minus[j]
	}
	names := m.names
	if len(names) != len(m.Mean) {
		names = m.Inputs() // a Model built by hand
	}
	u := m.inputs(x)
	shaped := len(m.Columns) + len(m.Pairs)
	out := make([]Contribution, shaped)
	for j, name := range names[:shaped] {
		out[j] = Contribution{Column: name, Value: weight(j) * m.z(j, u[j]), Weight: weight(j)}
	}
	j := shaped
	for _, sp := range m.Splines {
		c := &out[sp.Column]
		for range sp.size() {
			c.Value += weight(j) * m.z(j, u[j])
			j++
		}
		if z := m.z(sp.Column, u[sp.Column]); z != 0 {
			c.Weight = c.Value / z
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return math.Abs(out[a].Value) > math.Abs(out[b].Value) })
	return out
}

// Route names the column and the value up to which a page goes to a
// model's Short model (see Options.Short).
type Route struct {
	// Column is a column of the model, e.g. paraphrase.sentences.
	Column string `json:"column"`
	// Max is the largest value of Column routed to the Short model.
	Max float64 `json:"max"`
}

// Routes reports whether m sends the feature vector x to its Short model.
func (m *Model) Routes(x []float64) bool { return m.routed(x) != nil }

// routed returns the model that scores x when it is not m itself (m.Short
// for a routed page), else nil. A non-finite value is not routed.
func (m *Model) routed(x []float64) *Model {
	if m.Short == nil || m.Route == nil {
		return nil
	}
	if v := x[m.routeCol]; v <= m.Route.Max {
		return m.Short
	}
	return nil
}

// z standardises feature j.
func (m *Model) z(j int, v float64) float64 {
	s := m.Scale[j]
	if s == 0 {
		s = 1
	}
	return clipZ((v-m.Mean[j])/s, m.Clip)
}

// clipZ maps a non-finite standardised value to 0 and bounds the rest to
// [-c, c] when c > 0.
func clipZ(z, c float64) float64 {
	if math.IsNaN(z) || math.IsInf(z, 0) {
		return 0
	}
	if c > 0 {
		z = math.Max(-c, math.Min(c, z))
	}
	return z
}

func (m *Model) temperature() float64 {
	if m.Temperature == 0 {
		return 1
	}
	return m.Temperature
}

// softmaxInPlace replaces the logits in l by their softmax. It never yields
// NaN: NaN logits count as −Inf, logits of +Inf share all the mass, and if
// every logit is −Inf the result is uniform.
func softmaxInPlace(l []float64) {
	mx := math.Inf(-1)
	var posInf int
	for i, v := range l {
		if math.IsNaN(v) {
			l[i] = math.Inf(-1)
			continue
		}
		if math.IsInf(v, 1) {
			posInf++
		}
		if v > mx {
			mx = v
		}
	}
	if posInf > 0 || math.IsInf(mx, -1) {
		for i, v := range l {
			switch {
			case posInf == 0:
				l[i] = 1 / float64(len(l))
			case math.IsInf(v, 1):
				l[i] = 1 / float64(posInf)
			default:
				l[i] = 0
			}
		}
		return
	}
	var sum float64
	for i, v := range l {
		e := math.Exp(v - mx)
		l[i] = e
		sum += e
	}
	for i := range l {
		l[i] /= sum
	}
}

// Save writes the model as indented JSON. The output is stable: the same
// model always yields the same bytes, and [Load] reads back bit-identical
// numbers.
func (m *Model) Save(w io.Writer) error {
	if err := m.validate(); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("model: encode: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("model: write: %w", err)
	}
	return nil
}

// Load reads and validates a model written by [Model.Save]. It rejects
// malformed or trailing JSON, unknown fields, another format version, empty
// or duplicated class and column names, arrays whose lengths disagree with
// the class and column lists, non-finite numbers, negative scales and a
// non-positive temperature.
func Load(r io.Reader) (*Model, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("model: decode: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("model: decode: trailing data after the model object")
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	m.prepare()
	return &m, nil
}

// prepare caches what scoring needs from a validated model: the input
// names and the routing column's index, for m and its Short model.
func (m *Model) prepare() {
	m.names = m.Inputs()
	if m.Route != nil {
		m.routeCol = slices.Index(m.Columns, m.Route.Column)
	}
	m.gateCol = slices.Index(m.Columns, m.Gate)
	if m.Short != nil {
		m.Short.prepare()
	}
}

// validate checks the model's shapes and numbers.
func (m *Model) validate() error {
	if m.Version != Version {
		return fmt.Errorf("model: version %d, want %d", m.Version, Version)
	}
	if len(m.Classes) < 2 {
		return fmt.Errorf("model: %d classes, want at least 2", len(m.Classes))
	}
	if len(m.Columns) == 0 {
		return errors.New("model: no columns")
	}
	if err := uniqueNames("class", m.Classes); err != nil {
		return err
	}
	if err := uniqueNames("column", m.Columns); err != nil {
		return err
	}
	for t, pr := range m.Pairs {
		if pr[0] < 0 || pr[1] < 0 || pr[0] >= len(m.Columns) || pr[1] >= len(m.Columns) {
			return fmt.Errorf("model: pairs[%d] is %v, want two column indices in 0..%d", t, pr, len(m.Columns)-1)
		}
	}
	if m.Gate != "" && !slices.Contains(m.Columns, m.Gate) {
		return fmt.Errorf("model: gate %q is not a column", m.Gate)
	}
	k, p := len(m.Classes), len(m.Columns)+len(m.Pairs)
	for t, sp := range m.Splines {
		if err := validSpline(t, sp, len(m.Columns)+len(m.Pairs)); err != nil {
			return err
		}
		p += sp.size()
	}
	if err := finiteVec("mean", m.Mean, p, "inputs"); err != nil {
		return err
	}
	if err := finiteVec("scale", m.Scale, p, "inputs"); err != nil {
		return err
	}
	for j, s := range m.Scale {
		if s < 0 {
			return fmt.Errorf("model: scale[%d] is %v, want ≥ 0", j, s)
		}
	}
	if len(m.Weights) != k {
		return fmt.Errorf("model: weights has %d rows, want %d classes", len(m.Weights), k)
	}
	for c, row := range m.Weights {
		if err := finiteVec(fmt.Sprintf("weights[%d]", c), row, p, "inputs"); err != nil {
			return err
		}
	}
	if err := finiteVec("bias", m.Bias, k, "classes"); err != nil {
		return err
	}
	if t := m.Temperature; t != 0 && !(t > 0 && !math.IsInf(t, 0)) {
		return fmt.Errorf("model: temperature is %v, want a finite number > 0", t)
	}
	return m.validateShort()
}

// validateShort checks Route and Short: both or neither, the routing
// column one of the model's, and Short a valid model of the same classes
// and columns with no Short of its own.
func (m *Model) validateShort() error {
	if (m.Route == nil) != (m.Short == nil) {
		return errors.New("model: route and short come together")
	}
	if m.Short == nil {
		return nil
	}
	if !slices.Contains(m.Columns, m.Route.Column) {
		return fmt.Errorf("model: route column %q is not a column of the model", m.Route.Column)
	}
	if math.IsNaN(m.Route.Max) || math.IsInf(m.Route.Max, 0) {
		return fmt.Errorf("model: route max is %v, want a finite number", m.Route.Max)
	}
	s := m.Short
	if s.Short != nil || s.Route != nil {
		return errors.New("model: the short model has a route of its own")
	}
	if !slices.Equal(s.Classes, m.Classes) || !slices.Equal(s.Columns, m.Columns) {
		return errors.New("model: the short model's classes or columns differ from the model's")
	}
	if err := s.validate(); err != nil {
		return fmt.Errorf("short: %w", err)
	}
	return nil
}

func uniqueNames(kind string, names []string) error {
	seen := make(map[string]int, len(names))
	for i, n := range names {
		if strings.TrimSpace(n) == "" {
			return fmt.Errorf("model: %s %d has an empty name", kind, i)
		}
		if j, ok := seen[n]; ok {
			return fmt.Errorf("model: %s %q appears twice (%d and %d)", kind, n, j, i)
		}
		seen[n] = i
	}
	return nil
}

func finiteVec(name string, v []float64, want int, of string) error {
	if len(v) != want {
		return fmt.Errorf("model: %s has %d values, want %d %s", name, len(v), want, of)
	}
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("model: %s[%d] is %v, want a finite number", name, i, x)
		}
	}
	return nil
}

// ColumnError describes how a model's columns differ from the columns a
// caller computes. It is returned by [Model.CheckColumns].
type ColumnError struct {
	// Missing lists wanted columns the model lacks.
	Missing []string
	// Unknown lists model columns the caller does not compute.
	Unknown []string
	// Moved lists columns both sides have but at different positions, as
	// "name (model i, want j)".
	Moved []string
	// Duplicated lists columns the caller names more than once.
	Duplicated []string
}

// Error names every difference, e.g. "model lacks column faq.pairs; model
// has unknown column x.y".
func (e *ColumnError) Error() string {
	var parts []string
	if len(e.Missing) > 0 {
		parts = append(parts, plural("model lacks column", e.Missing))
	}
	if len(e.Unknown) > 0 {
		parts = append(parts, plural("model has unknown column", e.Unknown))
	}
	if len(e.Moved) > 0 {
		parts = append(parts, "model columns are in another order: "+strings.Join(e.Moved, ", "))
	}
	if len(e.Duplicated) > 0 {
		parts = append(parts, "wanted columns listed twice: "+strings.Join(e.Duplicated, ", "))
	}
	return strings.Join(parts, "; ")
}

func plural(prefix string, names []string) string {
	if len(names) > 1 {
		prefix += "s"
	}
	return prefix + " " + strings.Join(names, ", ")
}

// CheckColumns returns nil if the model's columns are exactly want, in
// order, and otherwise a *[ColumnError] naming the missing, unknown and
// reordered columns.
func (m *Model) CheckColumns(want []string) error {
	have := make(map[string]int, len(m.Columns))
	for i, c := range m.Columns {
		have[c] = i
	}
	wanted := make(map[string]int, len(want))
	var e ColumnError
	for i, c := range want {
		if _, dup := wanted[c]; dup {
			e.Duplicated = append(e.Duplicated, c)
			continue
		}
		wanted[c] = i
	}
	for _, c := range want {
		if _, ok := have[c]; !ok {
			e.Missing = append(e.Missing, c)
		}
	}
	for _, c := range m.Columns {
		if _, ok := wanted[c]; !ok {
			e.Unknown = append(e.Unknown, c)
		}
	}
	if len(e.Missing) == 0 && len(e.Unknown) == 0 && len(e.Duplicated) == 0 {
		for i, c := range m.Columns {
			if want[i] != c {
				e.Moved = append(e.Moved, fmt.Sprintf("%s (model %d, want %d)", c, i, wanted[c]))
			}
		}
	}
	if len(e.Missing)+len(e.Unknown)+len(e.Moved)+len(e.Duplicated) == 0 {
		return nil
	}
	return &e
}

//go:embed default.json
var defaultJSON []byte

//go:embed single.json
var singleJSON []byte

// Default returns a fresh copy of the crawl-mode model embedded in the
// binary (default.json), trained on features computed with each sample's
// story cluster. It fails only if that file is broken, with a message
// saying so.
func Default() (*Model, error) {
	return embedded("default.json", defaultJSON)
}

// DefaultSingle returns a fresh copy of the single-page model embedded in
// the binary (single.json), trained on features computed for every sample
// alone (spinscan train --single): the model for pages scored with no
// cluster peers, which must lean on the intrinsic evidence.
func DefaultSingle() (*Model, error) {
	return embedded("single.json", singleJSON)
}

func embedded(name string, b []byte) (*Model, error) {
	m, err := Load(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("model: embedded %s is unusable (regenerate it with spinscan train): %w", name, err)
	}
	return m, nil
}
