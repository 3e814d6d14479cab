// Package comments is a placeholder for the comments feature family (being built).
package comments

import "github.com/spinscan/spinscan/features"

// Family returns the comments feature family.
func Family() features.Family {
	return features.Family{Name: "comments", Doc: "placeholder"}
}
