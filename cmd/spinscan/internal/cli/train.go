package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
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
	rows    string
	lambda  float64
	workers int
	single  bool
	augment []string
	// shortAugment are train-only samples for the short model alone.
	shortAugment []string
	foldSeed     int
	exclude      []string
	clip         float64
	balance      float64
	linear       bool
	pairs        bool
	interactions int
	splines      int
	short        int
}

// defaultInteractions is the number of column pairs a crawl model is
// trained with (--interactions; EVALUATION.md, "Chosen pairs of
// columns").
const defaultInteractions = 40

// gateColumn is the column that gates a crawl model's interactions
// (model.Options.Gate): they hold among pages with a peer, and a page
// alone is scored by its shapes. The training crawl's pages alone are
// unlike a real crawl's (most of its 700 are long originals, and the few
// rewrites and translations alone are short), and pairs fitted on them
// read real English pages alone as spun (4 of the 209 of web-pages-gold).
const gateColumn = "paraphrase.has_peer"

// shortColumn is the column by which `train --short` routes pages to the
// short model: the page's sentences (paraphrase.sentences).
const shortColumn = "paraphrase.sentences"

// defaultShort is how many sentences a page may have at most to be scored
// by a short model (model.Options.Short) when --short is not given: none,
// since a short model needs short pages to learn from. The embedded model
// is trained with --short 1 and the one-sentence pages of
// testdata/train/sentences.jsonl.gz as --short-augment (they train the
// short model only): held-out mtmpc sentences 0.337 → 0.597 macro-F1,
// held-out MRPC sentences 92.4% → 99.7% original, documents out of fold
// 0.900 → 0.898 on average over four fold assignments (EVALUATION.md, "Short pages"). With the sentences among
// the main model's rows too (--augment, the first try), or with --short 2,
// the documents lost 0.006–0.02: the main model learnt one-sentence
// shapes, or the short model took the WMT and PAN pages of two sentences.
const defaultShort = 0

// defaultSplines is the number of knots of each trained column's spline in
// the models `train` makes (model.Options.Splines). Chosen by the
// cross-validated macro-F1 of the default model's training crawl: 5 / 6 /
// 8 knots gave 0.899 / 0.902 / 0.901; the degree-2 model it replaced
// (--pairs --splines 0), 0.879 (EVALUATION.md).
const defaultSplines = 6

// defaultBalance and defaultBalanceSingle are the powers of the balanced
// class weights `train` uses for a crawl model and for a single-page model
// (--single). Chosen by the cross-validated macro-F1 of the default
// models' training crawl. Crawl model, the features of the evening of
// 2026-12-06: powers 0.001 (about unweighted), 0.1, 0.25, 0.5, 0.75 gave
// 0.860, 0.860, 0.860, 0.854, 0.846 (0.25 kept: the flat part, with a
// little more weight for the rare spun class); earlier that day 0.721,
// 0.740 (0.25), 0.758 (0.5), 0.753, 0.732 (1), and 0.576, 0.618, 0.645,
// 0.646, 0.626 on the crawl of 2026-11-23, when 0.75 was chosen.
// Single-page model: 0.492 at 0.25, 0.511 at 0.5. Fully balanced weights
// give the rare spun class several times a translation's weight and read
// machine translations whose peers are other translations as spun.
const (
	defaultBalance       = 0.25
	defaultBalanceSingle = 0.5
)

// defaultExclude are the columns the default model is trained without
// (weight 0); they stay in every row as evidence. The training crawl is
// assembled from datasets whose make-up they describe rather than the page's
// provenance: how many copies of a story the crawl holds (paraphrase.peers,
// centrality), and site furniture (FAQ blocks, comment sections, claimed
// and in-text dates) that the training crawl gets only from the real page
// chrome it wraps around originals and reprints alike, so their learned
// weights would say which dataset a page came from. The flags of these
// families (faq_padding, junk_comments, date_anomaly) still fire and show
// in the evidence. dates.days_after_earliest_peer is the same case: in the
// training crawl only the chrome-wrapped reprints are dated after a peer,
// by as many days as lie between the two real pages whose chrome they
// borrow (often years), so the model learnt "dated long after a peer
// means reprint" and read 30 of the 885 unrelated web-pages-gold pages
// that fall into false story clusters as reprints (4 without the column).
var defaultExclude = []string{
	"paraphrase.peers", "paraphrase.centrality",
	"faq.*", "comments.*",
	"dates.has_claimed", "dates.has_content_date", "dates.content_anchors",
	"dates.days_after_earliest_peer",
	// How much text a page has: for routing (--short), not as evidence (with
	// a weight of its own it turns one-sentence pages further toward
	// translated: mtmpc sentences 0.31 → 0.22).
	"paraphrase.sentences",
}

// crawlExclude are the further columns a crawl model is trained without.
// paraphrase.spinner_words (the rate of words from the spinner-synonym
// table) fires on as many of the crawl model's training originals as of
// its spun rows (6% of each; no synthetic spin is in its training crawl),
// so its spline learnt noise: at 0.6% the seed spin 003's rate pushed it
// toward original. Trained with weight 0 it changes no cross-validated
// figure (macro-F1 0.904 both ways) and the held-out mtmpc and MRPC pages
// read the same (EVALUATION.md, "Spinner words in the crawl model"). The
// single-page model keeps it: its training crawl holds the synthetic spins,
// and without it the seed spins scored alone read as translated.
var crawlExclude = []string{"paraphrase.spinner_words"}

func trainCmd(e *env) *cobra.Command {
	var f trainFlags
	cmd := &cobra.Command{
		Use:   "train [-o MODEL.json] [--folds K] [--report FILE] [--augment SYNTHETIC.jsonl] SAMPLES.jsonl...",
		Short: "Train a model on labeled samples (scored together as one crawl), with group-aware cross-validation",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			if !cmd.Flags().Changed("interactions") {
				f.interactions = f.defaultInteractions()
			}
			return runTrain(e, f, files)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "model.json", "write the model to `FILE`")
	fl.IntVar(&f.folds, "folds", 5, "cross-validation folds (a group stays in one fold); 0 or 1 skips cross-validation")
	fl.IntVar(&f.foldSeed, "fold-seed", 0, "another assignment of groups to cross-validation folds (`N` > 0; 0: the groups' own names decide, as `features` writes them), to see how much a figure owes to one split")
	fl.StringVar(&f.report, "report", "", "write an HTML training report to `FILE`")
	fl.StringVar(&f.rows, "rows", "", "also write every evaluated sample's row with its out-of-fold label and probabilities, gold label and gold source to `FILE` (JSONL, as `eval --rows`) for error analysis")
	fl.Float64Var(&f.lambda, "lambda", 0, "L2 penalty (default: the model package's)")
	fl.IntVarP(&f.workers, "workers", "j", 0, "worker goroutines (default: all cores)")
	fl.BoolVar(&f.single, "single", false, "compute features for every page alone, with no clustering")
	fl.StringSliceVar(&f.exclude, "exclude", nil, fmt.Sprintf("columns to train with weight 0 (`NAME`, or FAMILY.* for a family; default %s, and for a crawl model also %s)", strings.Join(defaultExclude, ","), strings.Join(crawlExclude, ",")))
	fl.Float64Var(&f.clip, "clip", 3, "bound standardised feature values to ±`Z` (0: no bound)")
	fl.Float64Var(&f.balance, "balance", 0, fmt.Sprintf("class weights: the balanced weights n/(k·n_c) raised to the power `P` in (0, 1] (1: fully balanced; default %g, %g with --single)", defaultBalance, defaultBalanceSingle))
	fl.BoolVar(&f.linear, "linear", false, "a linear model: one weight per column, no splines and no pairs")
	fl.IntVar(&f.interactions, "interactions", 0, fmt.Sprintf("add the products of the `N` pairs of trained columns that best explain what the model without them gets wrong, each with a spline; a crawl model's hold on pages with a peer only (model.Options.Interactions and Gate; 0: none; default %d for a crawl model, 0 with --single)", defaultInteractions))
	fl.BoolVar(&f.pairs, "pairs", false, "add the product of every two trained columns as further inputs (model.Options.Pairs)")
	fl.IntVar(&f.splines, "splines", defaultSplines, "give every trained column a cubic spline of up to `N` knots at quantiles of its values (model.Options.Splines; 0: none)")
	fl.IntVar(&f.short, "short", defaultShort, "score pages of at most `N` sentences with a model of their own, trained on such pages (model.Options.Short; 0: one model for all pages)")
	fl.StringSliceVar(&f.augment, "augment", nil, "train-only samples `FILE` (synthetic augmentation): scored in the same crawl and trained on, never evaluated")
	fl.StringSliceVar(&f.shortAugment, "short-augment", nil, "train-only samples `FILE` that train only the short model (with --short): pages of at most --short sentences among them train it, the rest are dropped; never evaluated")
	return cmd
}

func runTrain(e *env, f trainFlags, files []string) error {
	start := time.Now()
	if len(f.shortAugment) > 0 && f.short <= 0 {
		return fmt.Errorf("--short-augment needs --short")
	}
	all := slices.Concat(files, f.augment, f.shortAugment)
	l, err := scoreSamples(e, all, nil, f.single, f.workers)
	if err != nil {
		return err
	}
	classes := features.Labels
	X, y, groups, idx := l.matrix(classes)
	if len(X) == 0 {
		return fmt.Errorf("no labeled sample could be scored")
	}
	trainOnly := make([]bool, len(X))
	var shortOnly []bool
	if len(f.shortAugment) > 0 {
		shortOnly = make([]bool, len(X))
	}
	synthetic := 0
	for i, j := range idx {
		if l.file[j] >= len(files) {
			trainOnly[i] = true
			synthetic++
		}
		if shortOnly != nil && l.file[j] >= len(files)+len(f.augment) {
			shortOnly[i] = true
		}
	}
	if f.exclude == nil {
		f.exclude = f.defaultExclude()
	}
	exclude, err := expandColumns(f.exclude, l.columns)
	if err != nil {
		return err
	}
	if f.balance == 0 {
		f.balance = f.defaultBalance()
	}
	if !(f.balance > 0 && f.balance <= 1) {
		return fmt.Errorf("--balance %v: want a power in (0, 1]", f.balance)
	}
	opt := model.Options{Lambda: f.lambda, Logger: e.log, Exclude: exclude, Clip: f.clip, Balance: f.balance, Pairs: f.pairs && !f.linear, Splines: f.splines}
	if f.interactions < 0 {
		return fmt.Errorf("--interactions %d: want 0 or more", f.interactions)
	}
	if !f.linear && !f.pairs {
		opt.Interactions = f.interactions
		if !f.single {
			opt.Gate = gateColumn
		}
	}
	if f.linear {
		opt.Splines = 0
	}
	if n := f.short; n > 0 {
		opt.Short = &model.Route{Column: shortColumn, Max: float64(n)}
		opt.ShortOnly = shortOnly
	}
	var cv *model.CVResult
	if f.folds > 1 {
		cv, err = model.CrossValidateAugmented(X, y, seeded(groups, f.foldSeed), trainOnly, f.folds, classes, l.columns, opt)
		if err != nil {
			return fmt.Errorf("cross-validation: %w", err)
		}
		o := cv.Overall
		fmt.Fprintf(e.stderr, "cross-validation (%d folds, %d samples, %d train-only): accuracy %.3f  macro-F1 %.3f  log loss %.3f  ECE %.3f (%.3f at T=%.2f; %.3f with each fold's T fitted on the other folds)\n",
			f.folds, len(X)-synthetic, synthetic, o.Accuracy, o.MacroF1, o.LogLoss, o.ECE, cv.Calibrated.ECE, cv.Temperature, cv.HeldOutCalibrated.ECE)
		printBySource(e.stderr, l, idx, y, trainOnly, cv.Probs, classes)
		if f.rows != "" {
			if err := writeFileAtomic(f.rows, func(w io.Writer) error {
				return writeOutOfFoldRows(w, l, idx, trainOnly, cv.Probs, classes)
			}); err != nil {
				return err
			}
		}
	} else if f.rows != "" {
		return fmt.Errorf("--rows needs cross-validation (--folds 2 or more)")
	}
	m, err := model.Train(X, y, classes, l.columns, opt)
	if err != nil {
		return err
	}
	m.Provenance.Command = "spinscan train " + strings.Join(trainArgs(f, files), " ")
	m.Provenance.DataSHA256 = l.hash
	if m.Provenance.Date, err = trainDate(os.Getenv("SOURCE_DATE_EPOCH"), time.Now()); err != nil {
		return err
	}
	if synthetic > 0 {
		m.Provenance.Note = fmt.Sprintf("%d of %d samples are train-only augmentation from %s", synthetic, len(X), strings.Join(slices.Concat(f.augment, f.shortAugment), ", "))
	}
	if cv != nil {
		m.Provenance.CV = cv.Summary()
		if cv.Overall.ECE > model.ECETarget && cv.Calibrated.ECE < cv.Overall.ECE {
			m.Temperature = cv.Temperature
		}
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

// seeded returns groups renamed by seed (each name prefixed with it), so
// that model.Folds, which orders groups by the hash of their names,
// assigns them to folds anew; seed 0 returns groups as they are. A group
// stays one group either way, and an empty name (a sample that is a group
// of its own) stays empty.
func seeded(groups []string, seed int) []string {
	if seed == 0 {
		return groups
	}
	out := make([]string, len(groups))
	for i, g := range groups {
		if g != "" {
			g = strconv.Itoa(seed) + "\x00" + g
		}
		out[i] = g
	}
	return out
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
	if !slices.Equal(f.exclude, f.defaultExclude()) {
		a = append(a, "--exclude="+strings.Join(f.exclude, ","))
	}
	if f.clip != 3 {
		a = append(a, fmt.Sprintf("--clip=%g", f.clip))
	}
	if f.balance != f.defaultBalance() {
		a = append(a, fmt.Sprintf("--balance=%g", f.balance))
	}
	if f.linear {
		a = append(a, "--linear")
	}
	if f.pairs {
		a = append(a, "--pairs")
	}
	if f.interactions != f.defaultInteractions() && !f.pairs && !f.linear {
		a = append(a, fmt.Sprintf("--interactions=%d", f.interactions))
	}
	if f.splines != defaultSplines {
		a = append(a, fmt.Sprintf("--splines=%d", f.splines))
	}
	if f.foldSeed != 0 {
		a = append(a, fmt.Sprintf("--fold-seed=%d", f.foldSeed))
	}
	if f.short != defaultShort {
		a = append(a, fmt.Sprintf("--short=%d", f.short))
	}
	for _, s := range f.augment {
		a = append(a, "--augment", s)
	}
	for _, s := range f.shortAugment {
		a = append(a, "--short-augment", s)
	}
	return append(a, files...)
}

// writeOutOfFoldRows writes, for every sample cross-validation scored
// (train-only samples are not), its row with the out-of-fold label and
// probabilities, in the format of `eval --rows`.
func writeOutOfFoldRows(w io.Writer, l *labeled, idx []int, trainOnly []bool, probs [][]float64, classes []string) error {
	enc := json.NewEncoder(w)
	for i, j := range idx {
		if trainOnly[i] {
			continue
		}
		s, row := l.samples[j], l.rows[j]
		row.Probs = make(map[string]float64, len(classes))
		best := 0
		for c, p := range probs[i] {
			row.Probs[classes[c]] = p
			if p > probs[i][best] {
				best = c
			}
		}
		row.Label = &classes[best]
		if err := enc.Encode(evalRow{Gold: s.Label, GoldSource: s.SourceID, Row: row}); err != nil {
			return err
		}
	}
	return nil
}

// printBySource prints the out-of-fold scores of each dataset (the part of
// a sample id before its first colon) and granularity.
func printBySource(w io.Writer, l *labeled, idx, y []int, trainOnly []bool, probs [][]float64, classes []string) {
	type part struct {
		y     []int
		probs [][]float64
	}
	parts := map[string]*part{}
	var names []string
	for i, j := range idx {
		if trainOnly[i] {
			continue
		}
		s := l.samples[j]
		src, _, _ := strings.Cut(s.Record.ID, ":")
		keys := []string{src}
		if s.Granularity != "" && s.Granularity != "document" {
			keys = append(keys, src+" / "+s.Granularity)
		}
		for _, key := range keys {
			p := parts[key]
			if p == nil {
				p = &part{}
				parts[key] = p
				names = append(names, key)
			}
			p.y, p.probs = append(p.y, y[i]), append(p.probs, probs[i])
		}
	}
	sort.Strings(names)
	fmt.Fprintf(w, "  %-28s %6s %9s %9s  %s\n", "out-of-fold by dataset", "n", "accuracy", "macro-F1", "F1 by class (support)")
	for _, n := range names {
		m := model.Evaluate(parts[n].y, parts[n].probs, classes)
		var by []string
		for _, c := range classes {
			if pc, ok := m.PerClass[c]; ok && pc.Support > 0 {
				by = append(by, fmt.Sprintf("%s %.3f (%d)", c, pc.F1, pc.Support))
			}
		}
		fmt.Fprintf(w, "  %-28s %6d %9.3f %9.3f  %s\n", n, m.N, m.Accuracy, m.MacroF1, strings.Join(by, ", "))
	}
}

// expandColumns resolves column names and FAMILY.* patterns against the
// suite's columns.
func expandColumns(names, columns []string) ([]string, error) {
	var out []string
	for _, n := range names {
		if fam, ok := strings.CutSuffix(n, ".*"); ok {
			found := false
			for _, c := range columns {
				if strings.HasPrefix(c, fam+".") {
					out, found = append(out, c), true
				}
			}
			if !found {
				return nil, fmt.Errorf("--exclude %s: no column of family %q", n, fam)
			}
			continue
		}
		if !slices.Contains(columns, n) {
			return nil, fmt.Errorf("--exclude %s: no such column", n)
		}
		out = append(out, n)
	}
	return out, nil
}

// trainingReport converts a model and its cross-validation into what the
// training report shows.
func trainingReport(m *model.Model, cv *model.CVResult) reports.TrainingReport {
	t := reports.TrainingReport{
		Classes:      m.Classes,
		Coefficients: map[string]map[string]float64{},
		Provenance: map[string]string{
			"command":     m.Provenance.Command,
			"data_sha256": m.Provenance.DataSHA256,
			"date":        m.Provenance.Date,
			"samples":     fmt.Sprint(m.Provenance.Samples),
			"lambda":      fmt.Sprint(m.Provenance.Lambda),
			"temperature": fmt.Sprint(m.Temperature),
		},
	}
	if m.Provenance.Note != "" {
		t.Provenance["note"] = m.Provenance.Note
	}
	for k, c := range m.Classes {
		w := map[string]float64{}
		for j, col := range m.Inputs() {
			w[col] = m.Weights[k][j]
		}
		t.Coefficients[c] = w
	}
	if cv == nil {
		return t
	}
	o := cv.Overall
	t.Accuracy, t.MacroF1, t.LogLoss, t.ECE = o.Accuracy, o.MacroF1, o.LogLoss, o.ECE
	t.Confusion = o.Confusion
	t.PerClass = map[string]reports.ClassScores{}
	for c, s := range o.PerClass {
		t.PerClass[c] = reports.ClassScores{Precision: s.Precision, Recall: s.Recall, F1: s.F1, Support: s.Support}
	}
	for _, b := range o.Reliability {
		t.Reliability = append(t.Reliability, reports.Bin{Confidence: b.Confidence, Accuracy: b.Accuracy, Count: b.N})
	}
	for _, f := range cv.Folds {
		t.Folds = append(t.Folds, reports.FoldScore{Fold: f.Fold, Accuracy: f.Metrics.Accuracy, MacroF1: f.Metrics.MacroF1,
			LogLoss: f.Metrics.LogLoss, ECE: f.Metrics.ECE, N: f.NTest})
	}
	sort.Slice(t.Folds, func(i, j int) bool { return t.Folds[i].Fold < t.Folds[j].Fold })
	return t
}

// trainDate is the day a model file records: today, or the day of
// epoch, a SOURCE_DATE_EPOCH value (seconds since 1970, the
// reproducible-builds.org convention), so that rebuilding a committed
// model with its date gives the same bytes.
func trainDate(epoch string, now time.Time) (string, error) {
	if epoch == "" {
		return now.UTC().Format(time.DateOnly), nil
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(epoch), 10, 64)
	if err != nil {
		return "", fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", epoch)
	}
	return time.Unix(sec, 0).UTC().Format(time.DateOnly), nil
}

// defaultExclude returns the columns trained with weight 0 when --exclude
// is not given: defaultExclude, and crawlExclude too for a crawl model.
func (f *trainFlags) defaultExclude() []string {
	if f.single {
		return defaultExclude
	}
	return slices.Concat(defaultExclude, crawlExclude)
}

// defaultBalance is the class-weight power for the kind of model f trains.
func (f *trainFlags) defaultBalance() float64 {
	if f.single {
		return defaultBalanceSingle
	}
	return defaultBalance
}

// defaultInteractions is the number of chosen column pairs
// (--interactions) for the kind of model f trains: defaultInteractions
// for a crawl model, none for a single-page model.
func (f *trainFlags) defaultInteractions() int {
	if f.single {
		return 0
	}
	return defaultInteractions
}
