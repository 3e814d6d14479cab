package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// InteractionBins is the number of quantile bins [RankInteractions] cuts
// each column into.
const InteractionBins = 8

// selectInteractions returns the opt.Interactions pairs of columns (not
// in opt.Exclude, nor the gate) that [RankInteractions]
// ranks first against a model trained on X without them (the same
// options, no interactions), on the rows where the gate, if any, is not 0.
func selectInteractions(X [][]float64, y []int, classes, columns []string, opt Options) ([][2]int, error) {
	base := opt
	base.Interactions = 0
	m, err := train(X, y, classes, columns, base)
	if err != nil {
		return nil, err
	}
	counts := make([]int, len(classes))
	for _, c := range y {
		counts[c]++
	}
	cw, err := classWeights(opt.ClassWeights, counts, opt.Balance)
	if err != nil {
		return nil, err
	}
	alone := opt.Exclude
	g := -1
	if opt.Gate != "" {
		if g = slices.Index(columns, opt.Gate); g < 0 {
			return nil, fmt.Errorf("model: train: gate %q is not a column", opt.Gate)
		}
		alone = append(slices.Clip(alone), opt.Gate)
	}
	var rows [][]float64
	var labels []int
	var w []float64
	for i, row := range X {
		if g < 0 || row[g] != 0 {
			rows, labels, w = append(rows, row), append(labels, y[i]), append(w, cw[y[i]])
		}
	}
	candidates, err := columnPairs(columns, alone)
	if err != nil {
		return nil, err
	}
	ranked := RankInteractions(rows, labels, w, m, candidates)
	return ranked[:min(opt.Interactions, len(ranked))], nil
}

// RankInteractions orders candidate pairs of columns by how much of what
// the model m gets wrong on the rows of X their joint values explain, the
// FAST ranking of Lou, Caruana, Gehrke & Hooker ("Accurate intelligible
// models with pairwise interactions", KDD 2013): each column is cut into
// InteractionBins quantile bins, and a pair scores the best fit of its
// residuals (the weighted one-hot label minus m's probabilities, per
// class) by a step function of four cells, one cut on each column. A pair
// whose columns only add up (what m already fits) leaves little residual
// for a cut to explain; one that means something only together, a high
// reworded share where the restatement score is low, say, leaves much.
// w holds one weight per row (the class weights). Ties keep the order of
// candidates; the result holds every candidate whose columns are not
// constant.
func RankInteractions(X [][]float64, y []int, w []float64, m *Model, candidates [][2]int) [][2]int {
	k, n := len(m.Classes), len(X)
	resid := make([]float64, n*k)
	probs := make([]float64, k)
	for i, row := range X {
		probs = m.Predict(probs, row)
		for c, p := range probs {
			t := 0.0
			if c == y[i] {
				t = 1
			}
			resid[i*k+c] = w[i] * (t - p)
		}
	}
	bins := map[int][]uint8{}
	size := map[int]int{}
	for _, pr := range candidates {
		for _, c := range pr {
			if _, ok := bins[c]; !ok {
				bins[c], size[c] = quantileBins(X, c, InteractionBins)
			}
		}
	}
	type scored struct {
		pair [2]int
		gain float64
	}
	var out []scored
	var g grid
	for _, pr := range candidates {
		a, b := pr[0], pr[1]
		if size[a] < 2 || size[b] < 2 {
			continue
		}
		out = append(out, scored{pr, g.gain(bins[a], bins[b], size[a], size[b], resid, w, k)})
	}
	slices.SortStableFunc(out, func(p, q scored) int { return cmp.Compare(q.gain, p.gain) })
	pairs := make([][2]int, len(out))
	for i, s := range out {
		pairs[i] = s.pair
	}
	return pairs
}

// quantileBins returns each row's bin of column c (at most nb bins, cut
// at evenly spaced quantiles of its finite values, or above its smallest
// value when that is most of them; a non-finite value goes to the bin of
// the column's median) and the number of bins.
func quantileBins(X [][]float64, c, nb int) ([]uint8, int) {
	var vals []float64
	for _, row := range X {
		if v := row[c]; !math.IsNaN(v) && !math.IsInf(v, 0) {
			vals = append(vals, v)
		}
	}
	out := make([]uint8, len(X))
	if len(vals) == 0 {
		return out, 1
	}
	slices.Sort(vals)
	var cuts []float64 // a value v goes to the bin of the cuts ≤ v
	for q := 1; q < nb; q++ {
		v := vals[q*len(vals)/nb]
		if v > vals[0] && (len(cuts) == 0 || v > cuts[len(cuts)-1]) {
			cuts = append(cuts, v)
		}
	}
	if len(cuts) == 0 && vals[len(vals)-1] > vals[0] {
		// a rare value (a flag set on a few rows): one cut above the rest
		i, _ := slices.BinarySearch(vals, math.Nextafter(vals[0], math.Inf(1)))
		cuts = append(cuts, vals[i])
	}
	median := vals[len(vals)/2]
	for i, row := range X {
		v := row[c]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = median
		}
		j, found := slices.BinarySearch(cuts, v)
		if found {
			j++
		}
		out[i] = uint8(j)
	}
	return out, len(cuts) + 1
}

// grid holds the sums of one pair's residuals by cell, reused from pair
// to pair.
type grid struct {
	sum    []float64 // [class][a bin][b bin], then cumulated over both bins
	weight []float64 // [a bin][b bin], then cumulated
}

// gain returns the best score, over one cut on each column, of the
// weighted residuals' fit by the four cells' means: Σ over cells and
// classes of (Σ residual)² / Σ weight.
func (g *grid) gain(ba, bb []uint8, na, nb int, resid, w []float64, k int) float64 {
	cells := na * nb
	g.sum = slices.Grow(g.sum[:0], k*cells)[:k*cells]
	g.weight = slices.Grow(g.weight[:0], cells)[:cells]
	clear(g.sum)
	clear(g.weight)
	for i := range ba {
		cell := int(ba[i])*nb + int(bb[i])
		g.weight[cell] += w[i]
		for c := range k {
			g.sum[c*cells+cell] += resid[i*k+c]
		}
	}
	for c := -1; c < k; c++ {
		t := g.weight
		if c >= 0 {
			t = g.sum[c*cells : (c+1)*cells]
		}
		for i := range na {
			for j := range nb {
				v := t[i*nb+j]
				if i > 0 {
					v += t[(i-1)*nb+j]
				}
				if j > 0 {
					v += t[i*nb+j-1]
				}
				if i > 0 && j > 0 {
					v -= t[(i-1)*nb+j-1]
				}
				t[i*nb+j] = v
			}
		}
	}
	// at(t, i, j) is the cumulated total of the cells up to bins i and j.
	at := func(t []float64, i, j int) float64 { return t[i*nb+j] }
	best := 0.0
	for i := range na - 1 {
		for j := range nb - 1 {
			var s float64
			quad := func(t []float64) [4]float64 {
				lo := at(t, i, j)
				left := at(t, i, nb-1) - lo  // a low, b high
				below := at(t, na-1, j) - lo // a high, b low
				return [4]float64{lo, left, below, at(t, na-1, nb-1) - lo - left - below}
			}
			wq := quad(g.weight)
			for c := range k {
				sq := quad(g.sum[c*cells : (c+1)*cells])
				for q, wt := range wq {
					if wt > 0 {
						s += sq[q] * sq[q] / wt
					}
				}
			}
			best = max(best, s)
		}
	}
	return best
}
