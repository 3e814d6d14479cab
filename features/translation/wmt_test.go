package translation

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat"

	"github.com/spinscan/spinscan/features"
)

// corpusDir is the shared development corpus, relative to this package.
const corpusDir = "../../../shared/corpus"

// wmtDoc is one WMT document with its family columns.
type wmtDoc struct {
	id, group, class string // class: mt, human, orig-en, source
	vals             []float64
	flagged          bool
}

// wmtClasses maps a samples.jsonl item to the class measured here.
func wmtClass(label *string, path string) string {
	switch {
	case label == nil:
		return "human"
	case *label == "translated":
		return "mt"
	case strings.Contains(path, "en-original"):
		return "orig-en"
	default:
		return "source"
	}
}

// loadWMT scores every document of the WMT dev samples with the family.
// The source document of each story is given as a cluster peer of its
// translations only when withPeers is set.
func loadWMT(t testing.TB, withPeers bool) []wmtDoc {
	fam := Family()
	var out []wmtDoc
	for _, ds := range []string{"wmt22-general-mt", "wmt23-general-mt"} {
		f, err := os.Open(filepath.Join(corpusDir, ds, "samples.jsonl"))
		if err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		sources := map[string]*features.Page{}
		for sc.Scan() {
			var it struct {
				ID, Path, Group string
				Label           *string
			}
			if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(corpusDir, ds, it.Path))
			if err != nil {
				t.Fatal(err)
			}
			p := textPage(it.ID, string(b))
			class := wmtClass(it.Label, it.Path)
			if class == "source" {
				sources[it.Group] = p
			}
			var c *features.Context
			if src := sources[it.Group]; withPeers && src != nil && src != p {
				c = &features.Context{Cluster: it.Group, Peers: []*features.Page{src}}
			}
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, c, vals, &r)
			out = append(out, wmtDoc{id: it.ID, group: it.Group, class: class, vals: vals, flagged: slices.Contains(r.Flags, Flag)})
		}
		f.Close()
	}
	return out
}

// auc is the probability that a random positive scores above a random
// negative (ties count half).
func auc(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	all := make([]float64, 0, len(pos)+len(neg))
	all = append(append(all, pos...), neg...)
	lab := make([]bool, len(all))
	for i := range pos {
		lab[i] = true
	}
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return all[idx[a]] < all[idx[b]] })
	// rank sum with ties averaged
	ranks := make([]float64, len(all))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && all[idx[j]] == all[idx[i]] {
			j++
		}
		r := float64(i+j+1) / 2
		for k := i; k < j; k++ {
			ranks[idx[k]] = r
		}
		i = j
	}
	var sum float64
	for i, l := range lab {
		if l {
			sum += ranks[i]
		}
	}
	np, nn := float64(len(pos)), float64(len(neg))
	return (sum - np*(np+1)/2) / (np * nn)
}

// TestWMTSeparation reports, per column, the mean by class and the AUC of
// machine translations against English originals and against human
// translations. It reads the whole WMT dev slice (~3,400 documents), so it
// runs only with SPINSCAN_EVAL=1:
//
//	SPINSCAN_EVAL=1 go test -run TestWMT -v ./features/translation/
func TestWMTSeparation(t *testing.T) {
	if os.Getenv("SPINSCAN_EVAL") == "" {
		t.Skip("set SPINSCAN_EVAL=1 to measure on the WMT dev documents")
	}
	docs := loadWMT(t, false)
	cols := Family().Columns
	by := map[string][][]float64{}
	flagged := map[string]int{}
	for _, d := range docs {
		by[d.class] = append(by[d.class], d.vals)
		if d.flagged {
			flagged[d.class]++
		}
	}
	col := func(class string, j int) []float64 {
		var out []float64
		for _, v := range by[class] {
			out = append(out, v[j])
		}
		return out
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%-16s %9s %9s %9s %9s  %s  %s\n", "column", "mt", "human", "orig-en", "source", "AUC mt>orig-en", "AUC mt>human")
	for j, c := range cols {
		fmt.Fprintf(&sb, "%-16s %9.4f %9.4f %9.4f %9.4f  %14.3f  %12.3f\n", c,
			stat.Mean(col("mt", j), nil), stat.Mean(col("human", j), nil), stat.Mean(col("orig-en", j), nil), stat.Mean(col("source", j), nil),
			auc(col("mt", j), col("orig-en", j)), auc(col("mt", j), col("human", j)))
	}
	for _, c := range []string{"mt", "human", "orig-en", "source"} {
		fmt.Fprintf(&sb, "flag %s: %d/%d\n", c, flagged[c], len(by[c]))
	}
	t.Log("\n" + sb.String())
}

// TestWMTLogistic estimates the translated-class F1 reachable from this
// family's columns alone: a binary logistic regression (translated against
// original: English originals and foreign sources) with five group-aware
// folds (a story's source, human and machine translations stay in one
// fold). Human translations are not trained on; the share of them the
// held-out folds call translated is reported. Three runs: plain, with
// balanced class weights, and with each story's source given as a
// cluster peer (peer_other_lang).
//
//	SPINSCAN_EVAL=1 go test -run TestWMTLogistic -v ./features/translation/
func TestWMTLogistic(t *testing.T) {
	if os.Getenv("SPINSCAN_EVAL") == "" {
		t.Skip("set SPINSCAN_EVAL=1 to measure on the WMT dev documents")
	}
	for _, run := range []struct{ peers, balanced bool }{{false, false}, {false, true}, {true, false}} {
		withPeers := run.peers
		docs := loadWMT(t, withPeers)
		var sMT, sOrig, sHum []float64
		tp, fp, fn, hum, humMT := 0, 0, 0, 0, 0
		const folds = 5
		for k := range folds {
			var train []wmtDoc
			var test []wmtDoc
			for _, d := range docs {
				h := fnv.New32a()
				h.Write([]byte(d.group))
				if int(h.Sum32()%folds) == k {
					test = append(test, d)
				} else if d.class != "human" {
					train = append(train, d)
				}
			}
			w, mu, sd := fitLogistic(train, 1.0, run.balanced)
			for _, d := range test {
				score := predict(w, mu, sd, d.vals)
				pred := score > 0.5
				switch d.class {
				case "mt":
					sMT = append(sMT, score)
				case "human":
					sHum = append(sHum, score)
				case "orig-en":
					sOrig = append(sOrig, score)
				}
				switch {
				case d.class == "human":
					hum++
					if pred {
						humMT++
					}
				case d.class == "mt" && pred:
					tp++
				case d.class == "mt":
					fn++
				case pred:
					fp++
				}
			}
		}
		prec := float64(tp) / float64(tp+fp)
		rec := float64(tp) / float64(tp+fn)
		t.Logf("peers=%v balanced=%v: translated P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d); human translations called translated: %d/%d = %.3f; held-out AUC mt>orig-en %.3f, mt>human %.3f",
			withPeers, run.balanced, prec, rec, 2*prec*rec/(prec+rec), tp, fp, fn, humMT, hum, float64(humMT)/float64(hum), auc(sMT, sOrig), auc(sMT, sHum))
	}
}

// fitLogistic fits an L2-regularised binary logistic regression (mt = 1)
// on standardised columns with gonum's L-BFGS; it returns the weights (bias
// last) and the standardisation.
func fitLogistic(docs []wmtDoc, lambda float64, balanced bool) (w, mu, sd []float64) {
	if len(docs) == 0 {
		return nil, nil, nil
	}
	d := len(docs[0].vals)
	mu, sd = make([]float64, d), make([]float64, d)
	for j := range d {
		col := make([]float64, len(docs))
		for i, x := range docs {
			col[i] = x.vals[j]
		}
		mu[j], sd[j] = stat.MeanStdDev(col, nil)
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	X := make([][]float64, len(docs))
	y := make([]float64, len(docs))
	for i, x := range docs {
		X[i] = make([]float64, d+1)
		for j := range d {
			X[i][j] = (x.vals[j] - mu[j]) / sd[j]
		}
		X[i][d] = 1
		if x.class == "mt" {
			y[i] = 1
		}
	}
	n := float64(len(docs))
	wt := make([]float64, len(docs))
	pos := floats.Sum(y)
	for i := range wt {
		wt[i] = 1
		if balanced && y[i] == 1 {
			wt[i] = (n - pos) / pos
		}
	}
	prob := optimize.Problem{
		Func: func(w []float64) float64 {
			var l float64
			for i, x := range X {
				z := floats.Dot(w, x)
				l += wt[i] * (math.Log1p(math.Exp(-math.Abs(z))) + math.Max(z, 0) - y[i]*z)
			}
			return l/n + lambda/2*floats.Dot(w[:d], w[:d])/n
		},
		Grad: func(g, w []float64) {
			clear(g)
			for i, x := range X {
				p := 1 / (1 + math.Exp(-floats.Dot(w, x)))
				floats.AddScaled(g, wt[i]*(p-y[i])/n, x)
			}
			for j := range d {
				g[j] += lambda * w[j] / n
			}
		},
	}
	res, err := optimize.Minimize(prob, make([]float64, d+1), nil, &optimize.LBFGS{})
	if err != nil && res == nil {
		return make([]float64, d+1), mu, sd
	}
	return res.X, mu, sd
}

func predict(w, mu, sd, v []float64) float64 {
	z := w[len(w)-1]
	for j := range v {
		z += w[j] * (v[j] - mu[j]) / sd[j]
	}
	return 1 / (1 + math.Exp(-z))
}

func TestWMTFlagged(t *testing.T) {
	if os.Getenv("SPINSCAN_EVAL") == "" {
		t.Skip("set SPINSCAN_EVAL=1")
	}
	fam := Family()
	for _, d := range loadWMT(t, false) {
		if d.flagged {
			t.Logf("%s %s kinds=%v", d.class, d.id, d.vals[slices.Index(fam.Columns, ColArtifactKinds)])
		}
	}
}
