package model

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// DefaultLambda is the L2 penalty strength used when Options.Lambda is 0
// and the model has no splines.
const DefaultLambda = 1e-2

// DefaultSplineLambda is the L2 penalty strength used when Options.Lambda is
// 0 and Options.Splines gives the columns splines: their basis values are
// not scaled up to unit variance as the columns are, and a shape has
// several weights, so the columns' penalty would flatten them. Chosen by
// cross-validated macro-F1 on the default model's training crawl: 1e-4 /
// 2.5e-4 / 5e-4 / 1e-3 gave 0.899 / 0.902 / 0.901 / 0.900 (EVALUATION.md).
const DefaultSplineLambda = 2.5e-4

// DefaultMaxIter is the L-BFGS iteration limit used when Options.MaxIter is 0.
const DefaultMaxIter = 1000

// gradTol is the infinity-norm gradient threshold at which L-BFGS stops. The
// loss is a mean, so the threshold does not depend on the number of samples.
const gradTol = 1e-6

// Options configures [Train]. The zero value is ready to use.
type Options struct {
	// Lambda is the L2 penalty on the weights of standardised columns
	// (biases are never penalised); 0 means DefaultLambda, or
	// DefaultSplineLambda with Splines. It must not be
	// negative.
	Lambda float64
	// ClassWeights holds one sample weight per class. Nil means balanced:
	// n/(k·n_c), where k counts the classes present in y and n_c the samples
	// of class c (an absent class gets weight 0), as scikit-learn's
	// class_weight="balanced".
	ClassWeights []float64
	// Balance is the power the balanced weights are raised to when
	// ClassWeights is nil: 1 (or 0, the zero value) is scikit-learn's
	// "balanced", 0.5 its square root, which corrects the imbalance only
	// part of the way. It must lie in [0, 1].
	Balance float64
	// Exclude names columns the model must not use: they stay in the model
	// (so it accepts the feature suite's columns) with weight 0. Use it for
	// columns that describe how a training crawl was assembled rather than
	// the page, such as how many copies of a story it holds.
	Exclude []string
	// Clip bounds standardised values to [-Clip, Clip] in training and in
	// the model's predictions (Model.Clip); 0 means no bound.
	Clip float64
	// Pairs adds, as further inputs, the product of every two columns not
	// in Exclude (Model.Pairs): a degree-2 model, still a softmax
	// regression on its inputs, which can weigh a column by the value of
	// another (a reworded share means one thing beside a foreign-language
	// peer and another without one).
	Pairs bool
	// Interactions, when above 0, adds the products of that many pairs of
	// columns not in Exclude as further inputs (Model.Pairs), each with a
	// spline of its own when Splines is set: the pairs whose joint values
	// best explain what a model without them gets wrong (see
	// [RankInteractions]). A few chosen pairs, unlike Pairs' every pair,
	// let the model weigh one column by another (a reworded share beside
	// a restatement score, fluency beside the share of function words)
	// without the thousand inputs that overfit. It applies to the main
	// model only, not to a Short one, and not with Pairs.
	Interactions int
	// Gate, with Interactions, names a column that multiplies every
	// chosen pair's product (Model.Gate), and that joins no pair itself:
	// paraphrase.has_peer keeps the pairs to pages with a peer, so that a
	// page alone is scored by its shapes, as a model without pairs would.
	// The pairs are ranked on the rows where the gate is not 0.
	Gate string
	// Splines, when at least 3, gives every column not in Exclude whose
	// training values have at least three distinct quantiles a cubic
	// B-spline of up to Splines interior knots at evenly spaced quantiles
	// of its standardised, clipped training values (Model.Splines): a
	// generalised additive model, one shape per column, still a softmax
	// regression on its inputs. The basis values enter centred, not scaled
	// (so the penalty treats every shape alike).
	Splines int
	// MaxIter limits L-BFGS iterations; 0 means DefaultMaxIter.
	MaxIter int
	// Short, when set, routes short pages to a model of their own: the rows
	// whose column Short.Column is at most Short.Max train Model.Short, the
	// others the main model, and Predict sends each page to the model of
	// its kind. One-sentence pages differ from documents in every share
	// and style measure (a share is 0 or 1, a type-token ratio near 1), so
	// one set of shapes fits them badly; a model of their own leaves the
	// documents' model as it was. With fewer than MinShortRows routed rows
	// (or one class among them) Train fits one model to all rows.
	Short *Route
	// ShortOnly, when not nil, marks the rows of X (one mark per row)
	// that may train only the short model: train-only one-sentence pages,
	// say, which teach the short model and would only mislead the main
	// one. A marked row never trains the main model; with Short set it
	// trains the short model if it is routed there, and is dropped if it
	// is not.
	ShortOnly []bool

	// centredFrom, when > 0, is the first input that is centred but not
	// scaled (the splines' basis values; set by Train).
	centredFrom int
	// Logger receives progress and convergence warnings; nil discards.
	Logger *slog.Logger
}

func (o Options) lambda() float64 {
	if o.Lambda == 0 {
		if o.Splines >= 3 {
			return DefaultSplineLambda
		}
		return DefaultLambda
	}
	return o.Lambda
}

func (o Options) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}

// Train fits a softmax regression to the rows of X (one per sample, one value
// per column) and the class indices y (into classes). Columns are
// standardised with their training mean and population standard deviation,
// ignoring non-finite values, which then count as 0 after standardising, as
// in [Model.Predict]. The loss is described in the package documentation and
// is minimised with L-BFGS from zero.
//
// Train returns an error for empty or ragged input, out-of-range labels,
// fewer than two classes, duplicated names, a negative Lambda or bad class
// weights. If L-BFGS stops before its gradient threshold (iteration limit, or
// a line search that can make no more progress) the best point found is
// returned, a warning is logged and Provenance.Converged is false.
//
// With opt.Short, the rows routed to the short model train it and the
// others train the model returned (see Options.Short).
func Train(X [][]float64, y []int, classes, columns []string, opt Options) (*Model, error) {
	if opt.ShortOnly != nil {
		if len(opt.ShortOnly) != len(X) {
			return nil, fmt.Errorf("model: %d short-only marks for %d rows", len(opt.ShortOnly), len(X))
		}
		if opt.Short == nil {
			X, y = unmarked(X, y, opt.ShortOnly)
		}
	}
	shortOnly := opt.ShortOnly
	opt.ShortOnly = nil
	if opt.Short == nil {
		return train(X, y, classes, columns, opt)
	}
	col := slices.Index(columns, opt.Short.Column)
	if col < 0 {
		return nil, fmt.Errorf("model: short route column %q is not among the columns", opt.Short.Column)
	}
	var longX, shortX [][]float64
	var longY, shortY []int
	for i, row := range X {
		if col < len(row) && row[col] <= opt.Short.Max {
			shortX, shortY = append(shortX, row), append(shortY, y[i])
		} else if shortOnly == nil || !shortOnly[i] {
			longX, longY = append(longX, row), append(longY, y[i])
		}
	}
	route := *opt.Short
	opt.Short = nil
	if len(shortX) < MinShortRows || distinct(shortY) < 2 || len(longX) == 0 {
		// Too few routed rows for a model of their own: one model for all.
		opt.logger().Warn("too few rows for a short model; training one model", "routed", len(shortX), "min", MinShortRows)
		if shortOnly != nil {
			X, y = unmarked(X, y, shortOnly)
		}
		return train(X, y, classes, columns, opt)
	}
	m, err := train(longX, longY, classes, columns, opt)
	if err != nil {
		return nil, err
	}
	short := opt
	short.Interactions = 0 // see Options.Interactions
	s, err := train(shortX, shortY, classes, columns, short)
	if err != nil {
		return nil, fmt.Errorf("model: short model: %w", err)
	}
	m.Route, m.Short = &route, s
	m.routeCol = col
	return m, nil
}

// unmarked returns the rows of X and y whose mark is false.
func unmarked(X [][]float64, y []int, mark []bool) ([][]float64, []int) {
	var outX [][]float64
	var outY []int
	for i, m := range mark {
		if !m {
			outX, outY = append(outX, X[i]), append(outY, y[i])
		}
	}
	return outX, outY
}

// MinShortRows is the fewest routed rows (see Options.Short) that train a
// short model; with fewer, Train fits one model to every row.
const MinShortRows = 50

// distinct counts the distinct values of y.
func distinct(y []int) int {
	seen := map[int]bool{}
	for _, v := range y {
		seen[v] = true
	}
	return len(seen)
}

func train(X [][]float64, y []int, classes, columns []string, opt Options) (*Model, error) {
	var pairs [][2]int
	var err error
	switch {
	case opt.Interactions < 0:
		return nil, fmt.Errorf("model: train: %d interactions, want 0 or more", opt.Interactions)
	case opt.Pairs && opt.Interactions > 0:
		return nil, errors.New("model: train: Pairs and Interactions exclude each other")
	case opt.Pairs:
		pairs, err = columnPairs(columns, opt.Exclude)
	case opt.Interactions > 0:
		pairs, err = selectInteractions(X, y, classes, columns, opt)
	}
	if err != nil {
		return nil, err
	}
	gate := -1
	if opt.Interactions > 0 && opt.Gate != "" {
		gate = slices.Index(columns, opt.Gate)
	}
	if len(pairs) > 0 {
		if X, err = withPairs(X, len(columns), pairs, gate); err != nil {
			return nil, err
		}
		all := slices.Clip(columns)
		for _, pr := range pairs {
			all = append(all, PairName(columns[pr[0]], columns[pr[1]]))
		}
		columns = all
	}
	shaped := len(columns)
	var splines []Spline
	if opt.Splines >= 3 {
		// Every pair of Pairs stays linear (a thousand shapes would only
		// overfit); each chosen interaction gets a shape as a column does.
		splined := len(columns)
		if opt.Pairs {
			splined -= len(pairs)
		}
		if X, splines, err = withSplines(X, columns, splined, opt); err != nil {
			return nil, err
		}
		all := slices.Clip(columns)
		for _, sp := range splines {
			for k := range sp.size() {
				all = append(all, splineName(columns[sp.Column], k))
			}
		}
		columns = all
	}
	if len(splines) > 0 {
		opt.centredFrom = shaped
	}
	p, err := newProblem(X, y, classes, columns, opt)
	if err != nil {
		return nil, err
	}
	m, err := p.fit(opt)
	if err != nil {
		return nil, err
	}
	m.Columns = m.Columns[:shaped-len(pairs)]
	m.Pairs = pairs
	if gate >= 0 {
		m.Gate, m.gateCol = opt.Gate, gate
	}
	m.Splines = splines
	m.names = m.Inputs()
	return m, nil
}

// withSplines returns the rows of X (the first p of its columns the
// model's columns) with the basis values of the columns' splines appended,
// in new slices, and the splines (see Options.Splines).
func withSplines(X [][]float64, columns []string, p int, opt Options) ([][]float64, []Spline, error) {
	for i, row := range X {
		if len(row) < p {
			return nil, nil, fmt.Errorf("model: train: sample %d has %d values, want %d columns", i, len(row), p)
		}
	}
	mean, scale := standardisation(X, p)
	skip := make([]bool, p)
	for _, name := range opt.Exclude {
		if j := slices.Index(columns[:p], name); j >= 0 {
			skip[j] = true
		}
	}
	var splines []Spline
	zs := make([]float64, len(X))
	for c := range p {
		if skip[c] {
			continue
		}
		for i, row := range X {
			zs[i] = standardised(row[c], mean[c], scale[c], opt.Clip)
		}
		if knots := splineKnots(zs, opt.Splines); knots != nil {
			splines = append(splines, Spline{Column: c, Knots: knots})
		}
	}
	out := make([][]float64, len(X))
	for i, row := range X {
		r := slices.Grow(slices.Clone(row), len(splines)*(opt.Splines+SplineDegree-1))
		for _, sp := range splines {
			b := make([]float64, sp.size())
			sp.basis(b, standardised(row[sp.Column], mean[sp.Column], scale[sp.Column], opt.Clip))
			r = append(r, b...)
		}
		out[i] = r
	}
	return out, splines, nil
}

// standardised is a column value as Model.z gives it: standardised with the
// training mean and scale (0 counts as 1), non-finite as 0, clipped.
func standardised(v, mean, scale, clip float64) float64 {
	if scale == 0 {
		scale = 1
	}
	return clipZ((v-mean)/scale, clip)
}

// columnPairs lists every pair (i, j), i < j, of columns neither of which
// is excluded.
func columnPairs(columns, exclude []string) ([][2]int, error) {
	skip := make([]bool, len(columns))
	for _, name := range exclude {
		j := slices.Index(columns, name)
		if j < 0 {
			return nil, fmt.Errorf("model: train: excluded column %q is not a column", name)
		}
		skip[j] = true
	}
	var out [][2]int
	for i := range columns {
		for j := i + 1; j < len(columns); j++ {
			if !skip[i] && !skip[j] {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out, nil
}

// withPairs returns the rows of X (p columns each) with the products of
// the pairs appended (times column gate's value, when gate ≥ 0), in new
// slices.
func withPairs(X [][]float64, p int, pairs [][2]int, gate int) ([][]float64, error) {
	out := make([][]float64, len(X))
	for i, row := range X {
		if len(row) != p {
			return nil, fmt.Errorf("model: train: sample %d has %d values, want %d columns", i, len(row), p)
		}
		r := make([]float64, p, p+len(pairs))
		copy(r, row)
		for _, pr := range pairs {
			v := row[pr[0]] * row[pr[1]]
			if gate >= 0 {
				v *= row[gate]
			}
			r = append(r, v)
		}
		out[i] = r
	}
	return out, nil
}

// problem is one training problem: standardised design matrix, one-hot
// targets and per-sample weights.
type problem struct {
	classes, columns []string
	n, p, k          int
	z                *mat.Dense // n×p standardised features
	y                []int
	sw               []float64 // per-sample weight / S
	lambda           float64
	mean, scale      []float64
	classW           []float64
	counts           []int
}

func newProblem(X [][]float64, y []int, classes, columns []string, opt Options) (*problem, error) {
	n, k, p := len(X), len(classes), len(columns)
	switch {
	case n == 0:
		return nil, errors.New("model: train: no samples")
	case len(y) != n:
		return nil, fmt.Errorf("model: train: %d labels for %d samples", len(y), n)
	case k < 2:
		return nil, fmt.Errorf("model: train: %d classes, want at least 2", k)
	case p == 0:
		return nil, errors.New("model: train: no columns")
	case opt.Lambda < 0 || math.IsNaN(opt.Lambda) || math.IsInf(opt.Lambda, 0):
		return nil, fmt.Errorf("model: train: lambda %v, want a finite number ≥ 0", opt.Lambda)
	}
	if err := uniqueNames("class", classes); err != nil {
		return nil, fmt.Errorf("model: train: %w", err)
	}
	if err := uniqueNames("column", columns); err != nil {
		return nil, fmt.Errorf("model: train: %w", err)
	}
	counts := make([]int, k)
	for i, row := range X {
		if len(row) != p {
			return nil, fmt.Errorf("model: train: sample %d has %d values, want %d columns", i, len(row), p)
		}
		if y[i] < 0 || y[i] >= k {
			return nil, fmt.Errorf("model: train: sample %d has label %d, want 0..%d", i, y[i], k-1)
		}
		counts[y[i]]++
	}
	cw, err := classWeights(opt.ClassWeights, counts, opt.Balance)
	if err != nil {
		return nil, err
	}
	mean, scale := standardisation(X, p)
	for j := opt.centredFrom; opt.centredFrom > 0 && j < p; j++ {
		scale[j] = 1
	}
	excluded := make([]bool, p)
	for _, name := range opt.Exclude {
		j := slices.Index(columns, name)
		if j < 0 {
			return nil, fmt.Errorf("model: train: excluded column %q is not a column", name)
		}
		// A column of zeros keeps weight 0: its gradient is always 0.
		excluded[j], mean[j], scale[j] = true, 0, 0
	}
	z := mat.NewDense(n, p, nil)
	for i, row := range X {
		for j, v := range row {
			if excluded[j] {
				continue
			}
			s := scale[j]
			if s == 0 {
				s = 1
			}
			z.Set(i, j, clipZ((v-mean[j])/s, opt.Clip))
		}
	}
	sw := make([]float64, n)
	var total float64
	for i, c := range y {
		sw[i] = cw[c]
		total += cw[c]
	}
	if !(total > 0) {
		return nil, errors.New("model: train: every sample has class weight 0")
	}
	for i := range sw {
		sw[i] /= total
	}
	return &problem{
		classes: classes, columns: columns, n: n, p: p, k: k,
		z: z, y: y, sw: sw, lambda: opt.lambda(),
		mean: mean, scale: scale, classW: cw, counts: counts,
	}, nil
}

// classWeights resolves Options.ClassWeights against the class counts.
func classWeights(given []float64, counts []int, balance float64) ([]float64, error) {
	if !(balance >= 0 && balance <= 1) {
		return nil, fmt.Errorf("model: train: balance %v, want a power in [0, 1]", balance)
	}
	if balance == 0 {
		balance = 1
	}
	k := len(counts)
	if given != nil {
		if len(given) != k {
			return nil, fmt.Errorf("model: train: %d class weights for %d classes", len(given), k)
		}
		for c, w := range given {
			if !(w >= 0) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("model: train: class weight %d is %v, want a finite number ≥ 0", c, w)
			}
		}
		return append([]float64(nil), given...), nil
	}
	var n, present int
	for _, c := range counts {
		n += c
		if c > 0 {
			present++
		}
	}
	w := make([]float64, k)
	for c, nc := range counts {
		if nc > 0 {
			w[c] = math.Pow(float64(n)/(float64(present)*float64(nc)), balance)
		}
	}
	return w, nil
}

// standardisation returns per-column mean and population standard deviation
// over the finite values; a column with no finite value gets mean 0, scale 0.
func standardisation(X [][]float64, p int) (mean, scale []float64) {
	mean = make([]float64, p)
	scale = make([]float64, p)
	for j := range p {
		var sum float64
		var cnt int
		for _, row := range X {
			if v := row[j]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				sum += v
				cnt++
			}
		}
		if cnt == 0 {
			continue
		}
		mu := sum / float64(cnt)
		var ss float64
		for _, row := range X {
			if v := row[j]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				ss += (v - mu) * (v - mu)
			}
		}
		mean[j] = mu
		sd := math.Sqrt(ss / float64(cnt))
		if sd < 1e-12*math.Max(1, math.Abs(mu)) || math.IsInf(sd, 0) {
			sd = 0 // constant column: scale 1, as scikit-learn's StandardScaler
		}
		scale[j] = sd
	}
	return mean, scale
}

// lossGrad evaluates the loss at theta = [W (k×p, row-major), b (k)] and, if
// grad is not nil, writes the gradient into it. logits is an n×k scratch
// matrix.
func (pr *problem) lossGrad(grad, theta []float64, logits *mat.Dense) float64 {
	k, p := pr.k, pr.p
	w := mat.NewDense(k, p, theta[:k*p])
	b := theta[k*p:]
	logits.Mul(pr.z, w.T())
	var loss float64
	for i := range pr.n {
		row := logits.RawRowView(i)
		for c := range row {
			row[c] += b[c]
		}
		lse := logSumExp(row)
		nll := lse - row[pr.y[i]]
		for c, l := range row {
			row[c] = math.Exp(l - lse)
		}
		loss += pr.sw[i] * nll
		if grad != nil {
			// row becomes the per-sample gradient of the logits: s_i (p − e_y).
			row[pr.y[i]] -= 1
			for c := range row {
				row[c] *= pr.sw[i]
			}
		}
	}
	var reg float64
	for _, v := range theta[:k*p] {
		reg += v * v
	}
	loss += pr.lambda / 2 * reg
	if grad == nil {
		return loss
	}
	gw := mat.NewDense(k, p, grad[:k*p])
	gw.Mul(logits.T(), pr.z)
	for i, v := range theta[:k*p] {
		grad[i] += pr.lambda * v
	}
	gb := grad[k*p:]
	for c := range gb {
		gb[c] = 0
	}
	for i := range pr.n {
		for c, v := range logits.RawRowView(i) {
			gb[c] += v
		}
	}
	return loss
}

// logSumExp returns log Σ exp(l_c), computed stably.
func logSumExp(l []float64) float64 {
	mx := math.Inf(-1)
	for _, v := range l {
		if v > mx {
			mx = v
		}
	}
	if math.IsInf(mx, 0) {
		return mx
	}
	var sum float64
	for _, v := range l {
		sum += math.Exp(v - mx)
	}
	return mx + math.Log(sum)
}

func (pr *problem) fit(opt Options) (*Model, error) {
	log := opt.logger()
	dim := pr.k*pr.p + pr.k
	// L-BFGS asks for the loss and then the gradient at the same point;
	// Func computes both and Grad reuses the gradient when the point matches.
	logits := mat.NewDense(pr.n, pr.k, nil)
	cacheX := make([]float64, dim)
	cacheG := make([]float64, dim)
	cached := false
	prob := optimize.Problem{
		Func: func(theta []float64) float64 {
			f := pr.lossGrad(cacheG, theta, logits)
			copy(cacheX, theta)
			cached = true
			return f
		},
		Grad: func(grad, theta []float64) {
			if cached && slices.Equal(cacheX, theta) {
				copy(grad, cacheG)
				return
			}
			pr.lossGrad(grad, theta, logits)
		},
	}
	maxIter := opt.MaxIter
	if maxIter <= 0 {
		maxIter = DefaultMaxIter
	}
	settings := &optimize.Settings{
		GradientThreshold: gradTol,
		MajorIterations:   maxIter,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-12, Iterations: 50},
	}
	res, err := optimize.Minimize(prob, make([]float64, dim), settings, &optimize.LBFGS{})
	if res == nil {
		return nil, fmt.Errorf("model: train: %w", err)
	}
	for _, v := range res.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("model: train: optimiser diverged (status %v)", res.Status)
		}
	}
	converged := res.Status == optimize.GradientThreshold || res.Status == optimize.FunctionConvergence
	if err != nil || !converged {
		log.LogAttrs(context.Background(), slog.LevelWarn, "model: L-BFGS stopped early",
			slog.String("status", res.Status.String()), slog.Any("err", err),
			slog.Int("iterations", res.MajorIterations), slog.Float64("loss", res.F))
	} else {
		log.LogAttrs(context.Background(), slog.LevelDebug, "model: trained",
			slog.String("status", res.Status.String()),
			slog.Int("iterations", res.MajorIterations), slog.Float64("loss", res.F))
	}
	m := &Model{
		Version: Version,
		Classes: append([]string(nil), pr.classes...),
		Columns: append([]string(nil), pr.columns...),
		Mean:    pr.mean,
		Scale:   pr.scale,
		Weights: make([][]float64, pr.k),
		Bias:    append([]float64(nil), res.X[pr.k*pr.p:]...),
		Clip:    opt.Clip,
	}
	for c := range pr.k {
		m.Weights[c] = append([]float64(nil), res.X[c*pr.p:(c+1)*pr.p]...)
	}
	counts := make(map[string]int, pr.k)
	for c, n := range pr.counts {
		counts[pr.classes[c]] = n
	}
	m.Provenance = Provenance{
		Samples:      pr.n,
		ClassCounts:  counts,
		Lambda:       pr.lambda,
		ClassWeights: pr.classW,
		Iterations:   res.MajorIterations,
		Converged:    err == nil && converged,
		Excluded:     opt.Exclude,
	}
	return m, nil
}
