// Package cli is spinscan's command line: one file per subcommand (score,
// train, eval, features, report, explain), all reached through Main so that
// tests run commands in-process.
package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/spinscan/spinscan/cmd/internal/scan"
	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/model"
)

// Exit codes.
const (
	ExitOK      = 0 // every record scored
	ExitFailure = 1 // nothing could run
	ExitUsage   = 2 // bad command line
	ExitPartial = 3 // some records failed; their rows carry the error
)

// usageError marks an error in the command line.
type usageError struct{ error }

// partialError marks a run in which some records failed.
type partialError struct{ failed, total int }

func (e partialError) Error() string {
	return fmt.Sprintf("%d of %d records failed (their rows carry the error)", e.failed, e.total)
}

// env is what every subcommand gets from Main.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	// tty reports whether stderr is a terminal (progress bars only then).
	tty bool
	// afterRow, if set, is called after each row score writes (a test
	// hook that slows a run down so that it can be killed mid-way).
	afterRow func()
	// stopProfile, if set, ends the profiles --cpuprofile and --memprofile
	// started.
	stopProfile func()
}

// Main runs spinscan with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return mainEnv(&env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

// mainEnv runs spinscan in e (whose ctx and streams are set) and returns
// the exit code.
func mainEnv(e *env, args []string) int {
	stderr, stdout, stdin, ctx := e.stderr, e.stdout, e.stdin, e.ctx
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		e.tty = true
	}
	e.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

	root := &cobra.Command{
		Use:           "spinscan",
		Short:         "Find content-farm copies (reprints, spins, machine translations) in a web crawl",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(scoreCmd(e), trainCmd(e), evalCmd(e), featuresCmd(e), reportCmd(e), explainCmd(e), priorCmd(e))
	var cpuProfile, memProfile string
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) of the run to `FILE`")
	root.PersistentFlags().StringVar(&memProfile, "memprofile", "", "write a heap profile (pprof) taken at the run's largest heap to `FILE`")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		stop, err := startProfiles(cpuProfile, memProfile)
		e.stopProfile = stop
		return err
	}
	defer func() {
		if e.stopProfile != nil {
			e.stopProfile()
		}
	}()

	err := root.ExecuteContext(ctx)
	var ue usageError
	var pe partialError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &pe):
		fmt.Fprintln(stderr, "spinscan:", err)
		return ExitPartial
	case errors.As(err, &ue) || isCobraUsage(err):
		fmt.Fprintln(stderr, "spinscan:", err)
		fmt.Fprintln(stderr, "Run 'spinscan --help' for usage.")
		return ExitUsage
	default:
		fmt.Fprintln(stderr, "spinscan:", err)
		return ExitFailure
	}
}

// isCobraUsage recognises cobra's own argument errors (unknown command,
// wrong number of arguments), which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// args wraps a cobra positional-argument check so its failure is a usage
// error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// onePageHint tells, on stderr, a user who scored a single page with the
// crawl model what that model can and cannot say about it (nothing when
// the one record failed), and, when the model is the embedded one, how
// the single-page model reads the same page (one.rec, scored again with
// --single and the same prior), so both readings are in front of them.
func onePageHint(e *env, st scan.Stats, single bool, one *onlyRecord, modelPath, prior string) {
	if st.Records != 1 || st.Scored != 1 || single {
		return
	}
	const crawlModel = "spinscan: one page: with nothing in the crawl to compare it with, the crawl model reads it from its own features and rarely calls it a copy; "
	if modelPath == "" && one != nil && one.n == 1 {
		if r, ok := one.singleReading(e, prior); ok {
			fmt.Fprintf(e.stderr, "%sthe single-page model (--single), which catches more farm rewrites and flags more real pages, reads it as %s (EVALUATION.md)\n", crawlModel, r)
			return
		}
	}
	fmt.Fprintln(e.stderr, crawlModel+"--single uses the single-page model, which catches more farm rewrites and flags more real pages (EVALUATION.md)")
}

// onlyRecord keeps the record of a run that reads exactly one, for
// onePageHint's second reading.
type onlyRecord struct {
	rec features.Record
	n   int
}

// wrap returns emit, keeping a copy of the first record it is given.
func (o *onlyRecord) wrap(emit func(features.Record) error) func(features.Record) error {
	return func(r features.Record) error {
		o.n++
		if o.n == 1 {
			o.rec = r
			o.rec.Body = bytes.Clone(r.Body)
		} else {
			o.rec = features.Record{}
		}
		return emit(r)
	}
}

// singleReading scores the kept record with the embedded single-page
// model and returns its label and probability ("spun 0.64"), false when
// it cannot.
func (o *onlyRecord) singleReading(e *env, prior string) (string, bool) {
	m, err := loadModel("", true, prior)
	if err != nil {
		return "", false
	}
	var row features.Row
	_, err = scan.Run(e.ctx, scan.Options{Model: m, Single: true, Workers: 1}, func(emit func(features.Record) error) error {
		return emit(o.rec)
	}, func(r features.Row) error {
		row = r
		return nil
	})
	if err != nil || row.Error != nil || row.Label == nil {
		return "", false
	}
	return fmt.Sprintf("%s %.2f", *row.Label, row.Probs[*row.Label]), true
}

// loadModel reads the model file at path, or when path is empty the
// embedded default for the mode: the single-page model when single is set,
// the crawl model otherwise. Besides model.Load's checks (shapes, finite numbers, trailing
// data), every class must be a spinscan label. Errors name the file and,
// for malformed JSON, the line and column. A non-empty prior (see
// model.ParsePrior) corrects the model's probabilities to that class mix
// (model.Model.WithPrior).
func loadModel(path string, single bool, prior string) (*model.Model, error) {
	m, err := readModel(path, single)
	if err != nil || prior == "" {
		return m, err
	}
	p, err := model.ParsePrior(prior)
	if err == nil {
		m, err = m.WithPrior(p)
	}
	if err != nil {
		return nil, usageError{fmt.Errorf("--prior: %w", err)}
	}
	return m, nil
}

// priorUsage is the help of the --prior flag of the commands that score.
const priorUsage = "how common each class is among the pages scored, `class=value,...` for every class " +
	"(e.g. original=0.9,reprint=0.05,spun=0.03,translated=0.02): the probabilities are corrected from the " +
	"training data's mix of classes to it (default: the training data's, a third of it machine translations)"

// readModel reads the model file at path, or the embedded model (see
// loadModel).
func readModel(path string, single bool) (*model.Model, error) {
	switch {
	case path == "" && single:
		return model.DefaultSingle()
	case path == "":
		return model.Default()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	m, err := model.Load(bytes.NewReader(b))
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(b, syn.Offset)
		return nil, fmt.Errorf("model %s: line %d, column %d: %w", path, line, col, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("model %s: the file ends inside the JSON (truncated?): %w", path, err)
	case err != nil:
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	for _, c := range m.Classes {
		if !slices.Contains(features.Labels, c) {
			return nil, fmt.Errorf("model %s: class %q is not a spinscan label (%s)", path, c, strings.Join(features.Labels, ", "))
		}
	}
	return m, nil
}

// lineCol turns a byte offset in b into a 1-based line and column.
func lineCol(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}

// atomicFile is an output file written to a temporary name in the same
// folder and renamed into place on Commit, so a reader never sees half a
// file.
type atomicFile struct {
	*os.File
	path string
}

func createAtomic(path string) (*atomicFile, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	// CreateTemp makes the file private (0600); an output is as readable
	// as one os.Create would make under the usual umask.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &atomicFile{File: f, path: path}, nil
}

// Commit flushes, closes and renames the file into place.
func (a *atomicFile) Commit() error {
	if err := a.File.Sync(); err != nil {
		a.Abort()
		return err
	}
	if err := a.File.Close(); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	return os.Rename(a.File.Name(), a.path)
}

// Abort closes and removes the temporary file.
func (a *atomicFile) Abort() {
	a.File.Close()
	os.Remove(a.File.Name())
}

// writeFileAtomic writes the output of fn to path atomically.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	a, err := createAtomic(path)
	if err != nil {
		return err
	}
	if err := fn(a); err != nil {
		a.Abort()
		return err
	}
	return a.Commit()
}
