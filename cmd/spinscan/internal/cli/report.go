package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/spinscan/spinscan/cmd/internal/scan"
	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/reports"
)

func reportCmd(e *env) *cobra.Command {
	var out, modelPath, prior string
	var single bool
	cmd := &cobra.Command{
		Use:   "report [-o FILE] SCORES.jsonl",
		Short: "Write the HTML crawl report for score rows",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, in []string) error {
			rows, err := readRows(in[0])
			if err != nil {
				return err
			}
			m, err := loadModel(modelPath, single, prior)
			if err != nil {
				return err
			}
			opt := reports.Options{Title: "spinscan report: " + in[0], Families: familyDocs(suite.Default()), Mix: crawlMix(m, rows)}
			return writeFileAtomic(out, func(w io.Writer) error { return reports.Crawl(w, rows, opt) })
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "report.html", "write the report to `FILE`")
	cmd.Flags().StringVar(&modelPath, "model", "", "the model `FILE` the rows were scored with, for the class mix (default: the embedded model)")
	cmd.Flags().BoolVar(&single, "single", false, "the rows were scored with --single")
	cmd.Flags().StringVar(&prior, "prior", "", "the prior `P` (class=value,...) the rows were scored with, if any")
	return cmd
}

func explainCmd(e *env) *cobra.Command {
	var modelPath, scores, prior string
	var single bool
	var limits limitFlags
	cmd := &cobra.Command{
		Use:   "explain [--model FILE] [--single] INPUT...",
		Short: "Explain one page's label: probabilities, top feature contributions, evidence and aligned sentences",
		Long: `Explain scores its inputs (a page, or a folder or crawl of pages scored
together so that copies are compared) and prints each row's explanation.
With --scores FILE, it explains rows of an existing scores JSONL instead;
INPUT then names row ids (all rows when none is given).`,
		RunE: func(cmd *cobra.Command, in []string) error {
			if scores != "" {
				rows, err := readRows(scores)
				if err != nil {
					return err
				}
				want := map[string]bool{}
				for _, id := range in {
					want[id] = true
				}
				n := 0
				for _, r := range rows {
					if len(want) == 0 || want[r.ID] {
						if err := reports.Explain(e.stdout, r); err != nil {
							return err
						}
						n++
					}
				}
				if n == 0 {
					return fmt.Errorf("no row with id %v in %s", in, scores)
				}
				return nil
			}
			if len(in) == 0 {
				return usageError{fmt.Errorf("explain needs an INPUT or --scores FILE")}
			}
			copt, timeout, err := limits.options()
			if err != nil {
				return err
			}
			m, err := loadModel(modelPath, single, prior)
			if err != nil {
				return err
			}
			failed := 0
			var one onlyRecord
			stats, err := scan.Run(e.ctx, scan.Options{Model: m, Single: single, Logger: e.log, Timeout: timeout}, func(emit func(features.Record) error) error {
				_, rerr := crawl.Read(e.ctx, in, e.stdin, copt, one.wrap(emit))
				return rerr
			}, func(r features.Row) error {
				if r.Error != nil {
					failed++
				}
				return reports.Explain(e.stdout, r)
			})
			if err != nil {
				return err
			}
			onePageHint(e, stats, single, &one, modelPath, prior)
			if failed > 0 {
				return partialError{failed: failed, total: stats.Records}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&modelPath, "model", "", "model `FILE` (default: the embedded model)")
	cmd.Flags().BoolVar(&single, "single", false, "score every page alone, with no clustering")
	cmd.Flags().StringVar(&prior, "prior", "", priorUsage)
	limits.register(cmd)
	cmd.Flags().StringVar(&scores, "scores", "", "explain rows of this scores JSONL `FILE` instead of scoring")
	return cmd
}
