package model

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Prior is how common each class is among the pages a model will score,
// by class name. The values need not sum to 1; WithPrior normalises them.
type Prior map[string]float64

// ParsePrior reads a prior written as "class=value,class=value,…" (for
// example "original=0.9,reprint=0.05,spun=0.03,translated=0.02"). Every
// value must be a positive finite number; a class may appear once.
func ParsePrior(s string) (Prior, error) {
	p := Prior{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("prior: %q is not class=value", part)
		}
		if _, dup := p[name]; dup {
			return nil, fmt.Errorf("prior: class %q given twice", name)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("prior: %s=%s: want a positive number", name, val)
		}
		p[name] = v
	}
	return p, nil
}

// TrainingPrior returns the class prior the model was fitted under: each
// class's training sample count times its class weight (Provenance),
// normalised. A model's probabilities are calibrated for pages drawn in
// these proportions. It fails for a model whose provenance records no
// class counts or weights.
func (m *Model) TrainingPrior() (Prior, error) {
	pv := m.Provenance
	if len(pv.ClassCounts) == 0 {
		return nil, fmt.Errorf("model records no training class counts")
	}
	w := pv.ClassWeights
	if w != nil && len(w) != len(m.Classes) {
		return nil, fmt.Errorf("model records %d class weights for %d classes", len(w), len(m.Classes))
	}
	p, sum := Prior{}, 0.0
	for c, name := range m.Classes {
		v := float64(pv.ClassCounts[name])
		if w != nil {
			v *= w[c]
		}
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("model records no training weight for class %q", name)
		}
		p[name] = v
		sum += v
	}
	for name := range p {
		p[name] /= sum
	}
	return p, nil
}

// WithPrior returns a copy of m whose probabilities are those of m
// corrected from its training prior to prior (Bayes' rule: each class's
// probability times prior/training prior, renormalised; Saerens et al.
// 2002). The training data's mix of classes is not a crawl's: a third of
// its English pages are machine translations, where a screening crawl
// holds few, so a page the features leave in doubt leans to the classes
// the training data holds more of. The correction moves each class's
// intercept by the log ratio of the priors (times the temperature, so
// that it applies to the calibrated probabilities); the routed short
// model, if any, is corrected from its own training prior. prior must
// name every class of the model, and only those.
func (m *Model) WithPrior(prior Prior) (*Model, error) {
	var extra []string
	for name := range prior {
		if !slices.Contains(m.Classes, name) {
			extra = append(extra, name)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return nil, fmt.Errorf("prior: %s: not a class of the model (%s)", strings.Join(extra, ", "), strings.Join(m.Classes, ", "))
	}
	sum := 0.0
	for _, name := range m.Classes {
		v, ok := prior[name]
		if !ok {
			return nil, fmt.Errorf("prior: no value for class %q (want one for each of %s)", name, strings.Join(m.Classes, ", "))
		}
		sum += v
	}
	train, err := m.TrainingPrior()
	if err != nil {
		return nil, fmt.Errorf("prior: %w", err)
	}
	c := *m
	c.Bias = slices.Clone(m.Bias)
	t := m.temperature()
	for k, name := range m.Classes {
		c.Bias[k] += t * math.Log(prior[name]/sum/train[name])
	}
	if m.Short != nil {
		if c.Short, err = m.Short.WithPrior(prior); err != nil {
			return nil, fmt.Errorf("short model: %w", err)
		}
	}
	return &c, nil
}
