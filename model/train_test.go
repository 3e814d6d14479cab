package model

import (
	"bytes"
	"log/slog"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTrainSeparable: well-separated blobs are classified perfectly, and a
// weak penalty makes the model confident.
func TestTrainSeparable(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	centres := [][]float64{{0, 0}, {10, 0}, {0, 10}, {10, 10}}
	X, y := blobs(rng, 50, centres, 1)
	classes := []string{"original", "reprint", "spun", "translated"}
	m, err := Train(X, y, classes, []string{"a", "b"}, Options{Lambda: 1e-4})
	if err != nil {
		t.Fatal(err)
	}
	if !m.Provenance.Converged {
		t.Errorf("did not converge: %+v", m.Provenance)
	}
	Xt, yt := blobs(rng, 50, centres, 1)
	probs := make([][]float64, len(Xt))
	for i, x := range Xt {
		probs[i] = m.Predict(nil, x)
	}
	met := Evaluate(yt, probs, classes)
	if met.Accuracy != 1 {
		t.Errorf("held-out accuracy %v, want 1", met.Accuracy)
	}
	if p := m.Predict(nil, []float64{10, 10}); p[3] < 0.95 {
		t.Errorf("P(translated | centre of its blob) = %v", p[3])
	}
}

// TestTrainKnownAnswer: for two classes drawn from Gaussians with equal
// variance σ² and means μ0, μ1, the true log-odds are linear with slope
// (μ1−μ0)/σ²; a nearly unpenalised fit on many samples recovers it.
func TestTrainKnownAnswer(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const sd = 1.5
	X, y := blobs(rng, 10000, [][]float64{{0, 3}, {1, 3}}, sd)
	for i := range X {
		X[i][1] = rng.NormFloat64() // pure noise column: true slope 0
	}
	m, err := Train(X, y, []string{"original", "spun"}, []string{"signal", "noise"}, Options{Lambda: 1e-8})
	if err != nil {
		t.Fatal(err)
	}
	// Raw-unit slope of the log-odds is (w1−w0)/scale.
	slope := (m.Weights[1][0] - m.Weights[0][0]) / m.Scale[0]
	want := 1 / (sd * sd)
	if math.Abs(slope-want) > 0.05*want {
		t.Errorf("log-odds slope %.4f, want %.4f ± 5%%", slope, want)
	}
	noise := (m.Weights[1][1] - m.Weights[0][1]) / m.Scale[1]
	if math.Abs(noise) > 0.06 {
		t.Errorf("noise slope %.4f, want ≈ 0", noise)
	}
	// Log-odds are 0 half way between the means.
	p := m.Predict(nil, []float64{0.5, 0})
	if math.Abs(p[1]-0.5) > 0.03 {
		t.Errorf("P(spun | midpoint) = %.3f, want 0.5", p[1])
	}
}

func TestTrainErrors(t *testing.T) {
	X := [][]float64{{1, 2}, {3, 4}}
	y := []int{0, 1}
	cl := []string{"a", "b"}
	co := []string{"x", "y"}
	for _, tc := range []struct {
		name      string
		X         [][]float64
		y         []int
		cl, co    []string
		opt       Options
		wantError string
	}{
		{"no samples", nil, nil, cl, co, Options{}, "no samples"},
		{"labels", X, []int{0}, cl, co, Options{}, "1 labels for 2 samples"},
		{"one class", X, y, []string{"a"}, co, Options{}, "1 classes"},
		{"no columns", [][]float64{{}, {}}, y, cl, nil, Options{}, "no columns"},
		{"ragged", [][]float64{{1, 2}, {3}}, y, cl, co, Options{}, "sample 1 has 1 values, want 2 columns"},
		{"ragged with splines", [][]float64{{1, 2}, {3}}, y, cl, co, Options{Splines: 6}, "sample 1 has 1 values, want 2 columns"},
		{"label range", X, []int{0, 2}, cl, co, Options{}, "sample 1 has label 2, want 0..1"},
		{"lambda", X, y, cl, co, Options{Lambda: -1}, "lambda -1"},
		{"weights length", X, y, cl, co, Options{ClassWeights: []float64{1}}, "1 class weights for 2 classes"},
		{"weights NaN", X, y, cl, co, Options{ClassWeights: []float64{1, math.NaN()}}, "class weight 1 is NaN"},
		{"weights zero", X, y, cl, co, Options{ClassWeights: []float64{0, 0}}, "class weight 0"},
		{"balance over 1", X, y, cl, co, Options{Balance: 1.5}, "balance 1.5, want a power in [0, 1]"},
		{"balance negative", X, y, cl, co, Options{Balance: -0.5}, "balance -0.5"},
		{"duplicate column", X, y, cl, []string{"x", "x"}, Options{}, `column "x" appears twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Train(tc.X, tc.y, tc.cl, tc.co, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.wantError) {
				t.Errorf("Train error = %v, want %q", err, tc.wantError)
			}
		})
	}
}

// TestTrainDegenerate: constant, all-NaN and single-class inputs still give a
// valid model, never a panic.
func TestTrainDegenerate(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		X    [][]float64
		y    []int
	}{
		{"constant", [][]float64{{1, 1}, {1, 1}, {1, 1}}, []int{0, 1, 0}},
		{"all NaN column", [][]float64{{nan, 1}, {nan, 2}, {nan, 3}}, []int{0, 1, 1}},
		{"Inf", [][]float64{{math.Inf(1), 1}, {0, 2}, {math.Inf(-1), 3}}, []int{0, 1, 1}},
		{"single class", [][]float64{{0, 1}, {1, 2}}, []int{1, 1}},
		{"huge", [][]float64{{1e300, -1e300}, {-1e300, 1e300}}, []int{0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			m, err := Train(tc.X, tc.y, []string{"a", "b", "c"}, []string{"x", "y"},
				Options{MaxIter: 50, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			if err != nil {
				t.Fatal(err)
			}
			if err := m.Save(&bytes.Buffer{}); err != nil {
				t.Fatalf("trained model does not save: %v", err)
			}
			for _, x := range tc.X {
				p := m.Predict(nil, x)
				if math.IsNaN(p[0]) {
					t.Errorf("Predict(%v) = %v", x, p)
				}
			}
		})
	}
}

// BenchmarkTrain fits 5000 samples × 40 columns × 4 classes.
func BenchmarkTrain(b *testing.B) {
	rng := rand.New(rand.NewPCG(11, 12))
	const p = 40
	centres := make([][]float64, 4)
	for c := range centres {
		centres[c] = make([]float64, p)
		for j := range centres[c] {
			centres[c][j] = rng.NormFloat64() * 0.3
		}
	}
	X, y := blobs(rng, 1250, centres, 1)
	classes := []string{"original", "reprint", "spun", "translated"}
	columns := names("c.", p)
	var iters int
	for b.Loop() {
		m, err := Train(X, y, classes, columns, Options{})
		if err != nil {
			b.Fatal(err)
		}
		iters = m.Provenance.Iterations
	}
	b.ReportMetric(float64(iters), "iterations")
	b.ReportMetric(float64(len(X))*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}

// TestClassWeightsBalance: the power of the balanced weights, from
// scikit-learn's "balanced" (1, and the zero value) to none.
func TestClassWeightsBalance(t *testing.T) {
	counts := []int{30, 10, 0} // n = 40, two classes present
	for _, tc := range []struct {
		balance float64
		want    []float64
	}{
		{0, []float64{40.0 / 60, 40.0 / 20, 0}},
		{1, []float64{40.0 / 60, 40.0 / 20, 0}},
		{0.5, []float64{math.Sqrt(40.0 / 60), math.Sqrt(40.0 / 20), 0}},
	} {
		got, err := classWeights(nil, counts, tc.balance)
		if err != nil {
			t.Fatal(err)
		}
		for c := range got {
			if math.Abs(got[c]-tc.want[c]) > 1e-12 {
				t.Errorf("balance %v: weights %v, want %v", tc.balance, got, tc.want)
				break
			}
		}
	}
}

// TestTrainPairs: the class is the sign of a·b (an XOR of the signs), which
// no linear model of a and b can learn and a model with their product can;
// the pair survives a save and load, and a contribution names it.
func TestTrainPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	draw := func(n int) ([][]float64, []int) {
		X := make([][]float64, n)
		y := make([]int, n)
		for i := range X {
			a, b, c := rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()
			X[i] = []float64{a, b, c}
			if a*b > 0 {
				y[i] = 1
			}
		}
		return X, y
	}
	X, y := draw(400)
	Xt, yt := draw(400)
	classes := []string{"original", "spun"}
	columns := []string{"f.a", "f.b", "f.c"}
	accuracy := func(m *Model) float64 {
		probs := make([][]float64, len(Xt))
		for i, x := range Xt {
			probs[i] = m.Predict(nil, x)
		}
		return Evaluate(yt, probs, classes).Accuracy
	}
	linear, err := Train(X, y, classes, columns, Options{Lambda: 1e-4})
	if err != nil {
		t.Fatal(err)
	}
	if acc := accuracy(linear); acc > 0.65 {
		t.Errorf("linear model held-out accuracy %v: the test problem is not XOR-like", acc)
	}
	m, err := Train(X, y, classes, columns, Options{Lambda: 1e-4, Pairs: true, Exclude: []string{"f.c"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := [][2]int{{0, 1}}; len(m.Pairs) != 1 || m.Pairs[0] != want[0] {
		t.Fatalf("pairs %v, want %v (f.c is excluded)", m.Pairs, want)
	}
	if len(m.Columns) != 3 || len(m.Mean) != 4 || len(m.Weights[0]) != 4 {
		t.Fatalf("columns %d, mean %d, weights %d: want 3 columns and 4 inputs", len(m.Columns), len(m.Mean), len(m.Weights[0]))
	}
	if acc := accuracy(m); acc < 0.95 {
		t.Errorf("degree-2 model held-out accuracy %v, want ≥ 0.95", acc)
	}
	back := saveLoad(t, m)
	x := []float64{1.5, -2, 0.3}
	if p, q := m.Predict(nil, x), back.Predict(nil, x); p[0] != q[0] {
		t.Errorf("after save and load P = %v, before %v", q, p)
	}
	top := back.Contributions(x, 0)[0]
	if top.Column != "f.a × f.b" {
		t.Errorf("top contribution %+v, want the pair f.a × f.b", top)
	}
}

// saveLoad returns m written by Save and read back by Load.
func saveLoad(t *testing.T, m *Model) *Model {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return back
}
