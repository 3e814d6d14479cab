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

// Prior returns the class prior m's probabilities are calibrated for:
// the one WithPrior corrected it to, or else TrainingPrior.
func (m *Model) Prior() (Prior, error) {
	if m.prior != nil {
		return m.prior, nil
	}
	return m.TrainingPrior()
}

// CorrectedTo returns the prior WithPrior corrected m to, or nil when m
// gives the probabilities of its training mix of classes. Score rows carry
// it (features.Row.Prior), so that a row says what its probabilities
// assume. The map is m's own, shared by every row: callers must not
// modify it.
func (m *Model) CorrectedTo() Prior {
	return m.prior
}

// Routed returns the model that scores feature vector x: the short model
// when m routes x to it, m otherwise.
func (m *Model) Routed(x []float64) *Model {
	if s := m.routed(x); s != nil {
		return s
	}
	return m
}

// WithPrior returns a copy of m whose probabilities are those of m
// corrected from its prior (Prior: the training prior, unless m was
// corrected already) to prior (Bayes' rule: each class's
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
	train, err := m.Prior()
	if err != nil {
		return nil, fmt.Errorf("prior: %w", err)
	}
	c := *m
	c.prior = Prior{}
	for _, name := range m.Classes {
		c.prior[name] = prior[name] / sum
	}
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

// Minimum class share EstimatePrior gives any class. Maximum likelihood
// drives a class that few pages favour to a prior of zero, and a class of
// prior zero can never be any page's label: a crawl whose copies are rare
// still holds some.
const minEstimatedPrior = 0.002

// Scored is one page's class probabilities (in the order of the model's
// classes) and the prior they were computed under (Model.Prior of the
// model that scored it: the crawl model or its short model).
type Scored struct {
	Probs, Prior []float64
}

// EstimatePrior estimates the class mix of a crawl from its pages'
// probabilities, by expectation-maximisation (Saerens, Latinne and
// Decaestecker 2002): start from the mean probability of each class,
// correct every page's probabilities to the current estimate (as
// WithPrior does), take their mean as the next estimate, and repeat until
// no share moves by more than 1e-6 (or 1 000 rounds). Every share stays
// at least minEstimatedPrior. It returns the estimate and the rounds run.
// Pages whose probabilities or prior do not have one positive finite value
// for each class are skipped; with no page left it fails.
func EstimatePrior(classes []string, pages []Scored) (Prior, int, error) {
	k := len(classes)
	var use []Scored
	for _, p := range pages {
		if validShares(p.Probs, k, true) && validShares(p.Prior, k, false) {
			use = append(use, p)
		}
	}
	if len(use) == 0 {
		return nil, 0, fmt.Errorf("estimate prior: no page with probabilities for the %d classes", k)
	}
	pi := make([]float64, k)
	for _, p := range use {
		for c, v := range p.Probs {
			pi[c] += v / float64(len(use))
		}
	}
	floorShares(pi)
	next, q := make([]float64, k), make([]float64, k)
	rounds := 0
	for rounds < 1000 {
		rounds++
		clear(next)
		for _, p := range use {
			sum := 0.0
			for c := range k {
				q[c] = p.Probs[c] * pi[c] / p.Prior[c]
				sum += q[c]
			}
			if !(sum > 0) {
				continue
			}
			for c := range k {
				next[c] += q[c] / sum / float64(len(use))
			}
		}
		floorShares(next)
		moved := 0.0
		for c := range k {
			moved = max(moved, math.Abs(next[c]-pi[c]))
		}
		pi, next = next, pi
		if moved < 1e-6 {
			break
		}
	}
	out := Prior{}
	for c, name := range classes {
		out[name] = pi[c]
	}
	return out, rounds, nil
}

// validShares reports whether v holds k finite values, each positive (or,
// with zero, at least 0), not all zero.
func validShares(v []float64, k int, zero bool) bool {
	if len(v) != k {
		return false
	}
	sum := 0.0
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || (!zero && x == 0) {
			return false
		}
		sum += x
	}
	return sum > 0
}

// floorShares raises every share of v to at least minEstimatedPrior and
// makes them sum to 1.
func floorShares(v []float64) {
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	for c := range v {
		v[c] /= sum
	}
	low, high := 0.0, 0.0
	for _, x := range v {
		if x < minEstimatedPrior {
			low += minEstimatedPrior
		} else {
			high += x
		}
	}
	for c, x := range v {
		if x < minEstimatedPrior {
			v[c] = minEstimatedPrior
		} else {
			v[c] = x / high * (1 - low)
		}
	}
}

// String writes the prior as ParsePrior reads it, classes in name order.
func (p Prior) String() string {
	names := make([]string, 0, len(p))
	for name := range p {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + "=" + strconv.FormatFloat(p[name], 'f', 4, 64)
	}
	return strings.Join(parts, ",")
}
