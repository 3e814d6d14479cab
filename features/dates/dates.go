// Package dates is a placeholder for the dates feature family (being built).
package dates

import "github.com/spinscan/spinscan/features"

// Family returns the dates feature family.
func Family() features.Family {
	return features.Family{Name: "dates", Doc: "placeholder"}
}
