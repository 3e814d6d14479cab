package faq_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/faq"
)

func TestScratchSeeds(t *testing.T) {
	fs, _ := filepath.Glob("../../testdata/seeds/*.txt")
	fam := faq.Family()
	for _, f := range fs {
		b, _ := os.ReadFile(f)
		p, _ := extract.Extract(features.Record{ID: f, Kind: features.KindText, Body: b})
		vals := make([]float64, len(fam.Columns))
		var r features.Result
		fam.Extract(p, nil, vals, &r)
		t.Logf("%s %.2v %v %q", filepath.Base(f), vals, r.Flags, r.Evidence)
	}
}
