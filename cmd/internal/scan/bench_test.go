package scan

import (
	"context"
	"os"
	"testing"
	"time"
	"unsafe"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/cluster"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/model"
)

// goldDir is the web-pages-gold corpus relative to this package.
const goldDir = "../../../../shared/corpus/web-pages-gold/pages"

// goldRecords reads the web-pages-gold pages (skipping the benchmark when
// the shared corpus is absent).
func goldRecords(tb testing.TB) []features.Record {
	tb.Helper()
	if _, err := os.Stat(goldDir); err != nil {
		tb.Skip("shared corpus absent")
	}
	var recs []features.Record
	_, err := crawl.Read(context.Background(), []string{goldDir}, nil, crawl.Options{}, func(r features.Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return recs
}

func perPage(b *testing.B, n int) {
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkExtract measures extraction (charset, parse, trafilatura with
// htmldate, text, sentences, language, comments) per page.
func BenchmarkExtract(b *testing.B) {
	recs := goldRecords(b)
	b.ResetTimer()
	for range b.N {
		for _, r := range recs {
			_, _ = extractOne(r, time.Minute)
		}
	}
	perPage(b, len(recs))
}

func goldPages(b *testing.B) []*features.Page {
	var pages []*features.Page
	for _, r := range goldRecords(b) {
		if p, err := extractOne(r, time.Minute); err == nil {
			pages = append(pages, p)
		}
	}
	return pages
}

// BenchmarkSign measures cluster signatures per page.
func BenchmarkSign(b *testing.B) {
	pages := goldPages(b)
	b.ResetTimer()
	for range b.N {
		for _, p := range pages {
			cluster.Sign(p)
		}
	}
	perPage(b, len(pages))
}

// BenchmarkGroup measures clustering of the signatures.
func BenchmarkGroup(b *testing.B) {
	pages := goldPages(b)
	ids := make([]string, len(pages))
	sigs := make([]cluster.Sig, len(pages))
	for i, p := range pages {
		ids[i], sigs[i] = p.ID, cluster.Sign(p)
	}
	b.ResetTimer()
	for range b.N {
		cluster.Group(ids, sigs)
	}
	perPage(b, len(pages))
}

// BenchmarkSuite measures the feature suite on each page alone.
func BenchmarkSuite(b *testing.B) {
	pages := goldPages(b)
	st := suite.Default()
	b.ResetTimer()
	for range b.N {
		for _, p := range pages {
			_, _ = st.Run(p, &features.Context{})
		}
	}
	perPage(b, len(pages))
}

// BenchmarkPredict measures the model on feature vectors.
func BenchmarkPredict(b *testing.B) {
	pages := goldPages(b)
	m, err := model.Default()
	if err != nil {
		b.Skip(err)
	}
	st := suite.Default()
	var vecs [][]float64
	for _, p := range pages {
		if res, err := st.Run(p, &features.Context{}); err == nil {
			vecs = append(vecs, res.Values)
		}
	}
	b.ResetTimer()
	for range b.N {
		for _, v := range vecs {
			m.Predict(nil, v)
		}
	}
	perPage(b, len(vecs))
}

// BenchmarkRun measures the whole engine on the gold pages (one worker per
// GOMAXPROCS), reporting pages/s, compressed store bytes per page and the
// engine's fixed in-memory bytes per page (slot, signature, cluster index).
func BenchmarkRun(b *testing.B) {
	recs := goldRecords(b)
	m, err := model.Default()
	if err != nil {
		b.Skip(err)
	}
	var st Stats
	b.ResetTimer()
	for range b.N {
		st, err = Run(context.Background(), Options{Model: m}, readAll(recs), func(features.Row) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	perPage(b, len(recs))
	b.ReportMetric(float64(st.StoredBytes)/float64(st.Records), "stored-B/page")
	var idLen int
	for _, r := range recs {
		idLen += len(r.ID) + len(r.URL)
	}
	index := float64(unsafe.Sizeof(slot{})+unsafe.Sizeof(cluster.Sig{})+4+4) + float64(idLen)/float64(len(recs))
	b.ReportMetric(index, "index-B/page")
}
