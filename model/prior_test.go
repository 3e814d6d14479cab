package model

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParsePrior(t *testing.T) {
	tests := []struct {
		in   string
		want Prior
		err  string
	}{
		{"original=0.9,reprint=0.05,spun=0.03,translated=0.02", Prior{"original": 0.9, "reprint": 0.05, "spun": 0.03, "translated": 0.02}, ""},
		{" original = 9 , spun=1", Prior{"original": 9, "spun": 1}, ""},
		{"original", nil, "not class=value"},
		{"=0.5", nil, "not class=value"},
		{"original=0.5,original=0.5", nil, "given twice"},
		{"original=0", nil, "positive"},
		{"original=-1", nil, "positive"},
		{"original=NaN", nil, "positive"},
		{"original=+Inf", nil, "positive"},
		{"original=x", nil, "positive"},
	}
	for _, tt := range tests {
		got, err := ParsePrior(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParsePrior(%q) error = %v, want one with %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("ParsePrior(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("ParsePrior(%q)[%s] = %v, want %v", tt.in, k, got[k], v)
			}
		}
	}
}

// TestWithPrior checks the correction on the embedded model, its short
// model included: the model's training prior changes nothing on the pages
// it scores itself, and a prior multiplies every odds ratio by the ratio
// of the priors, against the training prior of whichever model scores the
// page.
func TestWithPrior(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	train, err := m.TrainingPrior()
	if err != nil {
		t.Fatal(err)
	}
	same, err := m.WithPrior(train)
	if err != nil {
		t.Fatal(err)
	}
	screen := Prior{"original": 0.9, "reprint": 0.05, "spun": 0.03, "translated": 0.02}
	shifted, err := m.WithPrior(screen)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	route := -1
	if m.Route != nil {
		route = m.routeCol
	}
	for i := range 200 {
		x := make([]float64, len(m.Columns))
		for j := range x {
			x[j] = rng.NormFloat64() * 2
		}
		if route >= 0 && i%2 == 0 {
			x[route] = 1 // a one-sentence page: the short model scores it
		}
		p := m.Predict(nil, x)
		q := same.Predict(nil, x)
		r := shifted.Predict(nil, x)
		tp, routed := train, m.routed(x) != nil
		if routed {
			if tp, err = m.routed(x).TrainingPrior(); err != nil {
				t.Fatal(err)
			}
		}
		for c, name := range m.Classes {
			if !routed && math.Abs(p[c]-q[c]) > 1e-9 {
				t.Fatalf("x %d: %s %.12f with the training prior, %.12f without", i, name, q[c], p[c])
			}
			for d, other := range m.Classes {
				if p[c] < 1e-12 || p[d] < 1e-12 || r[d] < 1e-12 {
					continue
				}
				got := math.Log(r[c] / r[d])
				want := math.Log(p[c]/p[d]) + math.Log(screen[name]/tp[name]) - math.Log(screen[other]/tp[other])
				if math.Abs(got-want) > 1e-6 {
					t.Fatalf("x %d: log odds %s:%s %.6f, want %.6f", i, name, other, got, want)
				}
			}
		}
	}
	if m.Route != nil && m.Short != nil && shifted.Short == m.Short {
		t.Error("the short model was not corrected")
	}
}

func TestWithPriorErrors(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		prior Prior
		err   string
	}{
		{Prior{"original": 1, "reprint": 1, "spun": 1}, `no value for class "translated"`},
		{Prior{"original": 1, "reprint": 1, "spun": 1, "translated": 1, "rewritten": 1}, "rewritten: not a class"},
	} {
		if _, err := m.WithPrior(tt.prior); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("WithPrior(%v) error = %v, want one with %q", tt.prior, err, tt.err)
		}
	}
	bare := *m
	bare.Provenance.ClassCounts = nil
	if _, err := bare.WithPrior(Prior{"original": 1, "reprint": 1, "spun": 1, "translated": 1}); err == nil {
		t.Error("WithPrior on a model without class counts: no error")
	}
}
