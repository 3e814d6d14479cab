package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// SplineDegree is the degree of the B-splines of a [Spline]: cubic.
const SplineDegree = 3

// Spline gives one column a shape of its own: the cubic B-spline basis
// over Knots of the column's standardised, clipped value, each basis
// function a further input of the model (a generalised additive model, still
// a softmax regression on its inputs). A reworded share of 0.3 and one of 0.9
// can then push toward different classes, which one weight per column
// cannot say.
type Spline struct {
	// Column is the index of the input it shapes: a column of
	// Model.Columns, or len(Columns)+t for the product of Model.Pairs[t].
	Column int `json:"column"`
	// Knots is the full, non-decreasing knot vector on the standardised
	// scale: the interior knots (quantiles of the training values) with
	// SplineDegree more at each end. The spline has len(Knots) −
	// SplineDegree − 1 basis functions; outside the interior knots a value
	// counts as the nearest interior end (constant extrapolation).
	Knots []float64 `json:"knots"`
}

// size is the number of basis functions, hence of model inputs.
func (s Spline) size() int { return len(s.Knots) - SplineDegree - 1 }

// basis writes the values of the spline's basis functions at z into dst
// (len(dst) == s.size()). They are non-negative and sum to 1.
func (s Spline) basis(dst []float64, z float64) {
	t := s.Knots
	d := SplineDegree
	lo, hi := t[d], t[len(t)-d-1]
	if !(z >= lo) { // also NaN, which Model never passes (clipZ maps it to 0)
		z = lo
	}
	if z > hi {
		z = hi
	}
	// The knot span holding z: t[i] <= z < t[i+1], the last non-empty span
	// for z == hi.
	i := d
	for i+1 < len(t)-d-1 && z >= t[i+1] {
		i++
	}
	// Cox–de Boor on the d+1 functions that can be non-zero on span i.
	var n [SplineDegree + 1]float64
	n[0] = 1
	var left, right [SplineDegree + 1]float64
	for j := 1; j <= d; j++ {
		left[j] = z - t[i+1-j]
		right[j] = t[i+j] - z
		saved := 0.0
		for r := 0; r < j; r++ {
			den := right[r+1] + left[j-r]
			tmp := 0.0
			if den != 0 {
				tmp = n[r] / den
			}
			n[r] = saved + right[r+1]*tmp
			saved = left[j-r] * tmp
		}
		n[j] = saved
	}
	clear(dst)
	for r := 0; r <= d; r++ {
		if k := i - d + r; k >= 0 && k < len(dst) {
			dst[k] = n[r]
		}
	}
}

// splineKnots returns the knot vector of a spline with up to n interior
// knots at evenly spaced quantiles of zs (duplicates dropped), extended by
// SplineDegree knots at each end spaced as the first and last interior
// intervals; nil when the values have fewer than three distinct values or
// quantiles (a binary or near-constant column keeps its linear input only).
func splineKnots(zs []float64, n int) []float64 {
	if n < 3 || len(zs) == 0 {
		return nil
	}
	sorted := slices.Clone(zs)
	slices.Sort(sorted)
	if distinct := len(slices.Compact(slices.Clone(sorted))); distinct < 3 {
		return nil // a binary column: two points, which its linear input already fits
	}
	var in []float64
	for q := range n {
		// Linear interpolation between order statistics (numpy's default).
		pos := float64(q) / float64(n-1) * float64(len(sorted)-1)
		lo := int(math.Floor(pos))
		v := sorted[lo]
		if lo+1 < len(sorted) {
			v += (pos - float64(lo)) * (sorted[lo+1] - sorted[lo])
		}
		if len(in) == 0 || v > in[len(in)-1]+1e-9 {
			in = append(in, v)
		}
	}
	if len(in) < 3 {
		return nil
	}
	d := SplineDegree
	first, last := in[1]-in[0], in[len(in)-1]-in[len(in)-2]
	out := make([]float64, 0, len(in)+2*d)
	for j := d; j >= 1; j-- {
		out = append(out, in[0]-float64(j)*first)
	}
	out = append(out, in...)
	for j := 1; j <= d; j++ {
		out = append(out, in[len(in)-1]+float64(j)*last)
	}
	return out
}

// splineName is the name of basis function k of column col's spline.
func splineName(col string, k int) string { return col + " ~" + strconv.Itoa(k) }

// validSpline checks one spline of a model with p columns and pairs.
func validSpline(t int, s Spline, p int) error {
	if s.Column < 0 || s.Column >= p {
		return fmt.Errorf("model: splines[%d] is on column %d, want an input in 0..%d", t, s.Column, p-1)
	}
	if len(s.Knots) < 2*SplineDegree+3 {
		return fmt.Errorf("model: splines[%d] has %d knots, want at least %d", t, len(s.Knots), 2*SplineDegree+3)
	}
	for i, k := range s.Knots {
		if math.IsNaN(k) || math.IsInf(k, 0) || i > 0 && k < s.Knots[i-1] {
			return fmt.Errorf("model: splines[%d] knots are not finite and non-decreasing", t)
		}
	}
	return nil
}
