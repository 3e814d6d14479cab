// Package faq is a placeholder for the faq feature family (being built).
package faq

import "github.com/spinscan/spinscan/features"

// Family returns the faq feature family.
func Family() features.Family {
	return features.Family{Name: "faq", Doc: "placeholder"}
}
