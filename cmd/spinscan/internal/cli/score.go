package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/spinscan/spinscan/cmd/internal/scan"
	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/reports"
)

// scoreFlags are the options of `spinscan score`.
type scoreFlags struct {
	out     string
	format  string
	model   string
	prior   string
	single  bool
	report  string
	workers int
	resume  bool
	limits  limitFlags
}

func scoreCmd(e *env) *cobra.Command {
	var f scoreFlags
	cmd := &cobra.Command{
		Use:   "score [flags] INPUT...",
		Short: "Score every page of a crawl (folders of HTML/text, WARC, JSONL, or - for JSONL on stdin)",
		Long: `Score reads every record of the inputs and writes one row per record, in
input order: a label with probabilities, flags and evidence, or the error that
kept the record from being scored.

INPUT is a file, a folder (walked recursively in sorted order), or - for JSONL
on stdin. Formats: HTML (.html, .htm), saved page text (.txt), WARC (.warc,
.warc.gz), JSONL (.jsonl: id, url, html or text, date), each optionally
gzip-compressed.

With -o FILE, rows are appended to FILE.partial as they are written and the
file is renamed to FILE when the run ends. If the run is killed, --resume
continues it: the rows already in FILE.partial are kept (a torn last line is
dropped), their ids are checked against the first input records, and only
the rows after them are computed and appended (the kept rows are not scored
again, except with --report, which needs them all). The same inputs and
flags must be given.

Limits: a record body over --max-record, or a compressed input that
decompresses past --max-decompressed, gives an error row; a record whose
extraction or scoring takes longer than --timeout gives an error row.

Exit codes: 0 all records scored; 3 some records failed; 2 usage error;
1 nothing could run.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, in []string) error {
			return runScore(e, f, in)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "", "write rows to `FILE` (default stdout)")
	fl.StringVar(&f.format, "format", "jsonl", "row format: jsonl or csv")
	fl.StringVar(&f.model, "model", "", "model `FILE` (default: the embedded crawl model, or single-page model with --single)")
	fl.BoolVar(&f.single, "single", false, "score every page alone, with no clustering")
	fl.StringVar(&f.prior, "prior", "", priorUsage)
	fl.StringVar(&f.report, "report", "", "also write an HTML report to `FILE`")
	fl.IntVarP(&f.workers, "workers", "j", 0, "worker goroutines (default: all cores)")
	fl.BoolVar(&f.resume, "resume", false, "continue an interrupted run from FILE.partial (needs -o FILE)")
	f.limits.register(cmd)
	return cmd
}

func runScore(e *env, f scoreFlags, inputs []string) error {
	if f.format != "jsonl" && f.format != "csv" {
		return usageError{fmt.Errorf("--format must be jsonl or csv, not %q", f.format)}
	}
	if f.resume && (f.out == "" || f.format != "jsonl") {
		return usageError{fmt.Errorf("--resume needs -o FILE and --format jsonl")}
	}
	copt, timeout, err := f.limits.options()
	if err != nil {
		return err
	}
	m, err := loadModel(f.model, f.single, f.prior)
	if err != nil {
		return err
	}
	st := suite.Default()
	if err := m.CheckColumns(st.Columns()); err != nil {
		name := f.model
		if name == "" {
			name = "(embedded)"
		}
		return fmt.Errorf("model %s does not fit this spinscan's features: %w", name, err)
	}
	var out io.Writer
	var bw *bufio.Writer
	var pf *partialFile
	var filter *resumeFilter
	committed := false
	if f.out != "" {
		ids, perr := []string(nil), error(nil)
		if pf, ids, perr = openPartial(f.out, f.resume); perr != nil {
			return perr
		}
		if f.resume {
			filter = &resumeFilter{ids: ids}
			fmt.Fprintf(e.stderr, "spinscan: resuming after %d rows in %s%s\n", len(ids), f.out, partialSuffix)
		}
		defer func() {
			if !committed && pf.Keep() {
				fmt.Fprintf(e.stderr, "spinscan: %d rows kept in %s%s; rerun with the same arguments and --resume to continue\n", pf.rows, f.out, partialSuffix)
			}
		}()
		// One Write per row, straight to the file: a kill leaves whole
		// rows and at most one torn line.
		out = pf
	} else {
		bw = bufio.NewWriterSize(e.stdout, 1<<16)
		out = bw
	}
	w := newRowWriter(out, f.format, st.Columns())
	var keep []features.Row
	opt := scan.Options{Suite: st, Model: m, Single: f.single, Workers: f.workers, Logger: e.log, Timeout: timeout}
	if filter != nil && f.report == "" {
		// The rows already written are not scored again (a report needs
		// them all, so with --report they are).
		opt.Done = len(filter.ids)
	}
	bar := e.progress()
	if bar != nil {
		opt.Progress = bar
	}
	var readStats crawl.Stats
	var one onlyRecord
	stats, err := scan.Run(e.ctx, opt, func(emit func(features.Record) error) error {
		var rerr error
		readStats, rerr = crawl.Read(e.ctx, inputs, e.stdin, copt, one.wrap(emit))
		return rerr
	}, func(r features.Row) error {
		if err := e.ctx.Err(); err != nil {
			// Interrupted: rows emitted now may be unfinished ones.
			return err
		}
		if f.report != "" {
			keep = append(keep, r)
		}
		if skip, err := filter.skip(r.ID); skip || err != nil {
			return err
		}
		if err := w.Write(r); err != nil {
			return err
		}
		if e.afterRow != nil {
			e.afterRow()
		}
		return nil
	})
	if bar != nil {
		bar(0, 0, 0)
	}
	if readStats.Skipped > 0 {
		noun := "files that are"
		if readStats.Skipped == 1 {
			noun = "file that is"
		}
		fmt.Fprintf(e.stderr, "spinscan: skipped %d %s not an input format (HTML, text, WARC, JSONL)\n", readStats.Skipped, noun)
	}
	onePageHint(e, stats, f.single, &one, f.model, f.prior)
	if stats.DuplicateIDs > 0 {
		noun := "records reuse"
		if stats.DuplicateIDs == 1 {
			noun = "record reuses"
		}
		fmt.Fprintf(e.stderr, "spinscan: %d %s the id of an earlier record; their rows carry the same id, so a source naming it is ambiguous\n", stats.DuplicateIDs, noun)
	}
	if err != nil && stats.Records == 0 {
		return err
	}
	if err == nil {
		err = filter.done()
	}
	if werr := w.Flush(); werr != nil && err == nil {
		err = werr
	}
	if bw != nil {
		if werr := bw.Flush(); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	if pf != nil {
		if err := pf.Commit(); err != nil {
			return err
		}
		committed = true
	}
	if f.report != "" {
		if rerr := writeFileAtomic(f.report, func(w io.Writer) error {
			return reports.Crawl(w, keep, reports.Options{Title: "spinscan report", Families: familyDocs(st), Mix: crawlMix(m, keep)})
		}); rerr != nil {
			return fmt.Errorf("report: %w", rerr)
		}
	}
	if stats.Failed > 0 {
		return partialError{failed: stats.Failed, total: stats.Records}
	}
	return nil
}

func familyDocs(s suite.Suite) []reports.FamilyDoc {
	var out []reports.FamilyDoc
	for _, f := range s {
		out = append(out, reports.FamilyDoc{Name: f.Name, Doc: f.Doc})
	}
	return out
}

// progress returns a progress callback drawing a bar on a terminal, or nil
// when stderr is not one. Calling it with total 0 finishes the bar.
func (e *env) progress() func(pass, done, total int) {
	if !e.tty {
		return nil
	}
	var bar *progressbar.ProgressBar
	cur := 0
	return func(pass, done, total int) {
		if total == 0 {
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(e.stderr)
			}
			return
		}
		if pass != cur || bar == nil {
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(e.stderr)
			}
			desc := "extracting"
			if pass == 2 {
				desc = "scoring"
			}
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
				progressbar.OptionSetDescription(desc), progressbar.OptionShowCount(),
				progressbar.OptionShowIts(), progressbar.OptionSetItsString("pages"),
				progressbar.OptionThrottle(100_000_000))
			cur = pass
		}
		bar.Set(done)
	}
}

// rowWriter writes rows as JSONL or CSV.
type rowWriter struct {
	w       io.Writer
	enc     *json.Encoder
	csv     *csv.Writer
	columns []string
	header  bool
}

func newRowWriter(w io.Writer, format string, columns []string) *rowWriter {
	rw := &rowWriter{w: w, columns: columns}
	if format == "csv" {
		rw.csv = csv.NewWriter(w)
	} else {
		rw.enc = json.NewEncoder(w)
		rw.enc.SetEscapeHTML(false)
	}
	return rw
}

func (rw *rowWriter) Write(r features.Row) error {
	if rw.enc != nil {
		return rw.enc.Encode(r)
	}
	if !rw.header {
		h := []string{"id", "url", "domain", "published", "lang", "label"}
		for _, l := range features.Labels {
			h = append(h, "prob_"+l)
		}
		h = append(h, "cluster", "source", "flags", "evidence", "error")
		h = append(h, rw.columns...)
		if err := rw.csv.Write(h); err != nil {
			return err
		}
		rw.header = true
	}
	rec := []string{r.ID, r.URL, r.Domain, deref(r.Published), r.Lang, deref(r.Label)}
	for _, l := range features.Labels {
		if r.Probs == nil {
			rec = append(rec, "")
		} else {
			rec = append(rec, strconv.FormatFloat(r.Probs[l], 'g', 6, 64))
		}
	}
	rec = append(rec, deref(r.Cluster), deref(r.Source), strings.Join(r.Flags, ";"), strings.Join(r.Evidence, " | "), deref(r.Error))
	for _, c := range rw.columns {
		if v, ok := r.Features[c]; ok {
			rec = append(rec, strconv.FormatFloat(v, 'g', 6, 64))
		} else {
			rec = append(rec, "")
		}
	}
	return rw.csv.Write(rec)
}

// Flush writes buffered CSV.
func (rw *rowWriter) Flush() error {
	if rw.csv != nil {
		rw.csv.Flush()
		return rw.csv.Error()
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// eachRow decodes the rows of a scores JSONL file one at a time.
func eachRow(path string, fn func(features.Row) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for n := 1; ; n++ {
		var r features.Row
		if err := dec.Decode(&r); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: row %d: %w", path, n, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
}

// readRows reads score rows from a JSONL file.
func readRows(path string) ([]features.Row, error) {
	var rows []features.Row
	err := eachRow(path, func(r features.Row) error {
		rows = append(rows, r)
		return nil
	})
	return rows, err
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
