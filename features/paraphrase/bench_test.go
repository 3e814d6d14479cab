package paraphrase

import (
	"runtime"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/internal/webgold"
)

// goldPages extracts up to n web-pages-gold pages, skipping the benchmark
// when the corpus is absent.
func goldPages(b *testing.B, n int) []*features.Page {
	b.Helper()
	var out []*features.Page
	for _, g := range webgold.Manifest(b) {
		if len(out) == n {
			break
		}
		p, err := g.Extract()
		if err != nil {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		b.Skip("no web-pages-gold pages")
	}
	return out
}

// BenchmarkAnalyze measures the analysis every page and every peer gets
// (sentences, stems, bigrams, quotes): pages/s, and the heap one analysis
// keeps while it sits in the peer cache (B/analysis).
func BenchmarkAnalyze(b *testing.B) {
	pages := goldPages(b, 200)
	docs := make([]*doc, len(pages))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i, p := range pages {
		docs[i] = analyze(p)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := float64(after.HeapAlloc-before.HeapAlloc) / float64(len(docs))
	runtime.KeepAlive(docs)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			analyze(p)
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(kept, "B/analysis")
}
