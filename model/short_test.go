package model

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// flipped returns rows (a, n) whose class is a > 0 for short rows (n ≤ 2)
// and a ≤ 0 for long ones: no additive model of a and n fits both.
func flipped(rng *rand.Rand, count int) ([][]float64, []int) {
	var X [][]float64
	var y []int
	for range count {
		a := rng.NormFloat64()
		n := float64(1 + rng.IntN(8))
		c := 0
		if (a > 0) == (n <= 2) {
			c = 1
		}
		X, y = append(X, []float64{a, n}), append(y, c)
	}
	return X, y
}

func accuracy(m *Model, X [][]float64, y []int) float64 {
	right := 0
	for i, x := range X {
		p := m.Predict(nil, x)
		if (p[1] > p[0]) == (y[i] == 1) {
			right++
		}
	}
	return float64(right) / float64(len(X))
}

func TestTrainShort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	X, y := flipped(rng, 2000)
	Xt, yt := flipped(rng, 1000)
	classes, columns := []string{"original", "spun"}, []string{"f.a", "f.sentences"}
	one, err := Train(X, y, classes, columns, Options{})
	if err != nil {
		t.Fatal(err)
	}
	routed, err := Train(X, y, classes, columns, Options{Short: &Route{Column: "f.sentences", Max: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if routed.Short == nil || routed.Route == nil {
		t.Fatal("no short model")
	}
	if a := accuracy(one, Xt, yt); a > 0.8 {
		t.Errorf("one model: held-out accuracy %.3f; the test data should defeat it", a)
	}
	if a := accuracy(routed, Xt, yt); a < 0.95 {
		t.Errorf("routed model: held-out accuracy %.3f, want ≥ 0.95", a)
	}
	// The short model explains the short pages.
	if c := routed.Contributions([]float64{1, 1}, 1); c[0].Column != "f.a" || c[0].Value <= 0 {
		t.Errorf("contributions of a short page toward spun: %+v, want f.a first and positive", c)
	}
	// A short page's explanation adds up in the short model's terms, a
	// long page's in the main model's.
	checkVersusSums(t, routed, [][]float64{{1, 1}, {-1, 2}, {1, 5}, {-1, 9}})
	var buf bytes.Buffer
	if err := routed.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := accuracy(routed, Xt, yt), accuracy(back, Xt, yt); a != b {
		t.Errorf("accuracy %v after Save and Load, %v before", b, a)
	}
}

func TestTrainShortTooFew(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	X, y := flipped(rng, 200)
	m, err := Train(X, y, []string{"original", "spun"}, []string{"f.a", "f.sentences"}, Options{Short: &Route{Column: "f.sentences", Max: 0}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Short != nil || m.Route != nil {
		t.Error("a short model with no routed rows")
	}
	if _, err := Train(X, y, []string{"original", "spun"}, []string{"f.a", "f.b"}, Options{Short: &Route{Column: "f.sentences", Max: 2}}); err == nil || !strings.Contains(err.Error(), `"f.sentences" is not among the columns`) {
		t.Errorf("unknown route column: err %v", err)
	}
}

// TestTrainShortOnly: rows marked ShortOnly never train the main model.
// Long rows whose class contradicts the real long rows (a > 0 is class 1
// instead of 0), marked short-only, leave the main model as it was and are
// dropped; unmarked, they spoil it. Marked short rows still train the
// short model, and a mark count that does not match the rows is an error.
func TestTrainShortOnly(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	X, y := flipped(rng, 2000)
	Xt, yt := flipped(rng, 1000)
	var misleadX [][]float64
	var misleadY []int
	for range 3000 {
		a := rng.NormFloat64()
		c := 0
		if a > 0 {
			c = 1
		}
		misleadX, misleadY = append(misleadX, []float64{a, 6}), append(misleadY, c)
	}
	classes, columns := []string{"original", "spun"}, []string{"f.a", "f.sentences"}
	route := &Route{Column: "f.sentences", Max: 2}
	allX, allY := append(slices.Clone(X), misleadX...), append(slices.Clone(y), misleadY...)
	marks := make([]bool, len(allX))
	for i := len(X); i < len(marks); i++ {
		marks[i] = true
	}
	marked, err := Train(allX, allY, classes, columns, Options{Short: route, ShortOnly: marks})
	if err != nil {
		t.Fatal(err)
	}
	unmarkedModel, err := Train(allX, allY, classes, columns, Options{Short: route})
	if err != nil {
		t.Fatal(err)
	}
	if a := accuracy(marked, Xt, yt); a < 0.95 {
		t.Errorf("short-only rows marked: held-out accuracy %.3f, want ≥ 0.95", a)
	}
	if a := accuracy(unmarkedModel, Xt, yt); a > 0.8 {
		t.Errorf("the same rows unmarked: held-out accuracy %.3f; they should spoil the main model", a)
	}
	// Every short row marked: the short model still learns them.
	shortMarks := make([]bool, len(X))
	for i, x := range X {
		shortMarks[i] = x[1] <= 2
	}
	m, err := Train(X, y, classes, columns, Options{Short: route, ShortOnly: shortMarks})
	if err != nil {
		t.Fatal(err)
	}
	if m.Short == nil || accuracy(m, Xt, yt) < 0.95 {
		t.Errorf("short rows all marked: short model %v, held-out accuracy %.3f, want a short model and ≥ 0.95", m.Short != nil, accuracy(m, Xt, yt))
	}
	if _, err := Train(X, y, classes, columns, Options{Short: route, ShortOnly: marks}); err == nil || !strings.Contains(err.Error(), "short-only marks") {
		t.Errorf("%d marks for %d rows: err %v", len(marks), len(X), err)
	}
}

func TestLoadRejectsShort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	X, y := flipped(rng, 600)
	m, err := Train(X, y, []string{"original", "spun"}, []string{"f.a", "f.sentences"}, Options{Short: &Route{Column: "f.sentences", Max: 2}})
	if err != nil {
		t.Fatal(err)
	}
	var good bytes.Buffer
	if err := m.Save(&good); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(m map[string]any)) string {
		var v map[string]any
		if err := json.Unmarshal(good.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		f(v)
		b, _ := json.Marshal(v)
		return string(b)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"short without route", edit(func(v map[string]any) { delete(v, "route") }), "route and short come together"},
		{"route without short", edit(func(v map[string]any) { delete(v, "short") }), "route and short come together"},
		{"route column", edit(func(v map[string]any) { v["route"].(map[string]any)["column"] = "f.zz" }), `route column "f.zz"`},
		{"short columns", edit(func(v map[string]any) { v["short"].(map[string]any)["columns"] = []string{"f.a", "f.b"} }), "columns differ"},
		{"short of the short", edit(func(v map[string]any) {
			s := v["short"].(map[string]any)
			s["route"], s["short"] = v["route"], map[string]any{}
		}), "route of its own"},
		{"bad short", edit(func(v map[string]any) { v["short"].(map[string]any)["bias"] = []float64{0} }), "short: model: bias"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: err %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
