package cli

import (
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/model"
	"github.com/spinscan/spinscan/reports"
)

func priorCmd(e *env) *cobra.Command {
	var modelPath, prior string
	var single bool
	cmd := &cobra.Command{
		Use:   "prior [--model FILE] [--single] [--prior P] ROWS.jsonl...",
		Short: "Estimate a crawl's class mix from its score rows, for score --prior",
		Long: `Prior reads the rows of a scored crawl (spinscan score's JSONL) and estimates
how common each class is in it, by expectation-maximisation over the rows'
probabilities (Saerens, Latinne and Decaestecker 2002). It prints the
estimate as score's --prior takes it, so that a second run scores the crawl
corrected to its own mix:

  spinscan score -o rows.jsonl crawl/
  spinscan score --prior "$(spinscan prior rows.jsonl)" -o rows2.jsonl crawl/

Give the --model and --single the rows were scored with: the estimate needs
the prior each row's probabilities were computed under, which is the model's
training mix unless the row's "prior" field (score --prior) names another.
--prior is for rows without that field that were scored with one. Error
rows are skipped. Every class keeps a share of at
least 0.2%.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			m, err := loadModel(modelPath, single, prior)
			if err != nil {
				return err
			}
			pages, short, skipped := []model.Scored{}, 0, 0
			for _, f := range files {
				if err := eachRow(f, func(r features.Row) error {
					s, routed, ok := scored(m, r)
					switch {
					case !ok:
						skipped++
					case routed:
						short++
						fallthrough
					default:
						pages = append(pages, s)
					}
					return nil
				}); err != nil {
					return err
				}
			}
			est, rounds, err := model.EstimatePrior(m.Classes, pages)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "spinscan: %d rows (%d scored by the short model, %d error rows or rows without probabilities skipped), %d rounds; estimated class mix:", len(pages), short, skipped, rounds)
			for _, c := range m.Classes {
				fmt.Fprintf(e.stderr, " %s %.1f%%", c, 100*est[c])
			}
			fmt.Fprintln(e.stderr)
			fmt.Fprintln(e.stdout, est.String())
			return nil
		},
	}
	cmd.Flags().StringVar(&modelPath, "model", "", "the model `FILE` the rows were scored with (default: the embedded model)")
	cmd.Flags().BoolVar(&single, "single", false, "the rows were scored with --single")
	cmd.Flags().StringVar(&prior, "prior", "", "the prior `P` (class=value,...) the rows were scored with, for rows that do not say (a row's own \"prior\" field comes first)")
	return cmd
}

// scored returns row r's probabilities with the prior they were computed
// under (that of the model m routes the row's features to), whether the
// short model scored it, and false for a row without probabilities.
func scored(m *model.Model, r features.Row) (model.Scored, bool, bool) {
	if r.Error != nil || len(r.Probs) == 0 {
		return model.Scored{}, false, false
	}
	x := make([]float64, len(m.Columns))
	for j, c := range m.Columns {
		v, ok := r.Features[c]
		if !ok {
			v = math.NaN()
		}
		x[j] = v
	}
	sm := m.Routed(x)
	p, err := sm.Prior()
	if err != nil {
		return model.Scored{}, false, false
	}
	s := model.Scored{Probs: make([]float64, len(m.Classes)), Prior: make([]float64, len(m.Classes))}
	if len(r.Prior) > 0 {
		// The row says which prior its probabilities were corrected to.
		p = r.Prior
	}
	for k, c := range m.Classes {
		s.Probs[k], s.Prior[k] = r.Probs[c], p[c]
	}
	return s, sm != m, true
}

// crawlMix returns the class mix of a crawl estimated from its rows
// scored with m, and the mix m's probabilities assume, for the report;
// nil when there is nothing to estimate from.
func crawlMix(m *model.Model, rows []features.Row) *reports.Mix {
	var pages []model.Scored
	for _, r := range rows {
		if s, _, ok := scored(m, r); ok {
			pages = append(pages, s)
		}
	}
	est, _, err := model.EstimatePrior(m.Classes, pages)
	if err != nil {
		return nil
	}
	assumed, err := m.Prior()
	if err != nil {
		return nil
	}
	return &reports.Mix{Estimated: est, Assumed: assumed, Prior: est.String()}
}
