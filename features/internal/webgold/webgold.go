// Package webgold reads the web-pages-gold corpus
// (../shared/corpus/web-pages-gold: real pages with hand-checked
// publication dates and comment snippets) for the corpus measurements in
// the feature packages' tests, so that each reads it the same way.
package webgold

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/internal/devcorpus"
	"github.com/spinscan/spinscan/features/internal/jsonl"
)

// Page is one line of the corpus manifest.
type Page struct {
	ID   string `json:"id"`
	Path string `json:"path"`
	URL  string `json:"url"`
	Lang string `json:"lang"`
	Gold struct {
		// Date is the hand-checked publication date (YYYY-MM-DD), "" when
		// the page has none.
		Date        string `json:"htmldate_publication_date"`
		Trafilatura *struct {
			// With and Without are snippets that must, and must not,
			// be in the page's main text.
			With     []string `json:"with"`
			Without  []string `json:"without"`
			Comments []string `json:"comments"`
		} `json:"trafilatura"`
	} `json:"gold"`
	Flags struct {
		HasCommentsGold  bool `json:"has_comments_gold"`
		HasFAQPageSchema bool `json:"has_faqpage_schema"`
		MentionsFAQ      bool `json:"mentions_faq"`
	} `json:"flags"`
}

// Dir is the corpus folder, found from this file's place in the
// repository (the shared corpus sits beside it).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "corpus", "web-pages-gold")
}

// Measure is Manifest for a corpus measurement: it skips the test unless
// SPINSCAN_EVAL is set (the measurements read hundreds of pages).
func Measure(tb testing.TB) []Page {
	tb.Helper()
	if os.Getenv("SPINSCAN_EVAL") == "" {
		tb.Skip("set SPINSCAN_EVAL=1 to run the corpus measurement")
	}
	return Manifest(tb)
}

// Manifest reads the corpus manifest, skipping the test when the corpus
// is absent.
func Manifest(tb testing.TB) []Page {
	tb.Helper()
	return jsonl.Read[Page](tb, filepath.Join(Dir(), "manifest.jsonl"))
}

// Body returns the page's HTML bytes (the corpus stores them gzipped).
func (p Page) Body() ([]byte, error) {
	return devcorpus.ReadFile(filepath.Join(Dir(), p.Path))
}

// Extract reads the page the way spinscan's engine reads an HTML record.
func (p Page) Extract() (*features.Page, error) {
	b, err := p.Body()
	if err != nil {
		return nil, err
	}
	return extract.Extract(features.Record{ID: p.ID, URL: p.URL, Kind: features.KindHTML, Body: b})
}
