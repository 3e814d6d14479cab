package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/model"
	"github.com/spinscan/spinscan/reports"
)

// trainFlags are the options of `spinscan train`.
type trainFlags struct {
	out     string
	folds   int
	report  string
	lambda  float64
	workers int
	single  bool
}

func trainCmd(e *env) *cobra.Command {
	var f trainFlags
	cmd := &cobra.Command{
		Use:   "train [-o MODEL.json] [--folds K] [--report FILE] SAMPLES.jsonl...",
		Short: "Train a model on labeled samples (scored together as one crawl), with group-aware cross-validation",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			return runTrain(e, f, files)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "model.json", "write the model to `FILE`")
	fl.IntVar(&f.folds, "folds", 5, "cross-validation folds (a group stays in one fold); 0 or 1 skips cross-validation")
	fl.StringVar(&f.report, "report", "", "write an HTML training report to `FILE`")
	fl.Float64Var(&f.lambda, "lambda", 0, "L2 penalty (default: the model package's)")
	fl.IntVarP(&f.workers, "workers", "j", 0, "worker goroutines (default: all cores)")
	fl.BoolVar(&f.single, "single", false, "compute features for every page alone, with no clustering")
	return cmd
}

func runTrain(e *env, f trainFlags, files []string) error {
	start := time.Now()
	l, err := scoreSamples(e, files, nil, f.single, f.workers)
	if err != nil {
		return err
	}
	classes := features.Labels
	X, y, groups, _ := l.matrix(classes)
	if len(X) == 0 {
		return fmt.Errorf("no labeled sample could be scored")
	}
	opt := model.Options{Lambda: f.lambda, Logger: e.log}
	var cv *model.CVResult
	if f.folds > 1 {
		cv, err = model.CrossValidate(X, y, groups, f.folds, classes, l.columns, opt)
		if err != nil {
			return fmt.Errorf("cross-validation: %w", err)
		}
		opt.Temperature = cv.Temperature
		fmt.Fprintf(e.stderr, "cross-validation (%d folds, %d samples): accuracy %.3f  macro-F1 %.3f  log loss %.3f  ECE %.3f\n",
			f.folds, len(X), cv.Metrics.Accuracy, cv.Metrics.MacroF1, cv.Metrics.LogLoss, cv.Metrics.ECE)
	}
	m, err := model.Train(X, y, classes, l.columns, opt)
	if err != nil {
		return err
	}
	m.Provenance = model.Provenance{
		Command:    "spinscan train " + strings.Join(trainArgs(f, files), " "),
		DataSHA256: l.hash,
		Date:       time.Now().UTC().Format("2006-01-02"),
		Samples:    len(X),
		Files:      files,
	}
	if cv != nil {
		m.Provenance.CV = &cv.Metrics
	}
	if err := writeFileAtomic(f.out, m.Save); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s (%d samples, %d columns) in %s\n", f.out, len(X), len(l.columns), time.Since(start).Round(time.Millisecond))
	if f.report != "" {
		if err := writeFileAtomic(f.report, func(w io.Writer) error {
			return reports.Training(w, trainingReport(m, cv))
		}); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

// trainArgs rebuilds the command line recorded in the model file.
func trainArgs(f trainFlags, files []string) []string {
	a := []string{"-o", f.out, fmt.Sprintf("--folds=%d", f.folds)}
	if f.lambda != 0 {
		a = append(a, fmt.Sprintf("--lambda=%g", f.lambda))
	}
	if f.single {
		a = append(a, "--single")
	}
	return append(a, files...)
}

