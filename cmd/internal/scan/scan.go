// Package scan is spinscan's batch engine: it extracts every record of a
// crawl on all cores, groups the pages into story clusters, computes the
// feature suite for each page against its cluster peers, scores it with the
// model and emits exactly one row per input record, in input order.
//
// The crawl is read in two passes over what pass one keeps: pass one
// extracts and signs each page; clusters form over the signatures; pass two
// computes the features (which need the peers' text) and scores.
package scan

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/cluster"
	"github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/model"
)

// Options configure a scan.
type Options struct {
	// Suite is the feature suite; nil means suite.Default().
	Suite suite.Suite
	// Model scores the pages; nil leaves rows unlabelled (features only, as
	// training needs).
	Model *model.Model
	// Single scores every page alone, with no clustering.
	Single bool
	// Workers is the number of goroutines; 0 means all cores.
	Workers int
	// Timeout bounds the work on one record (extraction, or features and
	// scoring); 0 means 30 s.
	Timeout time.Duration
	// Logger receives progress and warnings; nil discards.
	Logger *slog.Logger
	// Progress, if set, is called after each record of each pass.
	Progress func(pass, done, total int)
	// TopContributions is how many feature contributions a row's evidence
	// lists; 0 means 5.
	TopContributions int
}

func (opt Options) withDefaults() Options {
	if opt.Suite == nil {
		opt.Suite = suite.Default()
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.TopContributions <= 0 {
		opt.TopContributions = 5
	}
	return opt
}

// Stats summarises a scan.
type Stats struct {
	Records, Scored, Failed, Clusters int
}

// slot holds what pass one learnt about one record.
type slot struct {
	rec  features.Record
	page *features.Page
	sig  cluster.Sig
	err  error
}

// Run scores the records that read produces and calls emit once per record,
// in input order. read calls its argument once per record, in order; an
// error from read (other than from emit) ends the scan after the rows of the
// records read so far are written.
func Run(ctx context.Context, opt Options, read func(func(features.Record) error) error, emit func(features.Row) error) (Stats, error) {
	opt = opt.withDefaults()
	if opt.Model != nil {
		if err := opt.Model.CheckColumns(opt.Suite.Columns()); err != nil {
			return Stats{}, err
		}
	}
	var slots []*slot
	readErr := read(func(r features.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		slots = append(slots, &slot{rec: r})
		return nil
	})

	// Pass one: extract and sign.
	parallel(ctx, opt.Workers, len(slots), func(i int) {
		s := slots[i]
		s.page, s.err = extractOne(s.rec, opt.Timeout)
		if s.err == nil && !opt.Single {
			s.sig = cluster.Sign(s.page)
		}
		s.rec.Body = nil // the page holds what is needed now
	}, progress(opt.Progress, 1, len(slots)))

	// Clusters.
	var ok []*slot
	for _, s := range slots {
		if s.err == nil {
			ok = append(ok, s)
		}
	}
	story := make([]string, len(ok))
	if !opt.Single && len(ok) > 0 {
		ids := make([]string, len(ok))
		sigs := make([]cluster.Sig, len(ok))
		for i, s := range ok {
			ids[i], sigs[i] = s.page.ID, s.sig
		}
		story = cluster.Group(ids, sigs)
	}
	members := map[string][]*features.Page{}
	storyOf := map[*slot]string{}
	for i, s := range ok {
		storyOf[s] = story[i]
		if story[i] != "" {
			members[story[i]] = append(members[story[i]], s.page)
		}
	}

	// Pass two: features and scores.
	rows := make([]features.Row, len(slots))
	parallel(ctx, opt.Workers, len(slots), func(i int) {
		s := slots[i]
		if s.err != nil {
			rows[i] = ErrorRow(s.rec, s.err)
			return
		}
		c := &features.Context{Cluster: storyOf[s]}
		for _, p := range members[c.Cluster] {
			if p != s.page {
				c.Peers = append(c.Peers, p)
			}
		}
		row, err := scoreOne(s.page, c, opt)
		if err != nil {
			rows[i] = ErrorRow(s.rec, fmt.Errorf("features %s: %w", s.rec.ID, err))
			return
		}
		rows[i] = row
	}, progress(opt.Progress, 2, len(slots)))

	st := Stats{Records: len(slots), Clusters: len(members)}
	for _, r := range rows {
		if r.Error != nil {
			st.Failed++
		} else {
			st.Scored++
		}
		if err := emit(r); err != nil {
			return st, err
		}
	}
	if readErr != nil {
		return st, readErr
	}
	return st, ctx.Err()
}

func progress(f func(pass, done, total int), pass, total int) func(int) {
	if f == nil {
		return nil
	}
	return func(done int) { f(pass, done, total) }
}

// parallel runs fn(i) for i in [0, n) on workers goroutines, calling tick
// with the count done after each.
func parallel(ctx context.Context, workers, n int, fn func(int), tick func(int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				fn(i)
				if tick != nil {
					mu.Lock()
					done++
					tick(done)
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// guard runs f, turning a panic into an error and giving up waiting after
// timeout (the goroutine is left to finish on its own; its result is
// dropped).
func guard[T any](timeout time.Duration, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				var zero T
				ch <- result{zero, fmt.Errorf("panic: %v\n%s", r, firstLines(debug.Stack(), 12))}
			}
		}()
		v, err := f()
		ch <- result{v, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-t.C:
		var zero T
		return zero, fmt.Errorf("gave up after %s", timeout)
	}
}

func firstLines(b []byte, n int) string {
	lines := 0
	for i, c := range b {
		if c == '\n' {
			lines++
			if lines == n {
				return string(b[:i])
			}
		}
	}
	return string(b)
}

// Extract is stage one for one record: it extracts the page (within
// opt.Timeout, a panic becoming an error) and, unless opt.Single, signs it
// for clustering. The error names the record.
func Extract(rec features.Record, opt Options) (*features.Page, cluster.Sig, error) {
	opt = opt.withDefaults()
	p, err := extractOne(rec, opt.Timeout)
	if err != nil || opt.Single {
		return p, cluster.Sig{}, err
	}
	return p, cluster.Sign(p), nil
}

// Score is stage two for one page: it runs the feature suite against the
// page's story cluster (id "" when it has none) and its peers (the other
// members), scores it with opt.Model and builds its row. A failure becomes
// the record's error row.
func Score(p *features.Page, story string, peers []*features.Page, opt Options) features.Row {
	opt = opt.withDefaults()
	row, err := scoreOne(p, &features.Context{Cluster: story, Peers: peers}, opt)
	if err != nil {
		return ErrorRow(features.Record{ID: p.ID, URL: p.URL}, fmt.Errorf("features %s: %w", p.ID, err))
	}
	return row
}

func extractOne(rec features.Record, timeout time.Duration) (*features.Page, error) {
	if rec.Err != nil {
		return nil, rec.Err
	}
	p, err := guard(timeout, func() (*features.Page, error) { return extract.Extract(rec) })
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", rec.ID, err)
	}
	return p, nil
}

func scoreOne(p *features.Page, c *features.Context, opt Options) (features.Row, error) {
	return guard(opt.Timeout, func() (features.Row, error) {
		res, err := opt.Suite.Run(p, c)
		if err != nil {
			return features.Row{}, err
		}
		return buildRow(p, c, res, opt), nil
	})
}

func buildRow(p *features.Page, c *features.Context, res *features.Result, opt Options) features.Row {
	cols := opt.Suite.Columns()
	row := features.Row{
		ID:       p.ID,
		URL:      p.URL,
		Domain:   p.Domain,
		Lang:     p.Lang,
		Title:    p.Title,
		Flags:    append([]string{}, res.Flags...),
		Features: make(map[string]float64, len(cols)),
		Evidence: append([]string{}, res.Evidence...),
		Aligned:  res.Aligned,
	}
	for i, col := range cols {
		v := res.Values[i]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		row.Features[col] = v
	}
	pub := res.Published
	if pub.IsZero() {
		pub = p.Published
	}
	if !pub.IsZero() {
		s := pub.Format("2006-01-02")
		row.Published = &s
	}
	if c.Cluster != "" {
		s := c.Cluster
		row.Cluster = &s
	}
	if res.Source != "" {
		s := res.Source
		row.Source = &s
	}
	if opt.Model != nil {
		probs := opt.Model.Predict(nil, res.Values)
		row.Probs = make(map[string]float64, len(probs))
		best := 0
		for k, pr := range probs {
			row.Probs[opt.Model.Classes[k]] = pr
			if pr > probs[best] {
				best = k
			}
		}
		label := opt.Model.Classes[best]
		row.Label = &label
		contribs := opt.Model.Contributions(res.Values, best)
		for _, ct := range contribs {
			if len(row.Contributions) == opt.TopContributions {
				break
			}
			if ct.Value == 0 {
				continue
			}
			row.Contributions = append(row.Contributions, features.Contribution{Column: ct.Column, Value: ct.Value, Weight: ct.Weight})
		}
		sort.SliceStable(row.Contributions, func(i, j int) bool {
			return math.Abs(row.Contributions[i].Value) > math.Abs(row.Contributions[j].Value)
		})
		for _, ct := range row.Contributions {
			row.Evidence = append(row.Evidence, fmt.Sprintf("%s %+.2f toward %s (value %.3g)", ct.Column, ct.Value, label, row.Features[ct.Column]))
		}
	}
	return row
}

// ErrorRow is the row of a record that could not be scored: its id, url
// and domain, and the error.
func ErrorRow(rec features.Record, err error) features.Row {
	msg := err.Error()
	return features.Row{
		ID:       rec.ID,
		URL:      rec.URL,
		Domain:   extract.Domain(rec.URL),
		Flags:    []string{},
		Features: map[string]float64{},
		Evidence: []string{},
		Error:    &msg,
	}
}
