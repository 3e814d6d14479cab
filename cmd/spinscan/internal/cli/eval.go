package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/model"
)

// evalReport is what `spinscan eval --json` prints.
type evalReport struct {
	model.Metrics
	// Errors counts labelled samples whose row carries an error (left out
	// of the metrics).
	Errors int `json:"errors"`
	// Source measures source attribution over labelled rows whose gold
	// source is in the crawl.
	Source sourceScore `json:"source"`
	// ByGranularity repeats the headline metrics per granularity
	// (document, passage, sentence) when the samples say.
	ByGranularity map[string]model.Metrics `json:"by_granularity,omitempty"`
	// Unlabelled counts the predicted labels of the samples without a
	// label (scored with the crawl, left out of the metrics): for WMT, the
	// human translations, so Unlabelled["translated"] / their number is
	// the share of human translations read as machine translations.
	Unlabelled map[string]int `json:"unlabelled,omitempty"`
	// Samples is the hash of the evaluated data.
	Samples string `json:"samples_sha256"`
}

type sourceScore struct {
	N        int     `json:"n"`
	Accuracy float64 `json:"accuracy"`
	// Outcomes says what happened to each of the N rows: "right" (the gold
	// source named), "reversed" (the gold source names this row as its
	// source instead), "tie" (same story, neither names the other),
	// "other page" (another page of the story named), "other story" (in a
	// story without its gold source), "no peer" (in no story).
	Outcomes map[string]int `json:"outcomes"`
}

// attribution classifies a row's source attribution against its gold
// source gold, whose row is g (see sourceScore.Outcomes).
func attribution(r, g features.Row, id, gold string) string {
	switch {
	case r.Source != nil && *r.Source == gold:
		return "right"
	case g.Source != nil && *g.Source == id:
		return "reversed"
	case r.Cluster == nil:
		return "no peer"
	case g.Cluster == nil || *g.Cluster != *r.Cluster:
		return "other story"
	case r.Source != nil:
		return "other page"
	default:
		return "tie"
	}
}

func evalCmd(e *env) *cobra.Command {
	var modelPath, rowsPath, prior string
	var asJSON, single bool
	var workers int
	cmd := &cobra.Command{
		Use:   "eval [--model FILE] [--json] [--rows FILE] SAMPLES.jsonl...",
		Short: "Score labeled samples as one crawl and compare with their labels",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			m, err := loadModel(modelPath, single, prior)
			if err != nil {
				return err
			}
			l, err := scoreSamples(e, files, m, single, workers)
			if err != nil {
				return err
			}
			rep := evaluate(l, m)
			if rowsPath != "" {
				if err := writeFileAtomic(rowsPath, func(w io.Writer) error { return writeEvalRows(w, l) }); err != nil {
					return err
				}
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			printEval(e.stdout, rep, m.Classes)
			return nil
		},
	}
	cmd.Flags().StringVar(&modelPath, "model", "", "model `FILE` (default: the embedded model)")
	cmd.Flags().StringVar(&prior, "prior", "", priorUsage)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	cmd.Flags().StringVar(&rowsPath, "rows", "", "also write every sample's scored row, with its gold label and source, to `FILE` (JSONL) for error analysis")
	cmd.Flags().BoolVar(&single, "single", false, "score every page alone, with no clustering")
	cmd.Flags().IntVarP(&workers, "workers", "j", 0, "worker goroutines (default: all cores)")
	return cmd
}

// evalRow is a line of `spinscan eval --rows`: the row `spinscan score`
// writes for the sample, with the sample's gold label ("" for none) and
// gold source.
type evalRow struct {
	Gold       string `json:"gold"`
	GoldSource string `json:"gold_source,omitempty"`
	features.Row
}

// writeEvalRows writes l's rows with their gold labels, one JSON object a
// line, in sample order.
func writeEvalRows(w io.Writer, l *labeled) error {
	enc := json.NewEncoder(w)
	for i, s := range l.samples {
		if err := enc.Encode(evalRow{Gold: s.Label, GoldSource: s.SourceID, Row: l.rows[i]}); err != nil {
			return err
		}
	}
	return nil
}

// evaluate compares the rows' probabilities with the samples' labels.
func evaluate(l *labeled, m *model.Model) evalReport {
	ci := map[string]int{}
	for i, c := range m.Classes {
		ci[c] = i
	}
	var yTrue []int
	var probs [][]float64
	byG := map[string]struct {
		y []int
		p [][]float64
	}{}
	rep := evalReport{Samples: l.hash}
	inCrawl := map[string]int{}
	for i, s := range l.samples {
		inCrawl[s.Record.ID] = i
	}
	srcHit := 0
	for i, s := range l.samples {
		r := l.rows[i]
		k, ok := ci[s.Label]
		if !ok {
			if s.Label == "" && r.Error == nil && r.Label != nil {
				if rep.Unlabelled == nil {
					rep.Unlabelled = map[string]int{}
				}
				rep.Unlabelled[*r.Label]++
			}
			continue
		}
		if r.Error != nil {
			rep.Errors++
			continue
		}
		p := make([]float64, len(m.Classes))
		for j, c := range m.Classes {
			p[j] = r.Probs[c]
		}
		yTrue, probs = append(yTrue, k), append(probs, p)
		if s.Granularity != "" {
			g := byG[s.Granularity]
			g.y, g.p = append(g.y, k), append(g.p, p)
			byG[s.Granularity] = g
		}
		if g, ok := inCrawl[s.SourceID]; ok && s.SourceID != "" {
			rep.Source.N++
			if rep.Source.Outcomes == nil {
				rep.Source.Outcomes = map[string]int{}
			}
			o := attribution(r, l.rows[g], s.Record.ID, s.SourceID)
			rep.Source.Outcomes[o]++
			if o == "right" {
				srcHit++
			}
		}
	}
	rep.Metrics = model.Evaluate(yTrue, probs, m.Classes)
	if rep.Source.N > 0 {
		rep.Source.Accuracy = float64(srcHit) / float64(rep.Source.N)
	}
	if len(byG) > 1 {
		rep.ByGranularity = map[string]model.Metrics{}
		for g, v := range byG {
			rep.ByGranularity[g] = model.Evaluate(v.y, v.p, m.Classes)
		}
	}
	return rep
}

func printEval(w io.Writer, rep evalReport, classes []string) {
	fmt.Fprintf(w, "samples %d  accuracy %.3f  macro-F1 %.3f  log loss %.3f  ECE %.3f  errors %d\n",
		rep.N, rep.Accuracy, rep.MacroF1, rep.LogLoss, rep.ECE, rep.Errors)
	if rep.Source.N > 0 {
		fmt.Fprintf(w, "source attribution: %.3f of %d rows whose gold source is in the crawl", rep.Source.Accuracy, rep.Source.N)
		for _, o := range []string{"right", "reversed", "tie", "other page", "other story", "no peer"} {
			fmt.Fprintf(w, "  %s %d", o, rep.Source.Outcomes[o])
		}
		fmt.Fprintln(w)
	}
	if len(rep.Unlabelled) > 0 {
		n := 0
		for _, k := range rep.Unlabelled {
			n += k
		}
		fmt.Fprintf(w, "unlabelled samples (not in the metrics): %d, predicted", n)
		for _, c := range classes {
			if k := rep.Unlabelled[c]; k > 0 {
				fmt.Fprintf(w, "  %s %d (%.3f)", c, k, float64(k)/float64(n))
			}
		}
		fmt.Fprintln(w)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\nclass\tprecision\trecall\tF1\tsupport\t")
	for _, c := range classes {
		pc, ok := rep.PerClass[c]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t\n", c, pc.Precision, pc.Recall, pc.F1, pc.Support)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nconfusion (rows: true, columns: predicted)")
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, c := range classes {
		fmt.Fprintf(tw, "%s\t", c)
	}
	fmt.Fprintln(tw)
	for _, t := range classes {
		row, ok := rep.Confusion[t]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t", t)
		for _, p := range classes {
			fmt.Fprintf(tw, "%d\t", row[p])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if len(rep.ByGranularity) > 0 {
		gs := make([]string, 0, len(rep.ByGranularity))
		for g := range rep.ByGranularity {
			gs = append(gs, g)
		}
		sort.Strings(gs)
		fmt.Fprintln(w)
		for _, g := range gs {
			m := rep.ByGranularity[g]
			fmt.Fprintf(w, "%-9s n %5d  accuracy %.3f  macro-F1 %.3f\n", g, m.N, m.Accuracy, m.MacroF1)
		}
	}
}
