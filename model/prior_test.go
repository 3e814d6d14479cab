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

// TestEstimatePrior draws pages from a known class mix, gives each the
// probabilities a calibrated model trained under another mix would, and
// checks that EstimatePrior recovers the mix; a class no page comes from
// keeps the floor.
func TestEstimatePrior(t *testing.T) {
	classes := []string{"original", "reprint", "spun", "translated"}
	train := []float64{0.36, 0.16, 0.12, 0.36}
	for _, mix := range [][]float64{{0.7, 0.1, 0.05, 0.15}, {0.25, 0.25, 0.25, 0.25}, {0.97, 0.03, 0, 0}} {
		rng := rand.New(rand.NewPCG(3, 4))
		var pages []Scored
		for range 20000 {
			u, truth := rng.Float64(), 0
			for acc := mix[0]; u > acc && truth < len(mix)-1; acc += mix[truth] {
				truth++
			}
			// The page's evidence: one score a class, the true class's
			// higher by 2 on average (unit normal noise), so that the
			// likelihood of class c is exp(2·score_c) up to a common
			// factor: the probabilities of a calibrated model.
			probs, sum := make([]float64, len(classes)), 0.0
			for c := range classes {
				l := rng.NormFloat64()
				if c == truth {
					l += 2
				}
				probs[c] = math.Exp(2*l) * train[c]
				sum += probs[c]
			}
			for c := range probs {
				probs[c] /= sum
			}
			pages = append(pages, Scored{Probs: probs, Prior: train})
		}
		got, rounds, err := EstimatePrior(classes, pages)
		if err != nil {
			t.Fatal(err)
		}
		for c, name := range classes {
			want := max(mix[c], minEstimatedPrior)
			if math.Abs(got[name]-want) > 0.02 {
				t.Errorf("mix %v: %s estimated %.3f, want %.3f (%d rounds)", mix, name, got[name], want, rounds)
			}
		}
	}
	if _, _, err := EstimatePrior(classes, []Scored{{Probs: []float64{1, 0}, Prior: train}}); err == nil {
		t.Error("EstimatePrior with no usable page: no error")
	}
}

func TestPriorString(t *testing.T) {
	p := Prior{"translated": 0.25, "original": 0.7, "spun": 0.002, "reprint": 0.048}
	s := p.String()
	if s != "original=0.7000,reprint=0.0480,spun=0.0020,translated=0.2500" {
		t.Errorf("String() = %q", s)
	}
	back, err := ParsePrior(s)
	if err != nil || len(back) != 4 || back["spun"] != 0.002 {
		t.Errorf("ParsePrior(%q) = %v, %v", s, back, err)
	}
}

// FuzzParsePrior checks that ParsePrior never panics and accepts only
// positive finite values.
func FuzzParsePrior(f *testing.F) {
	for _, s := range []string{"original=0.9,reprint=0.05,spun=0.03,translated=0.02", "a=1", "=", ",,", "x=1e309", "x=-0", "x=0x1p-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePrior(s)
		if err != nil {
			return
		}
		for name, v := range p {
			if name == "" || !(v > 0) || math.IsInf(v, 0) {
				t.Fatalf("ParsePrior(%q): %q=%v", s, name, v)
			}
		}
	})
}
