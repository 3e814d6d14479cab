package extract_test

import (
	"os"
	"testing"

	"github.com/spinscan/spinscan/features/internal/webgold"
)

// TestLanguageAccuracy measures the page language against the language the
// web-pages-gold manifest gives each page.
func TestLanguageAccuracy(t *testing.T) {
	n, right := 0, 0
	for _, it := range webgold.Measure(t) {
		if it.Lang == "" {
			continue
		}
		p, err := it.Extract()
		if err != nil {
			continue
		}
		n++
		if p.Lang == it.Lang {
			right++
		} else if os.Getenv("SPINSCAN_EVAL") == "v" {
			t.Logf("%s: %s, manifest %s", it.ID, p.Lang, it.Lang)
		}
	}
	t.Logf("page language = manifest language on %d of %d web-pages-gold pages (%.3f)", right, n, float64(right)/float64(n))
}
