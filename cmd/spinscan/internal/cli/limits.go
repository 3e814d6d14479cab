package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/spinscan/spinscan/features/crawl"
)

// Default limits of `spinscan score`.
const (
	// DefaultMaxRecord is the largest record body scored. Common Crawl
	// cuts payloads at 1 MiB. Time grows faster than size on text-dense
	// pages (go-trafilatura v1.12.2 concatenates strings in a loop): a
	// page of 1 MB of short paragraphs takes about 5 s to extract, 4 MB
	// about 50 s; a 50 MB page would take minutes and gigabytes. Past
	// the limit a record is refused at once; under it, --timeout guards.
	DefaultMaxRecord = "8MiB"
	// DefaultMaxDecompressed is the most one gzip input may decompress to.
	DefaultMaxDecompressed = "4GiB"
	// DefaultTimeout bounds the work on one record.
	DefaultTimeout = 30 * time.Second
)

// limitFlags are the resource limits of a scoring run.
type limitFlags struct {
	maxRecord, maxDecompressed string
	timeout                    time.Duration
}

func (l *limitFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&l.maxRecord, "max-record", DefaultMaxRecord, "largest record body to score (`SIZE`, e.g. 8MiB); larger records give an error row")
	fl.StringVar(&l.maxDecompressed, "max-decompressed", DefaultMaxDecompressed, "most one gzip member (a .gz file, or one record of a multi-member .warc.gz) may decompress to (`SIZE`); past it the file gives an error row and stops")
	fl.DurationVar(&l.timeout, "timeout", DefaultTimeout, "time limit for extracting, or for scoring, one record")
}

// options returns the reader options and the per-record time limit.
func (l limitFlags) options() (crawl.Options, time.Duration, error) {
	var o crawl.Options
	var err error
	if o.MaxRecordBytes, err = parseSize(l.maxRecord); err != nil {
		return o, 0, usageError{fmt.Errorf("--max-record: %w", err)}
	}
	if o.MaxDecompressed, err = parseSize(l.maxDecompressed); err != nil {
		return o, 0, usageError{fmt.Errorf("--max-decompressed: %w", err)}
	}
	if l.timeout <= 0 {
		return o, 0, usageError{fmt.Errorf("--timeout must be positive, not %s", l.timeout)}
	}
	return o, l.timeout, nil
}

// parseSize reads a positive byte count with an optional unit: B, KB, MB,
// GB (powers of 1000) or KiB, MiB, GiB (powers of 1024).
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size (a positive number of bytes, optionally with KiB, MiB, GiB, KB, MB or GB)", s)
	}
	return n * mult, nil
}
