package model

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadPredict checks that Load never panics and that a model it accepts can
// predict: finite probabilities summing to 1 for any feature vector of its
// width, NaN included.
func FuzzLoadPredict(f *testing.F) {
	for _, g := range []string{"testdata/*.json", "default.json", "../testdata/bad/model-*.json"} {
		names, _ := filepath.Glob(g)
		for _, n := range names {
			if b, err := os.ReadFile(n); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"version":1,"classes":["a","b"],"columns":["x"],"mean":[0],"scale":[0],"weights":[[1],[-1]],"bias":[0,0]}`))
	f.Add([]byte(`{"version":1,"classes":["a","b"],"columns":["x"],"mean":[0],"scale":[1e308],"weights":[[1e308],[-1e308]],"bias":[1e308,-1e308],"temperature":1e-308}`))
	f.Add([]byte(`{"version":1,"classes":["a","b"],"columns":["x"],"splines":[{"column":0,"knots":[-3,-2,-1,0,1,2,3,4,5]}],"mean":[0,0,0,0,0,0],"scale":[1,1,1,1,1,1],"weights":[[1,2,-1,0,1,3],[-1,0,1,2,0,-3]],"bias":[0,0]}`))
	f.Add([]byte(`{"version":1,"classes":["a","b"],"columns":["x"],"splines":[{"column":0,"knots":[0,0,0,0,0,0,0,0,0]}],"mean":[0,0,0,0,0,0],"scale":[1,1,1,1,1,1],"weights":[[1,2,-1,0,1,3],[-1,0,1,2,0,-3]],"bias":[0,0]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			if m != nil {
				t.Fatalf("a model and an error (%v)", err)
			}
			return
		}
		if err := m.CheckColumns(m.Columns); err != nil {
			t.Fatalf("a loaded model rejects its own columns: %v", err)
		}
		for _, fill := range []float64{0, 1, -1e300, math.NaN(), math.Inf(1)} {
			x := make([]float64, len(m.Columns))
			for i := range x {
				x[i] = fill
			}
			p := m.Predict(nil, x)
			if len(p) != len(m.Classes) {
				t.Fatalf("%d probabilities for %d classes", len(p), len(m.Classes))
			}
			sum := 0.0
			for _, v := range p {
				if math.IsNaN(v) || v < 0 || v > 1 {
					t.Fatalf("probability %v for x=%v", v, fill)
				}
				sum += v
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Fatalf("probabilities sum to %v for x=%v", sum, fill)
			}
			by := m // the model that scores x: its Short one for a routed page
			if s := m.routed(x); s != nil {
				by = s
			}
			if cs := m.Contributions(x, 0); len(cs) != len(by.Columns)+len(by.Pairs) {
				t.Fatalf("%d contributions for %d columns and %d pairs", len(cs), len(by.Columns), len(by.Pairs))
			}
		}
	})
}
