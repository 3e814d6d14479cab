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
	"container/list"
	"context"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

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
	// Single scores every page alone, with no clustering: each page is
	// scored as soon as it is extracted and nothing is kept.
	Single bool
	// Workers is the number of goroutines; 0 means all cores.
	Workers int
	// Timeout bounds the work on one record (extraction, or features and
	// scoring); 0 means 30 s.
	Timeout time.Duration
	// Logger receives progress and warnings; nil discards.
	Logger *slog.Logger
	// Progress, if set, is called after each record of each pass. In pass
	// one the records are still being read, so total is -1 (unknown).
	Progress func(pass, done, total int)
	// TopContributions is how many feature contributions a row's evidence
	// lists; 0 means 5.
	TopContributions int
	// MemoryBudget is how many bytes of compressed page data pass one
	// keeps in memory for pass two; the rest goes to a spill file under
	// os.TempDir, removed when Run returns. 0 means 256 MiB; a negative
	// budget spills everything.
	MemoryBudget int64
	// MaxPeers caps the peers given to the families for one page (the
	// first ones in input order); 0 means DefaultMaxPeers.
	MaxPeers int
	// PeerCache is how many decoded peer pages pass two keeps (least
	// recently used dropped first); 0 means 4096.
	PeerCache int
	// Done is how many leading records already have their rows (a resumed
	// run): their rows carry only id and url and no work is spent on
	// scoring them. In crawl mode they are still extracted and signed,
	// since they may be peers of later pages; in single mode they are not
	// read further than their id.
	Done int
}

// DefaultMaxPeers is the default Options.MaxPeers. Pass two's work for a
// page grows with its peers, and a story of thousands of copies would make
// it quadratic; 64 copies of one story are enough to find a page's closest
// counterparts (no cluster of the training crawl is that large).
const DefaultMaxPeers = 64

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
	if opt.MemoryBudget == 0 {
		opt.MemoryBudget = 256 << 20
	}
	if opt.MaxPeers <= 0 {
		opt.MaxPeers = DefaultMaxPeers
	}
	if opt.PeerCache <= 0 {
		opt.PeerCache = 4096
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return opt
}

// Stats summarises a scan.
type Stats struct {
	Records, Scored, Failed, Clusters int
	// DuplicateIDs counts the records whose id an earlier record already
	// had: their rows carry the same id, so a source or report that names
	// it is ambiguous. (Read from 64-bit hashes of the ids; a collision
	// between two different ids is negligible.)
	DuplicateIDs int
	// StoredBytes is the compressed page data kept for pass two, and
	// SpilledBytes the part of it written to the spill file.
	StoredBytes, SpilledBytes int64
}

// slot is what pass one keeps about one record: its id and url (for an
// error row), the error if any, and where its page data is stored (grams:
// a long page's sampled 8-gram fingerprints, for cluster.Contain; n == 0
// when the signature holds them all).
type slot struct {
	id, url           string
	err               error
	peer, rest, grams ref
}

// Run scores the records that read produces and calls emit once per record,
// in input order. read calls its argument once per record, in order; an
// error from read (other than from emit) ends the scan after the rows of the
// records read so far are written.
//
// Pass one extracts and signs the records on opt.Workers goroutines as read
// delivers them and keeps, per page, its signature and its page data
// (compressed, in memory up to opt.MemoryBudget, then in a spill file); the
// parsed HTML is dropped. Clusters then form over the signatures. Pass two
// scores the pages in input order on opt.Workers goroutines, reading each
// page and its cluster peers back and parsing the page's HTML again for the
// families that read the document tree; a reorder window of a few rows per
// worker keeps the output in input order. With opt.Single, pages are scored
// in pass one and nothing is stored.
func Run(ctx context.Context, opt Options, read func(func(features.Record) error) error, emit func(features.Row) error) (Stats, error) {
	opt = opt.withDefaults()
	if opt.Model != nil {
		if err := opt.Model.CheckColumns(opt.Suite.Columns()); err != nil {
			return Stats{}, err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	e := &engine{opt: opt, ctx: ctx, cancel: cancel, store: newStore(opt.MemoryBudget)}
	defer e.store.close()
	e.out = newOrderer(opt.Workers*4, func(r features.Row) error {
		if r.Error != nil {
			e.st.Failed++
		} else {
			e.st.Scored++
		}
		return emit(r)
	})

	readErr := e.passOne(read)
	if err := e.out.failed(); err != nil {
		return e.st, err
	}
	if !opt.Single {
		e.group()
		e.passTwo()
	}
	e.st.Records = len(e.slots)
	e.st.DuplicateIDs = e.duplicateIDs()
	if !opt.Single {
		e.st.Clusters = len(e.members)
	}
	e.st.StoredBytes = e.store.used + e.store.spilled
	e.st.SpilledBytes = e.store.spilled
	if err := e.out.failed(); err != nil {
		return e.st, err
	}
	if readErr != nil {
		return e.st, readErr
	}
	return e.st, ctx.Err()
}

// engine is the state of one Run.
type engine struct {
	opt    Options
	ctx    context.Context
	cancel context.CancelFunc
	store  *store
	out    *orderer
	st     Stats

	slots []slot
	sigs  []cluster.Sig
	// story is each slot's cluster number (-1: none); members lists each
	// cluster's slots in input order and names its story id.
	story   []int32
	members [][]int32
	names   []string
}

type job struct {
	i   int
	rec features.Record
}

type extracted struct {
	i   int
	s   slot
	sig cluster.Sig
}

// passOne reads the records, extracts, signs and stores them (or, with
// opt.Single, scores them); it returns read's error.
func (e *engine) passOne(read func(func(features.Record) error) error) error {
	jobs := make(chan job, e.opt.Workers)
	results := make(chan extracted, e.opt.Workers)
	var wg sync.WaitGroup
	for w := 0; w < e.opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- e.extractJob(j)
			}
		}()
	}
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		done := 0
		for r := range results {
			for len(e.slots) <= r.i {
				e.slots = append(e.slots, slot{})
				if !e.opt.Single {
					e.sigs = append(e.sigs, cluster.Sig{})
				}
			}
			e.slots[r.i] = r.s
			if !e.opt.Single {
				e.sigs[r.i] = r.sig
			}
			done++
			if e.opt.Progress != nil {
				e.opt.Progress(1, done, -1)
			}
		}
	}()
	n := 0
	readErr := read(func(r features.Record) error {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		if e.opt.Single && !e.out.acquire(e.ctx) {
			if err := e.out.failed(); err != nil {
				return err
			}
			return e.ctx.Err()
		}
		select {
		case jobs <- job{n, r}:
		case <-e.ctx.Done():
			return e.ctx.Err()
		}
		n++
		return nil
	})
	close(jobs)
	wg.Wait()
	close(results)
	<-collected
	return readErr
}

// extractJob is pass one for one record.
func (e *engine) extractJob(j job) extracted {
	r := extracted{i: j.i, s: slot{id: j.rec.ID, url: j.rec.URL}}
	if e.opt.Single && j.i < e.opt.Done {
		e.out.put(j.i, features.Row{ID: j.rec.ID, URL: j.rec.URL})
		return r
	}
	if j.rec.Err != nil {
		r.s.err = j.rec.Err
		e.finishSingle(r)
		return r
	}
	type out struct {
		p   *features.Page
		sig cluster.Sig
		fps []uint32
	}
	o, err := guard(e.opt.Timeout, func() (out, error) {
		p, err := extract.Extract(j.rec)
		if err != nil {
			return out{}, err
		}
		o := out{p: p}
		if e.opt.Single {
			return o, nil
		}
		o.sig, o.fps = cluster.SignAll(p)
		return o, nil
	})
	if err != nil {
		r.s.err = fmt.Errorf("extract %s: %w", j.rec.ID, err)
		e.finishSingle(r)
		return r
	}
	if e.opt.Single {
		e.out.put(j.i, Score(o.p, "", nil, 0, e.opt))
		return r
	}
	r.sig = o.sig
	if r.s.peer, err = e.store.put(encodePeer(o.p)); err == nil {
		r.s.rest, err = e.store.put(encodeRest(o.p))
	}
	if err == nil && o.fps != nil {
		r.s.grams, err = e.store.put(encodeGrams(o.fps))
	}
	if err != nil {
		r.s.err = fmt.Errorf("store %s: %w", j.rec.ID, err)
	}
	return r
}

// duplicateIDs counts the records whose id an earlier record had, from
// the sorted hashes of the ids (8 bytes a record, for the moment it takes).
func (e *engine) duplicateIDs() int {
	hs := make([]uint64, 0, len(e.slots))
	for _, s := range e.slots {
		if s.id != "" {
			hs = append(hs, xxhash.Sum64String(s.id))
		}
	}
	slices.Sort(hs)
	n := 0
	for i := 1; i < len(hs); i++ {
		if hs[i] == hs[i-1] {
			n++
		}
	}
	return n
}

// finishSingle emits the error row of a failed record in single mode.
func (e *engine) finishSingle(r extracted) {
	if e.opt.Single {
		e.out.put(r.i, ErrorRow(features.Record{ID: r.s.id, URL: r.s.url}, r.s.err))
	}
}

// group forms the story clusters over the signatures of the pages that
// were extracted (cluster.Group, then cluster.Contain for the excerpts of
// long pages), and drops the signatures.
func (e *engine) group() {
	var idx []int32
	var ids []string
	var sigs []cluster.Sig
	for i, s := range e.slots {
		if s.err == nil {
			idx = append(idx, int32(i))
			ids = append(ids, s.id)
			sigs = append(sigs, e.sigs[i])
		}
	}
	e.sigs = nil
	e.story = make([]int32, len(e.slots))
	for i := range e.story {
		e.story[i] = -1
	}
	if len(idx) == 0 {
		return
	}
	stories := cluster.Group(ids, sigs)
	if withExcerpts, err := cluster.Contain(ids, sigs, stories, func(k int) ([]uint32, error) {
		s := &e.slots[idx[k]]
		if s.grams.n == 0 {
			return nil, nil
		}
		b, err := e.store.get(s.grams)
		if err != nil {
			return nil, err
		}
		return decodeGrams(b)
	}); err != nil {
		// The excerpt lookup only adds pages to stories: without it the
		// stories Group formed stand.
		e.opt.Logger.Warn("excerpt lookup failed; stories as grouped", "err", err)
	} else {
		stories = withExcerpts
	}
	num := map[string]int32{}
	for k, name := range stories {
		if name == "" {
			continue
		}
		c, ok := num[name]
		if !ok {
			c = int32(len(e.members))
			num[name] = c
			e.members = append(e.members, nil)
			e.names = append(e.names, name)
		}
		e.story[idx[k]] = c
		e.members[c] = append(e.members[c], idx[k])
	}
}

// passTwo scores every page in input order.
func (e *engine) passTwo() {
	cache := newPeerCache(e.opt.PeerCache)
	jobs := make(chan int, e.opt.Workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < e.opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				e.out.put(i, e.scoreSlot(i, cache))
				if e.opt.Progress != nil {
					mu.Lock()
					done++
					e.opt.Progress(2, done, len(e.slots))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range e.slots {
		if !e.out.acquire(e.ctx) {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// scoreSlot is pass two for one record.
func (e *engine) scoreSlot(i int, cache *peerCache) features.Row {
	s := &e.slots[i]
	rec := features.Record{ID: s.id, URL: s.url}
	if i < e.opt.Done {
		return features.Row{ID: s.id, URL: s.url}
	}
	if s.err != nil {
		return ErrorRow(rec, s.err)
	}
	row, err := guard(e.opt.Timeout, func() (features.Row, error) {
		p, err := e.load(s)
		if err != nil {
			return features.Row{}, err
		}
		c := &features.Context{}
		if k := e.story[i]; k >= 0 {
			c.Cluster = e.names[k]
			for _, j := range e.members[k] {
				if int(j) == i {
					continue
				}
				if len(c.Peers) == e.opt.MaxPeers {
					break
				}
				q, err := cache.get(int(j), func() (*features.Page, error) {
					b, err := e.store.get(e.slots[j].peer)
					if err != nil {
						return nil, err
					}
					return decodePeer(b)
				})
				if err != nil {
					return features.Row{}, err
				}
				c.Peers = append(c.Peers, q)
				if int(j) > i {
					c.Later++
				}
			}
		}
		res, err := e.opt.Suite.Run(p, c)
		if err != nil {
			return features.Row{}, err
		}
		return buildRow(p, c, res, e.opt), nil
	})
	if err != nil {
		return ErrorRow(rec, fmt.Errorf("features %s: %w", s.id, err))
	}
	return row
}

// load rebuilds a stored page.
func (e *engine) load(s *slot) (*features.Page, error) {
	b, err := e.store.get(s.peer)
	if err != nil {
		return nil, err
	}
	p, err := decodePeer(b)
	if err != nil {
		return nil, err
	}
	if b, err = e.store.get(s.rest); err != nil {
		return nil, err
	}
	if err := decodeRest(p, b); err != nil {
		return nil, err
	}
	return p, nil
}

// orderer emits rows in input order: put files row i, and the rows from
// the next one due are emitted as they become complete. acquire bounds
// the rows in flight to the window size.
type orderer struct {
	sem     chan struct{}
	mu      sync.Mutex
	next    int
	pending map[int]features.Row
	emit    func(features.Row) error
	err     error
}

func newOrderer(window int, emit func(features.Row) error) *orderer {
	return &orderer{sem: make(chan struct{}, window), pending: map[int]features.Row{}, emit: emit}
}

// acquire waits for room in the window; false when ctx ended or emit
// failed.
func (o *orderer) acquire(ctx context.Context) bool {
	if o.failed() != nil {
		return false
	}
	select {
	case o.sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (o *orderer) put(i int, r features.Row) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.pending[i] = r
	for {
		r, ok := o.pending[o.next]
		if !ok {
			return
		}
		delete(o.pending, o.next)
		o.next++
		if o.err == nil {
			o.err = o.emit(r)
		}
		select {
		case <-o.sem:
		default:
		}
	}
}

func (o *orderer) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// peerCache keeps the most recently used decoded peer pages.
type peerCache struct {
	mu    sync.Mutex
	max   int
	items map[int]*list.Element
	lru   *list.List
}

type cached struct {
	i int
	p *features.Page
}

func newPeerCache(max int) *peerCache {
	return &peerCache{max: max, items: map[int]*list.Element{}, lru: list.New()}
}

// get returns page i, loading it with load when it is not cached.
func (c *peerCache) get(i int, load func() (*features.Page, error)) (*features.Page, error) {
	c.mu.Lock()
	if el, ok := c.items[i]; ok {
		c.lru.MoveToFront(el)
		c.mu.Unlock()
		return el.Value.(*cached).p, nil
	}
	c.mu.Unlock()
	p, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[i]; !ok {
		c.items[i] = c.lru.PushFront(&cached{i, p})
		for c.lru.Len() > c.max {
			old := c.lru.Back()
			c.lru.Remove(old)
			delete(c.items, old.Value.(*cached).i)
		}
	}
	return p, nil
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
	p, sig, _, err := ExtractAll(rec, opt)
	return p, sig, err
}

// ExtractAll is Extract that also returns, for a long page, all of its
// sampled 8-gram fingerprints (cluster.SignAll) for the excerpt lookup.
func ExtractAll(rec features.Record, opt Options) (*features.Page, cluster.Sig, []uint32, error) {
	opt = opt.withDefaults()
	p, err := extractOne(rec, opt.Timeout)
	if err != nil || opt.Single {
		return p, cluster.Sig{}, nil, err
	}
	sig, all := cluster.SignAll(p)
	return p, sig, all, nil
}

// Score is stage two for one page: it runs the feature suite against the
// page's story cluster (id "" when it has none) and its peers (the other
// members, in input order, of which the last later come after the page),
// scores it with opt.Model and builds its row. A failure becomes the
// record's error row.
func Score(p *features.Page, story string, peers []*features.Page, later int, opt Options) features.Row {
	opt = opt.withDefaults()
	row, err := scoreOne(p, &features.Context{Cluster: story, Peers: peers, Later: later}, opt)
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
		row.Prior = opt.Model.CorrectedTo()
		if (label == "spun" || label == "reprint") && row.Source == nil && res.Tied != "" {
			// A copy whose direction the text leaves open: its closest
			// peer is the likeliest source. (A translation's tied peers
			// are other translations of its source, not the source.)
			s := res.Tied
			row.Source = &s
			row.Evidence = append(row.Evidence, fmt.Sprintf("source: %s, the closest peer before it in the crawl (which of the two came first is not in the text)", s))
		}
		if rt := opt.Model.Route; rt != nil && opt.Model.Routes(res.Values) {
			row.Evidence = append(row.Evidence, fmt.Sprintf("scored by the model's short-page model (%s ≤ %g)", rt.Column, rt.Max))
		}
		if label != "original" && c.Cluster == "" && !opt.Single {
			// Nothing in the crawl backs a derived label: say so, so a
			// reviewer does not take it for a found copy.
			row.Evidence = append(row.Evidence, fmt.Sprintf("no copy of this text in the crawl: %s rests on the page's own features", label))
		}
		// Why this label rather than the next: contributions to the
		// difference of the two logits.
		second := -1
		for k, pr := range probs {
			if k != best && (second < 0 || pr > probs[second]) {
				second = k
			}
		}
		row.Versus = opt.Model.Classes[second]
		contribs := opt.Model.Versus(res.Values, best, second)
		rest := 0
		for _, ct := range contribs {
			if ct.Value == 0 {
				continue
			}
			if len(row.Contributions) == opt.TopContributions {
				row.Rest += ct.Value
				rest++
				continue
			}
			row.Contributions = append(row.Contributions, features.Contribution{Column: ct.Column, Value: ct.Value, Weight: ct.Weight})
		}
		row.Intercept = opt.Model.InterceptVersus(res.Values, best, second)
		for _, ct := range row.Contributions {
			value := fmt.Sprintf("value %.3g", row.Features[ct.Column])
			if a, b, ok := model.SplitPair(ct.Column); ok {
				// An interaction input of the model: show both columns.
				value = fmt.Sprintf("values %.3g × %.3g", row.Features[a], row.Features[b])
			}
			row.Evidence = append(row.Evidence, fmt.Sprintf("%s %+.2f for %s over %s (%s)", ct.Column, ct.Value, label, row.Versus, value))
		}
		others := fmt.Sprintf("the %d other inputs", rest)
		if rest == 1 {
			others = "the 1 other input"
		}
		row.Evidence = append(row.Evidence, fmt.Sprintf("%s %+.2f and the intercepts %+.2f for %s over %s (logit difference %+.2f)",
			others, row.Rest, row.Intercept, label, row.Versus, row.LogitGap()))
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
