// Package cli is spinscan's command line: one file per subcommand (score,
// train, eval, features, report, explain), all reached through Main so that
// tests run commands in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

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
}

// Main runs spinscan with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
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
	root.AddCommand(scoreCmd(e), trainCmd(e), evalCmd(e), featuresCmd(e), reportCmd(e), explainCmd(e))

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

// loadModel reads the model file at path, or the embedded default when path
// is empty.
func loadModel(path string) (*model.Model, error) {
	if path == "" {
		return model.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	defer f.Close()
	m, err := model.Load(f)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	return m, nil
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
