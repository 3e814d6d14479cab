package comments_test

import (
	"testing"

	"github.com/spinscan/spinscan/features/comments"
	"github.com/spinscan/spinscan/features/internal/golden"
)

// TestGolden compares the family's output on testdata/*.txtar with the
// cases' want sections (go test -update rewrites them).
func TestGolden(t *testing.T) { golden.Test(t, comments.Family()) }

// FuzzExtract checks that no saved text makes the family panic or write a
// NaN.
func FuzzExtract(f *testing.F) { golden.Fuzz(f, comments.Family()) }
