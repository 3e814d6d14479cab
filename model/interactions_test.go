package model

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// interactionData draws rows of five columns whose class is spun when
// f.a and f.b have the same sign (an interaction no sum of shapes can
// fit) or when f.c is large (a shape of one column), with f.d and f.e
// noise.
func interactionData(rng *rand.Rand, n int) ([][]float64, []int) {
	X := make([][]float64, n)
	y := make([]int, n)
	for i := range X {
		a, b, c := rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()
		X[i] = []float64{a, b, c, rng.NormFloat64(), float64(rng.IntN(2))}
		if a*b > 0 || c > 1.2 {
			y[i] = 1
		}
	}
	return X, y
}

var interactionColumns = []string{"f.a", "f.b", "f.c", "f.d", "f.e"}

// TestRankInteractions: against a model of one shape per column, the pair
// that only means something together ranks first, and a pair of noise
// columns ranks below every pair holding f.a or f.b.
func TestRankInteractions(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	X, y := interactionData(rng, 800)
	classes := []string{"original", "spun"}
	m, err := Train(X, y, classes, interactionColumns, Options{Splines: 6, Clip: 3})
	if err != nil {
		t.Fatal(err)
	}
	w := make([]float64, len(y))
	for i := range w {
		w[i] = 1
	}
	candidates, err := columnPairs(interactionColumns, nil)
	if err != nil {
		t.Fatal(err)
	}
	ranked := RankInteractions(X, y, w, m, candidates)
	if len(ranked) != len(candidates) {
		t.Fatalf("%d pairs ranked, want all %d", len(ranked), len(candidates))
	}
	if ranked[0] != [2]int{0, 1} {
		t.Errorf("first pair %v, want [0 1] (f.a × f.b); ranking %v", ranked[0], ranked)
	}
	if noise := slices.Index(ranked, [2]int{3, 4}); noise < 3 {
		t.Errorf("the noise pair f.d × f.e ranks %d in %v, want after f.a × f.b and at least two pairs with f.a or f.b", noise, ranked)
	}
}

// TestTrainInteractions: with one chosen interaction the model fits what
// its shapes alone cannot, the pair gets a spline of its own, and the
// model predicts and explains the same after a save and a load.
func TestTrainInteractions(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	X, y := interactionData(rng, 800)
	Xt, yt := interactionData(rng, 800)
	classes := []string{"original", "spun"}
	accuracy := func(m *Model) float64 { return heldOutAccuracy(m, Xt, yt, classes) }
	additive, err := Train(X, y, classes, interactionColumns, Options{Splines: 6, Clip: 3})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(X, y, classes, interactionColumns, Options{Splines: 6, Clip: 3, Interactions: 1, Exclude: []string{"f.d"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Pairs, [][2]int{{0, 1}}) {
		t.Fatalf("pairs %v, want [[0 1]]", m.Pairs)
	}
	last := m.Splines[len(m.Splines)-1]
	if last.Column != len(m.Columns) {
		t.Errorf("last spline on input %d, want %d (the pair)", last.Column, len(m.Columns))
	}
	if a, b := accuracy(additive), accuracy(m); a > 0.8 || b < 0.9 {
		t.Errorf("held-out accuracy %v with shapes alone, %v with the interaction: want ≤ 0.8 and ≥ 0.9", a, b)
	}
	back := saveLoad(t, m)
	x := []float64{1.1, 0.9, -0.3, 0.5, 1}
	p, q := m.Predict(nil, x), back.Predict(nil, x)
	if p[1] != q[1] || p[1] < 0.8 {
		t.Errorf("P(spun | a, b > 0) = %v after save and load, %v before; want equal and ≥ 0.8", q[1], p[1])
	}
	names := back.Inputs()
	if got := names[len(names)-1]; !strings.HasPrefix(got, "f.a × f.b ~") {
		t.Errorf("last input %q, want a basis function of f.a × f.b", got)
	}
	cs := back.Contributions(x, 1)
	if cs[0].Column != "f.a × f.b" {
		t.Errorf("top contribution %+v, want the pair's shape", cs[0])
	}
	checkLogOdds(t, back, x)
}

func TestTrainInteractionsErrors(t *testing.T) {
	X, y := interactionData(rand.New(rand.NewPCG(25, 26)), 100)
	classes := []string{"original", "spun"}
	for _, opt := range []Options{{Interactions: -1}, {Interactions: 2, Pairs: true}} {
		if _, err := Train(X, y, classes, interactionColumns, opt); err == nil {
			t.Errorf("Train with %+v: no error", opt)
		}
	}
	// More pairs asked than there are: every pair, no error.
	two := make([][]float64, len(X))
	for i, row := range X {
		two[i] = row[:2]
	}
	m, err := Train(two, y, classes, interactionColumns[:2], Options{Interactions: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Pairs) != 1 {
		t.Errorf("pairs %v, want the one pair of two columns", m.Pairs)
	}
}

// TestQuantileBins: bins follow the quantiles, a rare value still gets a
// bin of its own, a constant column one bin, and a missing value the
// median's.
func TestQuantileBins(t *testing.T) {
	col := func(vs ...float64) [][]float64 {
		X := make([][]float64, len(vs))
		for i, v := range vs {
			X[i] = []float64{v}
		}
		return X
	}
	tests := []struct {
		name  string
		X     [][]float64
		nb    int
		want  []uint8
		nbins int
	}{
		{"quartiles", col(1, 2, 3, 4, 5, 6, 7, 8), 4, []uint8{0, 0, 1, 1, 2, 2, 3, 3}, 4},
		{"rare flag", col(0, 0, 0, 0, 0, 0, 0, 0, 0, 1), 4, []uint8{0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 2},
		{"constant", col(3, 3, 3), 4, []uint8{0, 0, 0}, 1},
		{"missing", col(1, 2, math.NaN(), 3, 4), 2, []uint8{0, 0, 1, 1, 1}, 2},
	}
	for _, tt := range tests {
		got, n := quantileBins(tt.X, 0, tt.nb)
		if !slices.Equal(got, tt.want) || n != tt.nbins {
			t.Errorf("%s: bins %v (%d), want %v (%d)", tt.name, got, n, tt.want, tt.nbins)
		}
	}
}

// TestTrainInteractionsGate: with a gate, the pair holds where the gate
// is 1 and says nothing where it is 0, the gate joins no pair, and a
// model whose gate is not a column does not load.
func TestTrainInteractionsGate(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	draw := func(n int) ([][]float64, []int) {
		X, y := interactionData(rng, n)
		for i, x := range X {
			// f.e is the gate: where it is 0 only f.c decides.
			if x[4] == 0 {
				y[i] = 0
				if x[2] > 0 {
					y[i] = 1
				}
			}
		}
		return X, y
	}
	X, y := draw(1200)
	classes := []string{"original", "spun"}
	m, err := Train(X, y, classes, interactionColumns, Options{Splines: 6, Clip: 3, Interactions: 2, Gate: "f.e"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Gate != "f.e" || len(m.Pairs) != 2 || m.Pairs[0] != [2]int{0, 1} {
		t.Fatalf("gate %q, pairs %v: want f.e and [0 1] first", m.Gate, m.Pairs)
	}
	for _, pr := range m.Pairs {
		if pr[0] == 4 || pr[1] == 4 {
			t.Errorf("pairs %v: the gate joins a pair", m.Pairs)
		}
	}
	back := saveLoad(t, m)
	pair := func(x []float64) float64 {
		for _, c := range back.Contributions(x, 1) {
			if c.Column == "f.a × f.b" {
				return c.Value
			}
		}
		t.Fatalf("no contribution of f.a × f.b")
		return 0
	}
	same, other := []float64{1, 1, 0.2, 0, 0}, []float64{1, -1, 0.2, 0, 0}
	if p, q := pair(same), pair(other); p != q {
		t.Errorf("gate 0: f.a × f.b contributes %v with f.a, f.b of one sign, %v of two; want equal", p, q)
	}
	same[4], other[4] = 1, 1
	if p, q := back.Predict(nil, same), back.Predict(nil, other); p[1]-q[1] < 0.5 {
		t.Errorf("gate 1: P(spun) %v with f.a, f.b of one sign, %v of two; want the first far higher", p[1], q[1])
	}
	if _, err := Train(X, y, classes, interactionColumns, Options{Interactions: 1, Gate: "f.z"}); err == nil {
		t.Error("Train with a gate that is not a column: no error")
	}
	var buf bytes.Buffer
	if err := back.Save(&buf); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(buf.String(), `"gate": "f.e"`, `"gate": "f.z"`, 1)
	if bad == buf.String() {
		t.Fatalf("no gate in the saved model:\n%.300s", bad)
	}
	if _, err := Load(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "gate") {
		t.Errorf("Load of a model whose gate is not a column: %v, want an error naming the gate", err)
	}
}
