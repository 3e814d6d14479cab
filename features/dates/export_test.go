package dates

import "time"

// Test hooks for the external tests.

// Weights are the vote weights.
var Weights = weights

// InternalSources are the vote sources the package does not export.
var InternalSources = []Source{sourceByline, sourceBylineAt, sourceAlone, sourceUpdated, sourceTZ, sourceYearOnly, sourceModClaim}

// Revote repeats the vote of ev with the weights w.
func Revote(ev *Evidence, w map[Source]float64) time.Time { return vote(ev.support, w) }

// Days returns every day ev's page states (the candidates of the vote).
func Days(ev *Evidence) []time.Time {
	var out []time.Time
	for t := range ev.support {
		out = append(out, t)
	}
	return out
}
