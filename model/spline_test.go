package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSplineBasis: the basis values are non-negative and sum to 1 at every
// point, and outside the interior knots they are those of the nearest end.
func TestSplineBasis(t *testing.T) {
	zs := make([]float64, 200)
	for i := range zs {
		zs[i] = math.Sin(float64(i)) * 2
	}
	sp := Spline{Knots: splineKnots(zs, 6)}
	if len(sp.Knots) != 6+2*SplineDegree {
		t.Fatalf("knots %v: want 6 interior knots and %d at each end", sp.Knots, SplineDegree)
	}
	b := make([]float64, sp.size())
	for _, z := range []float64{-9, -2, -1.3, -0.5, 0, 0.1, 0.77, 1.5, 1.999, 2, 9} {
		sp.basis(b, z)
		sum := 0.0
		for _, v := range b {
			if v < -1e-12 {
				t.Errorf("basis(%v) = %v has a negative value", z, b)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("basis(%v) sums to %v, want 1", z, sum)
		}
	}
	lo, hi := make([]float64, sp.size()), make([]float64, sp.size())
	sp.basis(lo, sp.Knots[SplineDegree])
	sp.basis(b, -100)
	if !slices.Equal(b, lo) {
		t.Errorf("basis(-100) = %v, want the low end's %v", b, lo)
	}
	sp.basis(hi, sp.Knots[len(sp.Knots)-SplineDegree-1])
	sp.basis(b, 100)
	if !slices.Equal(b, hi) {
		t.Errorf("basis(100) = %v, want the high end's %v", b, hi)
	}
}

func TestSplineKnots(t *testing.T) {
	tests := []struct {
		name string
		zs   []float64
		n    int
		want int // knots, 0 for nil
	}{
		{"binary column", []float64{0, 1, 0, 0, 1, 1, 0}, 6, 0},
		{"mostly zero", append(make([]float64, 95), 1, 2, 3, 4, 5), 6, 0},
		{"two knots asked", []float64{1, 2, 3, 4}, 2, 0},
		{"continuous", []float64{5, 1, 4, 2, 3, 6, 7}, 4, 4 + 2*SplineDegree},
		{"ties collapse", []float64{0, 0, 0, 0, 1, 2, 3, 4}, 6, 4 + 2*SplineDegree},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := splineKnots(tc.zs, tc.n)
			if len(k) != tc.want {
				t.Fatalf("splineKnots = %v (%d knots), want %d", k, len(k), tc.want)
			}
			if k != nil && !slices.IsSorted(k) {
				t.Errorf("knots %v not sorted", k)
			}
		})
	}
}

// TestTrainSplines: a class that depends on |x| (not monotone in x) is out
// of reach of one weight per column; a spline learns it, survives save and
// load, and its column's contributions add up to the logit.
func TestTrainSplines(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	draw := func(n int) ([][]float64, []int) {
		X := make([][]float64, n)
		y := make([]int, n)
		for i := range X {
			a, b := rng.NormFloat64(), float64(rng.IntN(2))
			X[i] = []float64{a, b}
			if math.Abs(a) > 1 {
				y[i] = 1
			}
		}
		return X, y
	}
	X, y := draw(600)
	Xt, yt := draw(600)
	classes := []string{"original", "spun"}
	columns := []string{"f.a", "f.flag"}
	accuracy := func(m *Model) float64 { return heldOutAccuracy(m, Xt, yt, classes) }
	linear, err := Train(X, y, classes, columns, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if acc := accuracy(linear); acc > 0.75 {
		t.Errorf("linear model held-out accuracy %v: the test problem is not U-shaped", acc)
	}
	m, err := Train(X, y, classes, columns, Options{Splines: 6, Clip: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Splines) != 1 || m.Splines[0].Column != 0 {
		t.Fatalf("splines %+v, want one, on f.a (f.flag is binary)", m.Splines)
	}
	if n := len(m.Mean); n != 2+m.Splines[0].size() {
		t.Fatalf("%d inputs, want 2 columns and %d basis values", n, m.Splines[0].size())
	}
	if m.Provenance.Lambda != DefaultSplineLambda {
		t.Errorf("lambda %v, want DefaultSplineLambda", m.Provenance.Lambda)
	}
	if acc := accuracy(m); acc < 0.93 {
		t.Errorf("spline model held-out accuracy %v, want ≥ 0.93", acc)
	}
	back := saveLoad(t, m)
	x := []float64{1.7, 1}
	p, q := m.Predict(nil, x), back.Predict(nil, x)
	if p[1] != q[1] || p[1] < 0.8 {
		t.Errorf("P(spun | a = 1.7) = %v after save and load, %v before; want equal and ≥ 0.8", q[1], p[1])
	}
	cs := back.Contributions(x, 1)
	if len(cs) != 2 || cs[0].Column != "f.a" {
		t.Fatalf("contributions %+v, want one per column, f.a first", cs)
	}
	checkLogOdds(t, back, x)
}

// heldOutAccuracy is m's accuracy on the rows Xt with labels yt.
func heldOutAccuracy(m *Model, Xt [][]float64, yt []int, classes []string) float64 {
	probs := make([][]float64, len(Xt))
	for i, x := range Xt {
		probs[i] = m.Predict(nil, x)
	}
	return Evaluate(yt, probs, classes).Accuracy
}

// checkLogOdds checks that the bias and the contributions of classes 1
// and 0 add up to the log-odds m.Predict gives for x.
func checkLogOdds(t *testing.T, m *Model, x []float64) {
	t.Helper()
	q := m.Predict(nil, x)
	logit := func(c int) float64 {
		v := m.Bias[c]
		for _, ct := range m.Contributions(x, c) {
			v += ct.Value
		}
		return v
	}
	if got, want := logit(1)-logit(0), math.Log(q[1]/q[0]); math.Abs(got-want) > 1e-9 {
		t.Errorf("contributions give log-odds %v, Predict %v", got, want)
	}
}
