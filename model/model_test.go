package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func fileSHA256(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// blobs draws n samples per class from isotropic Gaussians with the given
// centres and standard deviation sd.
func blobs(rng *rand.Rand, n int, centres [][]float64, sd float64) ([][]float64, []int) {
	var X [][]float64
	var y []int
	for c, mu := range centres {
		for range n {
			x := make([]float64, len(mu))
			for j := range x {
				x[j] = mu[j] + sd*rng.NormFloat64()
			}
			X = append(X, x)
			y = append(y, c)
		}
	}
	return X, y
}

func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
	}
	return out
}

// TestGradient compares the analytic gradient with central finite
// differences, with L2 and unequal class weights, at a random point.
func TestGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	X, y := blobs(rng, 15, [][]float64{{0, 0, 1}, {1, 2, 0}, {2, 0, 0}}, 1)
	X[3][1] = math.NaN() // missing value path
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"balanced", Options{Lambda: 0.3}},
		{"given weights", Options{Lambda: 0.05, ClassWeights: []float64{1, 3, 0.5}}},
		{"zero weight class", Options{Lambda: 1, ClassWeights: []float64{1, 0, 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, err := newProblem(X, y, []string{"a", "b", "c"}, []string{"x", "y", "z"}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			dim := pr.k*pr.p + pr.k
			theta := make([]float64, dim)
			for i := range theta {
				theta[i] = rng.NormFloat64()
			}
			logits := mat.NewDense(pr.n, pr.k, nil)
			grad := make([]float64, dim)
			pr.lossGrad(grad, theta, logits)
			const h = 1e-6
			for i := range theta {
				orig := theta[i]
				theta[i] = orig + h
				fp := pr.lossGrad(nil, theta, logits)
				theta[i] = orig - h
				fm := pr.lossGrad(nil, theta, logits)
				theta[i] = orig
				fd := (fp - fm) / (2 * h)
				if math.Abs(fd-grad[i]) > 1e-6*math.Max(1, math.Abs(fd)) {
					t.Errorf("grad[%d] = %.9g, finite difference %.9g", i, grad[i], fd)
				}
			}
		})
	}
}

func trainedModel(t testing.TB) *Model {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	X, y := blobs(rng, 40, [][]float64{{0, 0, 5}, {2, 1, 5}, {0, 3, 5}}, 1)
	for _, x := range X {
		x[2] = 5 // a constant column
	}
	m, err := Train(X, y, []string{"original", "reprint", "spun"}, []string{"f.a", "f.b", "f.const"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Temperature = 1.5
	return m
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := trainedModel(t)
	var a bytes.Buffer
	if err := m.Save(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m2.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("Save(Load(Save(m))) differs from Save(m)")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100 {
		x := []float64{rng.NormFloat64() * 3, rng.NormFloat64() * 3, 5}
		p1, p2 := m.Predict(nil, x), m2.Predict(nil, x)
		for c := range p1 {
			if math.Float64bits(p1[c]) != math.Float64bits(p2[c]) {
				t.Fatalf("Predict(%v) = %v before save, %v after", x, p1, p2)
			}
		}
	}
}

func TestLoadRejects(t *testing.T) {
	var good bytes.Buffer
	if err := trainedModel(t).Save(&good); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(good.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", "decode"},
		{"truncated", good.String()[:good.Len()/2], "decode"},
		{"trailing", good.String() + "{}", "trailing data"},
		{"NaN literal", strings.Replace(good.String(), `"bias": [`, `"bias": [NaN, `, 1), "decode"},
		{"overflow", edit(func(m map[string]any) { m["bias"].([]any)[0] = json.Number("1e999") }), "decode"},
		{"version", edit(func(m map[string]any) { m["version"] = 2 }), "version 2, want 1"},
		{"unknown field", edit(func(m map[string]any) { m["wieghts"] = 1 }), "unknown field"},
		{"one class", edit(func(m map[string]any) { m["classes"] = []string{"original"} }), "1 classes"},
		{"no columns", edit(func(m map[string]any) { m["columns"] = []string{} }), "no columns"},
		{"duplicate column", edit(func(m map[string]any) { m["columns"] = []string{"f.a", "f.b", "f.a"} }), `column "f.a" appears twice`},
		{"empty class name", edit(func(m map[string]any) { m["classes"] = []string{"a", " ", "c"} }), "class 1 has an empty name"},
		{"short weights row", edit(func(m map[string]any) { m["weights"].([]any)[2] = []float64{1, 2} }), "weights[2] has 2 values, want 3 inputs"},
		{"weights rows", edit(func(m map[string]any) { m["weights"] = m["weights"].([]any)[:2] }), "weights has 2 rows, want 3 classes"},
		{"bias length", edit(func(m map[string]any) { m["bias"] = []float64{0} }), "bias has 1 values, want 3 classes"},
		{"mean length", edit(func(m map[string]any) { m["mean"] = []float64{0} }), "mean has 1 values, want 3 inputs"},
		{"negative scale", edit(func(m map[string]any) { m["scale"] = []float64{1, -1, 0} }), "scale[1] is -1"},
		{"temperature", edit(func(m map[string]any) { m["temperature"] = -1 }), "temperature is -1"},
		{"pair index", edit(func(m map[string]any) { m["pairs"] = [][2]int{{0, 3}} }), "pairs[0] is [0 3]"},
		{"pair without its weights", edit(func(m map[string]any) { m["pairs"] = [][2]int{{0, 1}} }), "mean has 3 values, want 4 inputs"},
		{"spline column", edit(func(m map[string]any) {
			m["splines"] = []Spline{{Column: 3, Knots: []float64{0, 1, 2, 3, 4, 5, 6, 7, 8}}}
		}), "splines[0] is on column 3"},
		{"spline knots", edit(func(m map[string]any) {
			m["splines"] = []Spline{{Column: 0, Knots: []float64{0, 1, 2, 3, 4, 5, 6, 8, 7}}}
		}), "not finite and non-decreasing"},
		{"spline without its weights", edit(func(m map[string]any) {
			m["splines"] = []Spline{{Column: 0, Knots: []float64{0, 1, 2, 3, 4, 5, 6, 7, 8}}}
		}), "mean has 3 values, want 8 inputs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	t.Run("NaN in memory", func(t *testing.T) {
		m := trainedModel(t)
		m.Weights[1][0] = math.NaN()
		err := m.Save(&bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "weights[1][0] is NaN") {
			t.Errorf("Save error = %v", err)
		}
	})
}

func TestCheckColumns(t *testing.T) {
	m := &Model{Columns: []string{"a.x", "b.y", "c.z"}}
	for _, tc := range []struct {
		want []string
		msg  string
	}{
		{[]string{"a.x", "b.y", "c.z"}, ""},
		{[]string{"a.x", "b.y", "c.z", "faq.pairs"}, "model lacks column faq.pairs"},
		{[]string{"a.x", "c.z"}, "model has unknown column b.y"},
		{[]string{"a.x", "faq.pairs", "c.z"}, "model lacks column faq.pairs; model has unknown column b.y"},
		{[]string{"a.x"}, "model has unknown columns b.y, c.z"},
		{[]string{"a.x", "c.z", "b.y"}, "model columns are in another order: b.y (model 1, want 2), c.z (model 2, want 1)"},
		{[]string{"a.x", "b.y", "c.z", "c.z"}, "wanted columns listed twice: c.z"},
	} {
		err := m.CheckColumns(tc.want)
		got := ""
		if err != nil {
			got = err.Error()
			var ce *ColumnError
			if !errors.As(err, &ce) {
				t.Errorf("CheckColumns(%v) error is %T, want *ColumnError", tc.want, err)
			}
		}
		if got != tc.msg {
			t.Errorf("CheckColumns(%v) = %q, want %q", tc.want, got, tc.msg)
		}
	}
}

func TestPredictRobust(t *testing.T) {
	m := trainedModel(t)
	mean := slices.Clone(m.Mean)
	for _, x := range [][]float64{
		{0, 0, 5},
		{math.NaN(), math.Inf(1), math.Inf(-1)},
		{1e308, -1e308, 5},
		{math.MaxFloat64, math.SmallestNonzeroFloat64, 0},
	} {
		p := m.Predict(nil, x)
		var sum float64
		for _, v := range p {
			if math.IsNaN(v) || v < 0 || v > 1 {
				t.Fatalf("Predict(%v) = %v", x, p)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("Predict(%v) sums to %v", x, sum)
		}
	}
	// Non-finite inputs count as the training mean.
	a := m.Predict(nil, []float64{math.NaN(), math.Inf(1), 5})
	b := m.Predict(nil, []float64{mean[0], mean[1], 5})
	for c := range a {
		if math.Abs(a[c]-b[c]) > 1e-12 {
			t.Errorf("NaN/Inf input gives %v, mean input %v", a, b)
		}
	}
	// dst is reused when large enough.
	dst := make([]float64, 8)
	if got := m.Predict(dst, []float64{0, 0, 5}); &got[0] != &dst[0] || len(got) != 3 {
		t.Error("Predict did not reuse dst")
	}
}

func TestContributions(t *testing.T) {
	m := trainedModel(t)
	x := []float64{1.5, -0.5, 5}
	for c := range m.Classes {
		cs := m.Contributions(x, c)
		if len(cs) != len(m.Columns) {
			t.Fatalf("%d contributions, want %d", len(cs), len(m.Columns))
		}
		logit := m.Bias[c]
		for i, ct := range cs {
			logit += ct.Value
			if i > 0 && math.Abs(ct.Value) > math.Abs(cs[i-1].Value) {
				t.Errorf("contributions not sorted by |value|: %v", cs)
			}
		}
		// softmax of the summed logits (over the temperature) must be Predict.
		logits := make([]float64, len(m.Classes))
		for d := range m.Classes {
			l := m.Bias[d]
			for _, ct := range m.Contributions(x, d) {
				l += ct.Value
			}
			logits[d] = l / m.Temperature
		}
		softmaxInPlace(logits)
		p := m.Predict(nil, x)
		if math.Abs(p[c]-logits[c]) > 1e-12 {
			t.Errorf("class %d: contributions give %v, Predict %v", c, logits[c], p[c])
		}
		_ = logit
	}
	// The constant column (scale 0) contributes nothing.
	for _, ct := range m.Contributions(x, 0) {
		if ct.Column == "f.const" && ct.Value != 0 {
			t.Errorf("constant column contributes %v", ct.Value)
		}
	}
}

func TestDefault(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Classes, []string{"original", "reprint", "spun", "translated"}) {
		t.Errorf("default classes %v", m.Classes)
	}
	m.Weights[0][0] = 99 // a copy: must not leak into the next call
	m2, _ := Default()
	if m2.Weights[0][0] == 99 {
		t.Error("Default returns shared state")
	}
}

// FuzzLoad: any input yields a model or an error, never a panic, and a
// loaded model predicts valid probabilities.
func FuzzLoad(f *testing.F) {
	for _, p := range []string{"default.json", "testdata/tiny.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"version":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		x := make([]float64, len(m.Columns))
		p := m.Predict(nil, x)
		var sum float64
		for _, v := range p {
			sum += v
		}
		if !(math.Abs(sum-1) < 1e-9) {
			t.Errorf("probabilities sum to %v", sum)
		}
		_ = m.Contributions(x, 0)
		_ = m.Save(&bytes.Buffer{})
	})
}

// TestVersus checks that the contributions against another class add up,
// with the biases, to the log ratio of the two probabilities Predict gives.
func TestVersus(t *testing.T) {
	checkVersusSums(t, trainedModel(t), [][]float64{{1.5, -0.5, 5}, {0, 3, 5}, {2, 1, 4}})
}

// checkVersusSums checks that, for every x and every two classes, Versus's
// values and InterceptVersus sum to the log of the ratio of the two
// predicted probabilities times the temperature, and that Versus is sorted
// by decreasing |value|.
func checkVersusSums(t *testing.T, m *Model, xs [][]float64) {
	t.Helper()
	for _, x := range xs {
		p := m.Predict(nil, x)
		temp := m.Temperature
		if s := m.routed(x); s != nil {
			temp = s.Temperature
		}
		if temp == 0 {
			temp = 1
		}
		for c := range m.Classes {
			for o := range m.Classes {
				sum := m.InterceptVersus(x, c, o)
				cs := m.Versus(x, c, o)
				for i, ct := range cs {
					sum += ct.Value
					if i > 0 && math.Abs(ct.Value) > math.Abs(cs[i-1].Value) {
						t.Errorf("versus not sorted by |value|: %v", cs)
					}
				}
				if want := math.Log(p[c]/p[o]) * temp; math.Abs(sum-want) > 1e-9 {
					t.Errorf("x %v, %d over %d: contributions and intercepts sum to %v, log ratio × T is %v", x, c, o, sum, want)
				}
			}
		}
	}
}
