// Package suite holds the one explicit, ordered list of feature families
// that spinscan computes for every page. The order fixes the model's
// columns: a model file stores them, and loading a model whose columns
// differ from the suite's fails.
package suite

import (
	"fmt"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/comments"
	"github.com/spinscan/spinscan/features/dates"
	"github.com/spinscan/spinscan/features/faq"
	"github.com/spinscan/spinscan/features/paraphrase"
	"github.com/spinscan/spinscan/features/translation"
)

// Suite is an ordered list of feature families.
type Suite []features.Family

// Default returns the suite spinscan ships with, in column order.
func Default() Suite {
	return Suite{
		paraphrase.Family(),
		faq.Family(),
		comments.Family(),
		dates.Family(),
		translation.Family(),
	}
}

// Columns returns the full column names of all families, in order.
func (s Suite) Columns() []string {
	var out []string
	for _, f := range s {
		out = append(out, f.Names()...)
	}
	return out
}

// Run computes every family for page p in context c and returns the
// result, with Values holding one value per column. A family that panics
// is reported as an error naming it; the page then gets an error row.
func (s Suite) Run(p *features.Page, c *features.Context) (res *features.Result, err error) {
	n := 0
	for _, f := range s {
		n += len(f.Columns)
	}
	res = &features.Result{Values: make([]float64, n)}
	off := 0
	for _, f := range s {
		vals := res.Values[off : off+len(f.Columns)]
		if err := runOne(f, p, c, vals, res); err != nil {
			return nil, err
		}
		off += len(f.Columns)
	}
	return res, nil
}

func runOne(f features.Family, p *features.Page, c *features.Context, vals []float64, res *features.Result) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("feature %s: panic: %v", f.Name, r)
		}
	}()
	if f.Extract != nil {
		f.Extract(p, c, vals, res)
	}
	return nil
}
