package cli

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/spinscan/spinscan/cmd/internal/scan"
	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/model"
)

// labeled is the outcome of scoring labeled samples as one crawl.
type labeled struct {
	samples []crawl.Sample
	// file holds the index, in the files given, of each sample's file.
	file    []int
	rows    []features.Row
	columns []string
	// hash is the SHA-256 of every sample's id, label and body, in order:
	// the training data's identity recorded in a model file.
	hash string
}

// scoreSamples reads the sample files and scores their rows (with m, or
// features only when m is nil): all together as one crawl, unless samples
// name different crawls (Sample.Crawl), which are scored apart.
func scoreSamples(e *env, files []string, m *model.Model, single bool, workers int) (*labeled, error) {
	var all []crawl.Sample
	var file []int
	h := sha256.New()
	for i, f := range files {
		s, err := crawl.ReadSamples(f, crawl.Options{})
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
		for range s {
			file = append(file, i)
		}
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no samples in %v", files)
	}
	seen := make(map[string]bool, len(all))
	for _, s := range all {
		if seen[s.Record.ID] {
			return nil, fmt.Errorf("sample id %q appears twice", s.Record.ID)
		}
		seen[s.Record.ID] = true
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", s.Record.ID, s.Label, len(s.Record.Body))
		h.Write(s.Record.Body)
	}
	st := suite.Default()
	out := &labeled{samples: all, file: file, columns: st.Columns(), hash: hex.EncodeToString(h.Sum(nil))}
	opt := scan.Options{Suite: st, Model: m, Single: single, Workers: workers, Logger: e.log}
	if bar := e.progress(); bar != nil {
		opt.Progress = bar
		defer bar(0, 0, 0)
	}
	// Each crawl is scored on its own; rows go back to their samples' places.
	out.rows = make([]features.Row, len(all))
	for _, idx := range crawls(all) {
		_, err := scan.Run(e.ctx, opt, func(emit func(features.Record) error) error {
			for _, i := range idx {
				if err := emit(all[i].Record); err != nil {
					return err
				}
			}
			return nil
		}, func(r features.Row) error {
			out.rows[idx[0]] = r
			idx = idx[1:]
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// crawls returns the indices of the samples of each crawl (Sample.Crawl),
// crawls in order of first appearance, samples in input order.
func crawls(all []crawl.Sample) [][]int {
	var order []string
	byName := map[string][]int{}
	for i, s := range all {
		if _, ok := byName[s.Crawl]; !ok {
			order = append(order, s.Crawl)
		}
		byName[s.Crawl] = append(byName[s.Crawl], i)
	}
	out := make([][]int, len(order))
	for k, name := range order {
		out[k] = byName[name]
	}
	return out
}

// matrix returns the feature matrix, class indices and groups of the
// labeled, successfully scored samples.
func (l *labeled) matrix(classes []string) (X [][]float64, y []int, groups []string, idx []int) {
	ci := map[string]int{}
	for i, c := range classes {
		ci[c] = i
	}
	for i, s := range l.samples {
		k, ok := ci[s.Label]
		if !ok || l.rows[i].Error != nil {
			continue
		}
		x := make([]float64, len(l.columns))
		for j, c := range l.columns {
			x[j] = l.rows[i].Features[c]
		}
		g := s.Group
		if g == "" {
			g = s.Record.ID
		}
		X, y, groups, idx = append(X, x), append(y, k), append(groups, g), append(idx, i)
	}
	return X, y, groups, idx
}

func featuresCmd(e *env) *cobra.Command {
	var out string
	var folds, workers int
	var single bool
	cmd := &cobra.Command{
		Use:   "features [-o FILE] SAMPLES.jsonl...",
		Short: "Export the feature matrix of labeled samples as CSV (id, label, group, fold, columns...)",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			l, err := scoreSamples(e, files, nil, single, workers)
			if err != nil {
				return err
			}
			groups := make([]string, len(l.samples))
			for i, s := range l.samples {
				groups[i] = s.Group
				if groups[i] == "" {
					groups[i] = s.Record.ID
				}
			}
			fold, err := model.Folds(groups, folds)
			if err != nil {
				// Too few groups for k folds (a handful of test pages):
				// the fold column is 0 for all.
				fold = make([]int, len(groups))
			}
			write := func(w io.Writer) error {
				cw := csv.NewWriter(w)
				cw.Write(append([]string{"id", "label", "group", "fold"}, l.columns...))
				for i, s := range l.samples {
					if l.rows[i].Error != nil {
						continue
					}
					rec := []string{s.Record.ID, s.Label, groups[i], strconv.Itoa(fold[i])}
					for _, c := range l.columns {
						rec = append(rec, strconv.FormatFloat(l.rows[i].Features[c], 'g', 8, 64))
					}
					cw.Write(rec)
				}
				cw.Flush()
				return cw.Error()
			}
			if out == "" {
				return write(e.stdout)
			}
			return writeFileAtomic(out, write)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the CSV to `FILE` (default stdout)")
	cmd.Flags().IntVar(&folds, "folds", 5, "number of cross-validation folds for the fold column")
	cmd.Flags().BoolVar(&single, "single", false, "compute features for every page alone, with no clustering")
	cmd.Flags().IntVarP(&workers, "workers", "j", 0, "worker goroutines (default: all cores)")
	return cmd
}
