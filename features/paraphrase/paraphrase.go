// Package paraphrase is a placeholder for the paraphrase feature family (being built).
package paraphrase

import "github.com/spinscan/spinscan/features"

// Family returns the paraphrase feature family.
func Family() features.Family {
	return features.Family{Name: "paraphrase", Doc: "placeholder"}
}
