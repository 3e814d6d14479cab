package model

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"time"

	"gonum.org/v1/gonum/optimize"
)

// ECETarget is the out-of-fold expected calibration error above which [Fit]
// applies temperature scaling.
const ECETarget = 0.05

// Folds assigns every sample to one of k folds so that all samples of a group
// share a fold. An empty group name makes the sample a group of its own.
//
// The assignment is deterministic and independent of sample order: groups are
// taken largest first (ties by the FNV-1a 64-bit hash of the group name, then
// by name) and each goes to the fold currently holding the fewest samples
// (ties to the lowest fold index). scripts/sklearn_compare.py replicates it.
// Folds returns an error if k < 2 or there are fewer than k groups.
func Folds(groups []string, k int) ([]int, error) {
	if k < 2 {
		return nil, fmt.Errorf("model: folds: k = %d, want at least 2", k)
	}
	keys := make([]string, len(groups))
	size := map[string]int{}
	for i, g := range groups {
		if g == "" {
			g = "\x00sample:" + strconv.Itoa(i)
		}
		keys[i] = g
		size[g]++
	}
	if len(size) < k {
		return nil, fmt.Errorf("model: folds: %d groups cannot fill k = %d folds", len(size), k)
	}
	type group struct {
		name string
		hash uint64
		n    int
	}
	order := make([]group, 0, len(size))
	for g, n := range size {
		h := fnv.New64a()
		h.Write([]byte(g))
		order = append(order, group{g, h.Sum64(), n})
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if x.n != y.n {
			return x.n > y.n
		}
		if x.hash != y.hash {
			return x.hash < y.hash
		}
		return x.name < y.name
	})
	load := make([]int, k)
	foldOf := make(map[string]int, len(order))
	for _, g := range order {
		best := 0
		for f := 1; f < k; f++ {
			if load[f] < load[best] {
				best = f
			}
		}
		foldOf[g.name] = best
		load[best] += g.n
	}
	out := make([]int, len(groups))
	for i, g := range keys {
		out[i] = foldOf[g]
	}
	return out, nil
}

// CVResult is the outcome of [CrossValidate].
type CVResult struct {
	// K is the number of folds.
	K int `json:"k"`
	// Fold holds the fold index of every sample.
	Fold []int `json:"-"`
	// Probs holds the out-of-fold probabilities of every sample (nil for
	// train-only samples).
	Probs [][]float64 `json:"-"`
	// Folds holds per-fold scores, in fold order.
	Folds []FoldResult `json:"folds"`
	// Overall scores the pooled out-of-fold probabilities.
	Overall Metrics `json:"overall"`
	// Temperature is fitted on the out-of-fold probabilities
	// ([FitTemperature]).
	Temperature float64 `json:"temperature"`
	// Calibrated scores the out-of-fold probabilities after temperature
	// scaling; it is optimistic, the temperature having been fitted on them.
	Calibrated Metrics `json:"calibrated"`
	// HeldOutCalibrated scores the out-of-fold probabilities after
	// temperature scaling where each fold's temperature is fitted on the
	// other folds' out-of-fold probabilities only (not optimistic).
	HeldOutCalibrated Metrics `json:"held_out_calibrated"`
	// TrainSeconds is the total wall time spent in Train over the folds.
	TrainSeconds float64 `json:"train_seconds"`
}

// FoldResult is one fold of a [CVResult].
type FoldResult struct {
	Fold   int `json:"fold"`
	Groups int `json:"groups"`
	NTrain int `json:"n_train"`
	NTest  int `json:"n_test"`
	// Iterations and Converged come from the fold model's provenance.
	Iterations int     `json:"iterations"`
	Converged  bool    `json:"converged"`
	Metrics    Metrics `json:"metrics"`
}

// CrossValidate runs group-aware k-fold cross-validation: folds come from
// [Folds], each fold is scored by a model trained with opt on the other
// folds, and the out-of-fold probabilities are pooled into Overall. Errors
// from Folds or Train are returned with the fold named.
func CrossValidate(X [][]float64, y []int, groups []string, k int, classes, columns []string, opt Options) (*CVResult, error) {
	if len(groups) != len(X) || len(y) != len(X) {
		return nil, fmt.Errorf("model: cv: %d samples, %d labels, %d groups", len(X), len(y), len(groups))
	}
	fold, err := Folds(groups, k)
	if err != nil {
		return nil, fmt.Errorf("model: cv: %w", err)
	}
	return crossValidate(X, y, groups, nil, fold, k, classes, columns, opt)
}

// CrossValidateAugmented is [CrossValidate] with train-only samples (for
// example synthetic augmentation): a sample with trainOnly[i] set joins the
// training side of every fold but its own group's, and is never scored, so
// the metrics measure real samples only.
func CrossValidateAugmented(X [][]float64, y []int, groups []string, trainOnly []bool, k int, classes, columns []string, opt Options) (*CVResult, error) {
	if len(groups) != len(X) || len(y) != len(X) || len(trainOnly) != len(X) {
		return nil, fmt.Errorf("model: cv: %d samples, %d labels, %d groups, %d train-only marks", len(X), len(y), len(groups), len(trainOnly))
	}
	fold, err := augmentedFolds(groups, trainOnly, k)
	if err != nil {
		return nil, fmt.Errorf("model: cv: %w", err)
	}
	return crossValidate(X, y, groups, trainOnly, fold, k, classes, columns, opt)
}

// augmentedFolds assigns folds as [Folds] does over the scored samples
// alone, so that their folds do not depend on the train-only samples
// added beside them (comparing two augmentations compares them on the
// same splits, and the scored samples' folds are those `spinscan
// features` writes for them). A train-only sample takes the fold of a
// scored sample of its group; a group of train-only samples alone is
// assigned by Folds among such groups (or, with fewer than k of them, by
// the hash of its name).
func augmentedFolds(groups []string, trainOnly []bool, k int) ([]int, error) {
	key := func(i int) string {
		if groups[i] == "" {
			return "\x00sample:" + strconv.Itoa(i)
		}
		return groups[i]
	}
	var scored, extra []int
	for i := range groups {
		if trainOnly[i] {
			extra = append(extra, i)
		} else {
			scored = append(scored, i)
		}
	}
	out := make([]int, len(groups))
	foldOf := map[string]int{}
	if len(scored) > 0 {
		gs := make([]string, len(scored))
		for j, i := range scored {
			gs[j] = key(i)
		}
		f, err := Folds(gs, k)
		if err != nil {
			return nil, err
		}
		for j, i := range scored {
			out[i] = f[j]
			foldOf[gs[j]] = f[j]
		}
	}
	var alone []int
	for _, i := range extra {
		if f, ok := foldOf[key(i)]; ok {
			out[i] = f
		} else {
			alone = append(alone, i)
		}
	}
	gs := make([]string, len(alone))
	distinct := map[string]bool{}
	for j, i := range alone {
		gs[j] = key(i)
		distinct[gs[j]] = true
	}
	if len(distinct) >= k {
		f, err := Folds(gs, k)
		if err != nil {
			return nil, err
		}
		for j, i := range alone {
			out[i] = f[j]
		}
		return out, nil
	}
	for j, i := range alone {
		h := fnv.New64a()
		h.Write([]byte(gs[j]))
		out[i] = int(h.Sum64() % uint64(k))
	}
	return out, nil
}

// CrossValidateFolds is [CrossValidate] with a given fold index (0..k-1) per
// sample, e.g. one read from a feature CSV's fold column.
func CrossValidateFolds(X [][]float64, y []int, fold []int, classes, columns []string, opt Options) (*CVResult, error) {
	if len(fold) != len(X) || len(y) != len(X) {
		return nil, fmt.Errorf("model: cv: %d samples, %d labels, %d fold indices", len(X), len(y), len(fold))
	}
	k := 0
	for i, f := range fold {
		if f < 0 {
			return nil, fmt.Errorf("model: cv: sample %d has fold %d", i, f)
		}
		k = max(k, f+1)
	}
	if k < 2 {
		return nil, errors.New("model: cv: fewer than 2 folds")
	}
	return crossValidate(X, y, nil, nil, fold, k, classes, columns, opt)
}

func crossValidate(X [][]float64, y []int, groups []string, trainOnly []bool, fold []int, k int, classes, columns []string, opt Options) (*CVResult, error) {
	if opt.ShortOnly != nil && len(opt.ShortOnly) != len(X) {
		return nil, fmt.Errorf("model: cv: %d short-only marks for %d samples", len(opt.ShortOnly), len(X))
	}
	res := &CVResult{K: k, Fold: fold, Probs: make([][]float64, len(X))}
	for f := range k {
		var trX, teX [][]float64
		var trY, teY, teIdx []int
		var trShortOnly []bool
		seen := map[string]bool{}
		for i, fi := range fold {
			if fi != f && opt.ShortOnly != nil {
				trShortOnly = append(trShortOnly, opt.ShortOnly[i])
			}
			if trainOnly != nil && trainOnly[i] {
				if fi != f {
					trX, trY = append(trX, X[i]), append(trY, y[i])
				}
				continue
			}
			if fi == f {
				teX, teY, teIdx = append(teX, X[i]), append(teY, y[i]), append(teIdx, i)
				if groups != nil {
					seen[groups[i]] = true
				}
			} else {
				trX, trY = append(trX, X[i]), append(trY, y[i])
			}
		}
		if len(teX) == 0 {
			return nil, fmt.Errorf("model: cv: fold %d is empty", f)
		}
		start := time.Now()
		fo := opt
		fo.ShortOnly = trShortOnly
		m, err := Train(trX, trY, classes, columns, fo)
		res.TrainSeconds += time.Since(start).Seconds()
		if err != nil {
			return nil, fmt.Errorf("model: cv: fold %d: %w", f, err)
		}
		probs := make([][]float64, len(teX))
		for i, x := range teX {
			probs[i] = m.Predict(nil, x)
			res.Probs[teIdx[i]] = probs[i]
		}
		res.Folds = append(res.Folds, FoldResult{
			Fold: f, Groups: len(seen), NTrain: len(trX), NTest: len(teX),
			Iterations: m.Provenance.Iterations, Converged: m.Provenance.Converged,
			Metrics: Evaluate(teY, probs, classes),
		})
	}
	evY, evP, evF := y, res.Probs, fold
	if trainOnly != nil {
		evY, evP, evF = nil, nil, nil
		for i := range y {
			if !trainOnly[i] {
				evY, evP, evF = append(evY, y[i]), append(evP, res.Probs[i]), append(evF, fold[i])
			}
		}
	}
	res.Overall = Evaluate(evY, evP, classes)
	t, err := FitTemperature(evY, evP)
	if err != nil {
		return nil, fmt.Errorf("model: cv: %w", err)
	}
	res.Temperature = t
	res.Calibrated = Evaluate(evY, ScaleTemperature(evP, t), classes)
	held, err := heldOutScaled(evY, evP, evF, k)
	if err != nil {
		return nil, fmt.Errorf("model: cv: %w", err)
	}
	res.HeldOutCalibrated = Evaluate(evY, held, classes)
	return res, nil
}

// heldOutScaled returns probs with each fold's rows temperature-scaled by
// a temperature fitted on the other folds' rows.
func heldOutScaled(y []int, probs [][]float64, fold []int, k int) ([][]float64, error) {
	out := make([][]float64, len(probs))
	for f := range k {
		var fy []int
		var fp [][]float64
		var idx []int
		for i := range probs {
			if fold[i] == f {
				idx = append(idx, i)
			} else {
				fy, fp = append(fy, y[i]), append(fp, probs[i])
			}
		}
		if len(idx) == 0 {
			continue
		}
		t, err := FitTemperature(fy, fp)
		if err != nil {
			return nil, err
		}
		rows := make([][]float64, len(idx))
		for j, i := range idx {
			rows[j] = probs[i]
		}
		for j, r := range ScaleTemperature(rows, t) {
			out[idx[j]] = r
		}
	}
	return out, nil
}

// Summary returns the cross-validation record kept in a model's provenance.
func (r *CVResult) Summary() *CVSummary {
	return &CVSummary{
		K: r.K, Accuracy: r.Overall.Accuracy, MacroF1: r.Overall.MacroF1,
		LogLoss: r.Overall.LogLoss, ECE: r.Overall.ECE,
		Temperature:   r.Temperature,
		CalibratedECE: r.Calibrated.ECE, CalibratedLogLoss: r.Calibrated.LogLoss,
		HeldOutCalibratedECE: r.HeldOutCalibrated.ECE,
	}
}

// ScaleTemperature returns new probability rows softmax(log p / t). Zero
// probabilities stay zero (a row of zeros becomes uniform); t must be
// positive.
func ScaleTemperature(probs [][]float64, t float64) [][]float64 {
	out := make([][]float64, len(probs))
	for i, row := range probs {
		l := make([]float64, len(row))
		for c, p := range row {
			l[c] = math.Log(finiteProb(p)) / t
		}
		softmaxInPlace(l)
		out[i] = l
	}
	return out
}

// FitTemperature returns the temperature t > 0 minimising the mean log-loss
// of softmax(log p / t) against yTrue, for probabilities p from a model
// trained without the samples (out-of-fold). It returns 1 for empty input and
// an error only if the lengths disagree or a label is out of range.
func FitTemperature(yTrue []int, probs [][]float64) (float64, error) {
	if len(yTrue) != len(probs) {
		return 0, fmt.Errorf("model: temperature: %d labels, %d probability rows", len(yTrue), len(probs))
	}
	if len(yTrue) == 0 {
		return 1, nil
	}
	// Logits log p, floored so that a zero probability stays finite.
	logits := make([][]float64, len(probs))
	for i, row := range probs {
		if yTrue[i] < 0 || yTrue[i] >= len(row) {
			return 0, fmt.Errorf("model: temperature: label %d of sample %d out of range", yTrue[i], i)
		}
		l := make([]float64, len(row))
		for c, p := range row {
			l[c] = math.Log(math.Max(finiteProb(p), logLossEps))
		}
		logits[i] = l
	}
	// Minimise over θ = log(1/t): f(θ) = mean(logsumexp(a·l) − a·l_y), a = e^θ.
	scaled := make([]float64, 0, 8)
	eval := func(grad, x []float64) float64 {
		a := math.Exp(x[0])
		var f, g float64
		for i, l := range logits {
			scaled = scaled[:0]
			for _, v := range l {
				scaled = append(scaled, a*v)
			}
			lse := logSumExp(scaled)
			f += lse - a*l[yTrue[i]]
			// d/da: Σ_c p_c l_c − l_y.
			var e float64
			for c, v := range scaled {
				e += math.Exp(v-lse) * l[c]
			}
			g += e - l[yTrue[i]]
		}
		n := float64(len(logits))
		if grad != nil {
			grad[0] = g / n * a
		}
		return f / n
	}
	prob := optimize.Problem{
		Func: func(x []float64) float64 { return eval(nil, x) },
		Grad: func(grad, x []float64) { eval(grad, x) },
	}
	// An error here is a line search stalled at the optimum or a degenerate
	// problem; the best point found is still the answer, and with no finite
	// point no scaling is the answer.
	res, _ := optimize.Minimize(prob, []float64{0}, &optimize.Settings{GradientThreshold: 1e-9, MajorIterations: 200}, &optimize.LBFGS{})
	if res == nil || math.IsNaN(res.X[0]) || math.IsInf(res.X[0], 0) {
		return 1, nil
	}
	// Keep t within a sane range: a degenerate fit (all predictions right
	// with p = 1) would otherwise drive t to 0.
	t := math.Exp(-res.X[0])
	return math.Min(math.Max(t, 0.05), 20), nil
}

// Fit cross-validates with [CrossValidate], trains the final model on all
// samples and records the cross-validation summary in its provenance. If the
// out-of-fold ECE exceeds [ECETarget] and temperature scaling lowers it, the
// fitted temperature is stored in the model.
func Fit(X [][]float64, y []int, groups []string, k int, classes, columns []string, opt Options) (*Model, *CVResult, error) {
	cv, err := CrossValidate(X, y, groups, k, classes, columns, opt)
	if err != nil {
		return nil, nil, err
	}
	m, err := Train(X, y, classes, columns, opt)
	if err != nil {
		return nil, nil, err
	}
	m.Provenance.CV = cv.Summary()
	if cv.Overall.ECE > ECETarget && cv.Calibrated.ECE < cv.Overall.ECE {
		m.Temperature = cv.Temperature
	}
	return m, cv, nil
}
