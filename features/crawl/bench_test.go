package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spinscan/spinscan/features"
)

// BenchmarkWARC reads a gzip-per-record WARC of the real pages of
// web-pages-gold (packed with WARCWriter), reporting MB/s of decompressed
// input and records/s.
func BenchmarkWARC(b *testing.B) {
	pages, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "web-pages-gold", "pages", "*.html.gz"))
	if len(pages) == 0 {
		b.Skip("web-pages-gold absent")
	}
	var warc bytes.Buffer
	ww := NewWARCWriter(&warc)
	at := time.Date(2023, 10, 17, 0, 0, 0, 0, time.UTC)
	var raw int64
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		raw += int64(len(body))
		if err := ww.Write("https://example.org/"+filepath.Base(p), at, "text/html", body); err != nil {
			b.Fatal(err)
		}
	}
	data := warc.Bytes()
	b.SetBytes(raw)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		st, err := ReadWARC(context.Background(), "gold.warc.gz", bytes.NewReader(data), Options{}, func(r features.Record) error {
			if r.Err != nil {
				b.Fatalf("%s: %v", r.ID, r.Err)
			}
			return nil
		})
		if err != nil || st.Records != len(pages) {
			b.Fatalf("%d records, err %v", st.Records, err)
		}
		n += st.Records
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(n)/secs, "records/s")
	b.ReportMetric(float64(raw)*float64(b.N)/1e6/secs, "MB/s")
	b.ReportMetric(float64(len(data))/1e6, "warc-MB")
}
