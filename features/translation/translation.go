// Package translation is a placeholder for the translation feature family (being built).
package translation

import "github.com/spinscan/spinscan/features"

// Family returns the translation feature family.
func Family() features.Family {
	return features.Family{Name: "translation", Doc: "placeholder"}
}
