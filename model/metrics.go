package model

import (
	"fmt"
	"math"
)

// eceBins is the number of equal-width confidence bins behind ECE.
const eceBins = 10

// logLossEps clips probabilities before taking logs, as scikit-learn's
// log_loss does.
const logLossEps = 1e-15

// Metrics summarises predictions against gold labels. It never holds NaN or
// Inf, so it always encodes as JSON.
type Metrics struct {
	// N is the number of samples.
	N int `json:"n"`
	// Accuracy is the share of samples whose most probable class is the gold
	// one (ties go to the earlier class).
	Accuracy float64 `json:"accuracy"`
	// MacroF1 is the mean F1 over classes with support (gold samples).
	MacroF1 float64 `json:"macro_f1"`
	// PerClass holds precision, recall, F1 and support for every class.
	PerClass map[string]ClassMetrics `json:"per_class"`
	// Confusion counts samples by gold class, then predicted class; every
	// class appears on both levels.
	Confusion map[string]map[string]int `json:"confusion"`
	// LogLoss is the mean −log p(gold), with p clipped to [1e-15, 1].
	LogLoss float64 `json:"log_loss"`
	// ECE is the expected calibration error of the top-class confidence over
	// 10 equal-width bins: Σ_b (n_b/N)·|accuracy_b − confidence_b|.
	ECE float64 `json:"ece"`
	// Reliability holds the 10 bins behind ECE, empty ones included.
	Reliability []Bin `json:"reliability"`
}

// ClassMetrics is the per-class part of [Metrics]. Precision is 0 for a
// class never predicted, recall and F1 are 0 for a class without support.
type ClassMetrics struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// Bin is one confidence bin of a reliability diagram: samples whose top-class
// probability lies in [Lo, Hi) (the last bin includes 1).
type Bin struct {
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
	// N is the number of samples in the bin.
	N int `json:"n"`
	// Confidence is their mean top-class probability (0 if N is 0).
	Confidence float64 `json:"confidence"`
	// Accuracy is the share of them predicted correctly (0 if N is 0).
	Accuracy float64 `json:"accuracy"`
}

// Evaluate scores probabilities (one row of len(classes) per sample) against
// gold class indices. Non-finite probabilities count as 0. Empty input yields
// zero metrics. Evaluate panics if the lengths disagree or a label is out of
// range, which are programmer errors.
func Evaluate(yTrue []int, probs [][]float64, classes []string) Metrics {
	if len(yTrue) != len(probs) {
		panic(fmt.Sprintf("model: Evaluate got %d labels and %d probability rows", len(yTrue), len(probs)))
	}
	k := len(classes)
	conf := make([][]int, k)
	for c := range conf {
		conf[c] = make([]int, k)
	}
	bins := make([]Bin, eceBins)
	for b := range bins {
		bins[b].Lo = float64(b) / eceBins
		bins[b].Hi = float64(b+1) / eceBins
	}
	binConf := make([]float64, eceBins)
	binHit := make([]int, eceBins)
	var correct int
	var nll float64
	for i, y := range yTrue {
		row := probs[i]
		if len(row) != k {
			panic(fmt.Sprintf("model: Evaluate row %d has %d probabilities, want %d classes", i, len(row), k))
		}
		if y < 0 || y >= k {
			panic(fmt.Sprintf("model: Evaluate label %d of sample %d is out of range 0..%d", y, i, k-1))
		}
		pred, top := 0, -1.0
		for c, v := range row {
			v = finiteProb(v)
			if v > top {
				pred, top = c, v
			}
		}
		conf[y][pred]++
		hit := pred == y
		if hit {
			correct++
		}
		py := finiteProb(row[y])
		nll -= math.Log(math.Max(py, logLossEps))
		b := min(int(top*eceBins), eceBins-1)
		bins[b].N++
		binConf[b] += top
		if hit {
			binHit[b]++
		}
	}
	n := len(yTrue)
	m := Metrics{
		N:         n,
		PerClass:  make(map[string]ClassMetrics, k),
		Confusion: make(map[string]map[string]int, k),
	}
	var f1sum float64
	var supported int
	for c, name := range classes {
		var tp, predicted, support int
		tp = conf[c][c]
		row := make(map[string]int, k)
		for d, other := range classes {
			support += conf[c][d]
			predicted += conf[d][c]
			row[other] = conf[c][d]
		}
		m.Confusion[name] = row
		cm := ClassMetrics{Support: support}
		if predicted > 0 {
			cm.Precision = float64(tp) / float64(predicted)
		}
		if support > 0 {
			cm.Recall = float64(tp) / float64(support)
			supported++
		}
		if cm.Precision+cm.Recall > 0 {
			cm.F1 = 2 * cm.Precision * cm.Recall / (cm.Precision + cm.Recall)
		}
		if support > 0 {
			f1sum += cm.F1
		}
		m.PerClass[name] = cm
	}
	if supported > 0 {
		m.MacroF1 = f1sum / float64(supported)
	}
	if n > 0 {
		m.Accuracy = float64(correct) / float64(n)
		m.LogLoss = nll / float64(n)
		for b := range bins {
			if bins[b].N == 0 {
				continue
			}
			bins[b].Confidence = binConf[b] / float64(bins[b].N)
			bins[b].Accuracy = float64(binHit[b]) / float64(bins[b].N)
			m.ECE += float64(bins[b].N) / float64(n) * math.Abs(bins[b].Accuracy-bins[b].Confidence)
		}
	}
	m.Reliability = bins
	return m
}

// finiteProb maps NaN and ±Inf to 0 and clamps to [0, 1].
func finiteProb(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return math.Min(v, 1)
}
