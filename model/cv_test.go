package model

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestFolds(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var groups []string
	for g := range 40 {
		for range 1 + rng.IntN(6) {
			groups = append(groups, "story-"+strconv.Itoa(g))
		}
	}
	groups = append(groups, "", "", "") // three singletons
	const k = 5
	fold, err := Folds(groups, k)
	if err != nil {
		t.Fatal(err)
	}
	// A group never spans two folds.
	where := map[string]int{}
	load := make([]int, k)
	for i, g := range groups {
		load[fold[i]]++
		if g == "" {
			continue
		}
		if f, ok := where[g]; ok && f != fold[i] {
			t.Errorf("group %s is in folds %d and %d", g, f, fold[i])
		}
		where[g] = fold[i]
	}
	// Balanced within the largest group size.
	if slices.Max(load)-slices.Min(load) > 6 {
		t.Errorf("fold sizes %v", load)
	}
	// Independent of sample order.
	perm := rng.Perm(len(groups))
	shuffled := make([]string, len(groups))
	for i, j := range perm {
		shuffled[i] = groups[j]
	}
	fold2, err := Folds(shuffled, k)
	if err != nil {
		t.Fatal(err)
	}
	for i, j := range perm {
		if groups[j] != "" && fold2[i] != fold[j] {
			t.Fatalf("group %s moves from fold %d to %d when samples are shuffled", groups[j], fold[j], fold2[i])
		}
	}
	for _, tc := range []struct {
		groups []string
		k      int
		want   string
	}{
		{[]string{"a", "b"}, 1, "k = 1"},
		{[]string{"a", "a", "b"}, 3, "2 groups cannot fill k = 3 folds"},
	} {
		if _, err := Folds(tc.groups, tc.k); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Folds(%v, %d) error %v, want %q", tc.groups, tc.k, err, tc.want)
		}
	}
}

// TestFoldsPinned pins the assignment scripts/sklearn_compare.py replicates.
func TestFoldsPinned(t *testing.T) {
	got, err := Folds([]string{"a", "b", "b", "c", "", "d", "b", "a"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	// b (3) → 0; a (2) → 1; then the singletons sample 4, d and c go in
	// FNV-1a hash order to the lightest folds: 2, 2, 1. The same list is
	// printed by: python3 scripts/sklearn_compare.py pin.csv --k 3 --print-folds
	want := []int{1, 0, 0, 1, 2, 2, 0, 1}
	if !slices.Equal(got, want) {
		t.Errorf("Folds = %v, want %v", got, want)
	}
}

func TestCrossValidate(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	X, y := blobs(rng, 60, [][]float64{{0, 0}, {3, 0}, {0, 3}}, 1)
	groups := make([]string, len(X))
	for i := range groups {
		groups[i] = "g" + strconv.Itoa(i/4) // groups of 4 consecutive samples
	}
	classes := []string{"original", "reprint", "spun"}
	cv, err := CrossValidate(X, y, groups, 4, classes, []string{"a", "b"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, f := range cv.Folds {
		n += f.NTest
		if f.NTrain+f.NTest != len(X) {
			t.Errorf("fold %d: %d + %d samples", f.Fold, f.NTrain, f.NTest)
		}
	}
	if n != len(X) || cv.Overall.N != len(X) {
		t.Errorf("folds test %d samples, overall %d, want %d", n, cv.Overall.N, len(X))
	}
	for i, p := range cv.Probs {
		if len(p) != 3 {
			t.Fatalf("sample %d has no out-of-fold probabilities", i)
		}
	}
	if cv.Overall.Accuracy < 0.8 {
		t.Errorf("out-of-fold accuracy %v", cv.Overall.Accuracy)
	}
	if _, err := json.Marshal(cv); err != nil {
		t.Errorf("CVResult does not encode: %v", err)
	}
	// The held-out temperature scaling scores every sample and, with
	// temperatures fitted on other folds, cannot beat the in-sample fit's
	// log-loss by much.
	if h := cv.HeldOutCalibrated; h.N != len(X) || h.LogLoss < cv.Calibrated.LogLoss-0.05 {
		t.Errorf("held-out calibrated: n %d log loss %v (in-sample %v)", h.N, h.LogLoss, cv.Calibrated.LogLoss)
	}
	// Fit stores the summary and keeps calibration within the target.
	m, _, err := Fit(X, y, groups, 4, classes, []string{"a", "b"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Provenance.CV == nil || m.Provenance.CV.K != 4 {
		t.Errorf("provenance CV = %+v", m.Provenance.CV)
	}
}

func TestEvaluate(t *testing.T) {
	classes := []string{"a", "b", "c"}
	// Predictions: argmax a, a, b, b, a; gold a, b, b, b, c.
	probs := [][]float64{
		{0.7, 0.2, 0.1},   // a, right, conf 0.7
		{0.5, 0.4, 0.1},   // a, wrong, conf 0.5
		{0.1, 0.85, 0.05}, // b, right, conf 0.85
		{0.2, 0.75, 0.05}, // b, right, conf 0.75
		{0.6, 0.2, 0.2},   // a, wrong, conf 0.6
	}
	y := []int{0, 1, 1, 1, 2}
	m := Evaluate(y, probs, classes)
	// a: tp 1, predicted 3, support 1 → P 1/3, R 1, F1 0.5
	// b: tp 2, predicted 2, support 3 → P 1, R 2/3, F1 0.8
	// c: tp 0, predicted 0, support 1 → 0
	want := map[string]ClassMetrics{
		"a": {1.0 / 3, 1, 0.5, 1},
		"b": {1, 2.0 / 3, 0.8, 3},
		"c": {0, 0, 0, 1},
	}
	for c, w := range want {
		g := m.PerClass[c]
		if g.Support != w.Support || !near(g.Precision, w.Precision) || !near(g.Recall, w.Recall) || !near(g.F1, w.F1) {
			t.Errorf("class %s: %+v, want %+v", c, g, w)
		}
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"accuracy", m.Accuracy, 3.0 / 5},
		{"macro F1", m.MacroF1, (0.5 + 0.8 + 0) / 3},
		{"log loss", m.LogLoss, -(math.Log(0.7) + math.Log(0.4) + math.Log(0.85) + math.Log(0.75) + math.Log(0.2)) / 5},
		// bins: 0.5 → [0.5,0.6) wrong; 0.6 → [0.6,0.7) wrong; 0.7 → [0.7,0.8) right,
		// 0.75 → same bin right; 0.85 → [0.8,0.9) right.
		// ECE = 1/5·|0−0.5| + 1/5·|0−0.6| + 2/5·|1−0.725| + 1/5·|1−0.85|
		{"ECE", m.ECE, (0.5 + 0.6 + 2*0.275 + 0.15) / 5},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if m.Confusion["b"]["a"] != 1 || m.Confusion["c"]["a"] != 1 || m.Confusion["a"]["a"] != 1 || m.Confusion["b"]["b"] != 2 {
		t.Errorf("confusion %v", m.Confusion)
	}
	if len(m.Reliability) != 10 || m.Reliability[7].N != 2 || !near(m.Reliability[7].Confidence, 0.725) {
		t.Errorf("reliability %+v", m.Reliability)
	}
	// JSON field names are part of the report contract.
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"n":5`, `"accuracy":`, `"macro_f1":`, `"per_class":{"a":{"precision":`, `"recall":`, `"f1":0.5`, `"support":1`, `"confusion":{"a":{"a":1`, `"log_loss":`, `"ece":`, `"reliability":[{"lo":0,"hi":0.1,"n":0`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

func TestEvaluateEdgeCases(t *testing.T) {
	m := Evaluate(nil, nil, []string{"a", "b"})
	if m.N != 0 || m.Accuracy != 0 || m.ECE != 0 {
		t.Errorf("empty: %+v", m)
	}
	m = Evaluate([]int{0, 1}, [][]float64{{math.NaN(), math.Inf(1)}, {0, 1}}, []string{"a", "b"})
	if _, err := json.Marshal(m); err != nil {
		t.Errorf("non-finite probabilities break JSON: %v", err)
	}
	if !near(m.LogLoss, -math.Log(1e-15)/2) {
		t.Errorf("log loss %v", m.LogLoss)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestFitTemperature recovers a known temperature: labels drawn from
// softmax(l/2) scored with probabilities softmax(l) need t ≈ 2.
func TestFitTemperature(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	const n, trueT = 20000, 2.0
	var y []int
	var probs [][]float64
	for range n {
		l := []float64{rng.NormFloat64() * 3, rng.NormFloat64() * 3, rng.NormFloat64() * 3}
		q := slices.Clone(l)
		for c := range q {
			q[c] /= trueT
		}
		softmaxInPlace(q)
		u, c := rng.Float64(), 0
		for c < 2 && u > q[c] {
			u -= q[c]
			c++
		}
		softmaxInPlace(l)
		y = append(y, c)
		probs = append(probs, l)
	}
	got, err := FitTemperature(y, probs)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-trueT) > 0.1 {
		t.Errorf("temperature %.3f, want %.1f", got, trueT)
	}
	before := Evaluate(y, probs, []string{"a", "b", "c"}).ECE
	after := Evaluate(y, ScaleTemperature(probs, got), []string{"a", "b", "c"}).ECE
	if after > 0.02 || after >= before {
		t.Errorf("ECE %.3f before scaling, %.3f after", before, after)
	}
	if tt, err := FitTemperature(nil, nil); err != nil || tt != 1 {
		t.Errorf("empty: %v, %v", tt, err)
	}
}

func TestReadCSV(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"header", "id,label,x\n", "want id,label,group"},
		{"no columns", "id,label,group,fold\n", "no feature columns"},
		{"duplicate", "id,label,group,a,a\n", `column "a" appears twice`},
		{"number", "id,label,group,a\np1,spun,g,zz\n", `line 2 column a: "zz" is not a number`},
		{"fold", "id,label,group,fold,a\np1,spun,g,-1,1\n", `line 2: fold "-1"`},
		{"ragged", "id,label,group,a\np1,spun\n", "wrong number of fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadCSV error %v, want %q", err, tc.want)
			}
		})
	}
	in := "id,label,group,fold,a,b\np1,spun,g1,0,1,\np2,,g1,0,2,3\np3,original,g2,1,NaN,4.5\n"
	d, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := d.WriteCSV(&out); err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(in, "NaN", "", 1); out.String() != want {
		t.Errorf("round trip:\n%s\nwant\n%s", out.String(), want)
	}
	l := d.Labeled()
	if !slices.Equal(l.IDs, []string{"p1", "p3"}) || !slices.Equal(l.Fold, []int{0, 1}) {
		t.Errorf("Labeled = %+v", l)
	}
	if _, err := l.Targets([]string{"original"}); err == nil || !strings.Contains(err.Error(), `sample p1: label "spun"`) {
		t.Errorf("Targets error %v", err)
	}
}

// TestAugmentedFolds: the scored samples' folds are those Folds gives them
// alone, whatever train-only samples sit beside them; a train-only sample
// shares its group's fold, and every fold index is in range.
func TestAugmentedFolds(t *testing.T) {
	scoredGroups := []string{"a", "a", "b", "c", "c", "c", "d", "e", "f", ""}
	want, err := Folds(scoredGroups, 3)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		extra []string // train-only groups appended after the scored ones
	}{
		{"none", nil},
		{"own groups", []string{"x", "y", "z", "w", "x", "x", "x", "x"}},
		{"shared groups", []string{"c", "a", "q"}},
		{"many", strings.Split("m n o p q r s t u v w x y z m m m m m m", " ")},
	}
	for _, tc := range tests {
		groups := append(slices.Clone(scoredGroups), tc.extra...)
		trainOnly := make([]bool, len(groups))
		for i := len(scoredGroups); i < len(groups); i++ {
			trainOnly[i] = true
		}
		got, err := augmentedFolds(groups, trainOnly, 3)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(got[:len(scoredGroups)], want) {
			t.Errorf("%s: scored folds %v, want %v (as without train-only samples)", tc.name, got[:len(scoredGroups)], want)
		}
		for i, g := range groups {
			if got[i] < 0 || got[i] >= 3 {
				t.Errorf("%s: sample %d in fold %d", tc.name, i, got[i])
			}
			for j := range scoredGroups {
				if g != "" && groups[j] == g && got[i] != got[j] {
					t.Errorf("%s: sample %d (group %q) in fold %d, its group's scored sample in %d", tc.name, i, g, got[i], got[j])
				}
			}
		}
	}
}
