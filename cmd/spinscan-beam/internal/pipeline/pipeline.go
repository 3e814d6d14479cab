// Package pipeline builds spinscan's scoring as an Apache Beam pipeline:
// the same stage functions as `spinscan score` (crawl readers, scan.Extract,
// the cluster package's LSH banding and Match, scan.Score, scan.ErrorRow,
// the model), laid out as Beam transforms so that Dataflow, Flink or Spark
// can run a crawl too large for one machine.
//
// The stages, each a Beam transform:
//
//  1. Shards: the input glob is listed when the pipeline is built (through
//     Beam's filesystems, so gs:// and s3:// globs work where those
//     filesystems are linked in) and sorted; shard i's records get the
//     sequence numbers i<<32 | n, which order them as `spinscan score
//     SHARD...` would.
//  2. Read (ParDo): crawl.Read on each local shard (crawl.ReadWARC or
//     crawl.ReadJSONL on a remote one, chosen by extension), then a
//     Reshuffle so that extraction spreads over workers.
//  3. Extract and sign (ParDo): scan.ExtractAll; a record that fails
//     becomes its scan.ErrorRow here.
//  4. Band (ParDo + GroupByKey): each signature goes to the buckets named by
//     cluster.Options.BandKeys; in each bucket, sorted by sequence number,
//     the page at position p is compared with cluster.Options.Match against
//     the pages before min(p, BucketLimit), exactly the candidate pairs
//     cluster.Group checks. Verified pairs are edges.
//  5. Excerpts (ParDo + GroupByKey, twice): as cluster.Contain looks a
//     short page up in the long pages' sampled 8-grams, every probe page
//     (cluster.Probe) goes to the buckets of its fingerprints and every
//     long page (cluster.Full) to the buckets of all of its own
//     (cluster.SignAll); a bucket pairs its probes with its long pages
//     (hits, keyed by the probe), and each probe's hits are counted by
//     long page and the best that passes cluster.Excerpt is kept.
//  6. Components: all edges and excerpts are grouped under one key; the
//     edges are turned into story clusters by cluster.Stars (no chaining
//     of weak matches), each named by cluster.Names after its first page
//     in input order, and the excerpts of pages left alone are attached
//     by cluster.Attach, exactly as Group and Contain form and name them.
//     This is the documented limitation of the pipeline: the edge list
//     (two sequence numbers and two ids per verified pair, a few per
//     page) must fit one worker's memory.
//  7. Join (CoGroupByKey on the sequence number): pages with no story are
//     scored alone at once; the others are keyed by story and grouped again
//     (GroupByKey), and every member is scored with scan.Score against the
//     other members, in input order.
//  8. Write: all rows, as the JSON `spinscan score` writes, are sorted by
//     sequence number and written to one file by one worker.
//
// Each page is extracted once: after stage 3 a record crosses the later
// stages as its extracted page in scan.EncodePage's encoding (Rec.Page, the
// raw body dropped), which the scoring stages decode with scan.DecodePage;
// the spill store of `spinscan score` keeps pages in the same encoding.
package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/spinscan/spinscan/cmd/internal/scan"
	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/cluster"
	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/features/suite"
	"github.com/spinscan/spinscan/model"
)

// Beam's Go SDK finds DoFns, element types and emitters on remote workers
// through its own registry, which must be filled before main runs; this is
// the one init() of the package, required by Beam.
func init() {
	register.DoFn3x1[context.Context, Shard, func(Rec), error](&readFn{})
	register.DoFn5x1[Rec, func(Node), func(uint64, Gram), func(int64, Rec), func(Line), error](&extractFn{})
	register.DoFn3x1[uint64, func(*Gram) bool, func(int64, Hit), error](&gramFn{})
	register.DoFn3x1[int64, func(*Hit) bool, func(Excerpt), error](&hitFn{})
	register.DoFn2x0[Node, func(uint64, Node)](&bandFn{})
	register.DoFn3x1[uint64, func(*Node) bool, func(Edge), error](&pairFn{})
	register.DoFn4x0[int, func(*Edge) bool, func(*Excerpt) bool, func(int64, string)](&componentFn{})
	register.DoFn5x0[int64, func(*Rec) bool, func(*string) bool, func(Line), func(string, Rec)](&joinFn{})
	register.DoFn3x0[string, func(*Rec) bool, func(Line)](&clusterFn{})
	register.DoFn3x1[context.Context, []byte, func(*Line) bool, error](&writeFn{})
	register.Emitter1[Rec]()
	register.Emitter1[Node]()
	register.Emitter1[Edge]()
	register.Emitter1[Line]()
	register.Emitter1[Excerpt]()
	register.Emitter2[uint64, Gram]()
	register.Emitter2[int64, Hit]()
	register.Emitter2[int64, Rec]()
	register.Emitter2[uint64, Node]()
	register.Emitter2[int64, string]()
	register.Emitter2[string, Rec]()
	register.Iter1[*Node]()
	register.Iter1[*Edge]()
	register.Iter1[*Rec]()
	register.Iter1[*string]()
	register.Iter1[*Line]()
	register.Iter1[*Gram]()
	register.Iter1[*Hit]()
	register.Iter1[*Excerpt]()
	for _, t := range []reflect.Type{
		reflect.TypeFor[Shard](), reflect.TypeFor[Rec](), reflect.TypeFor[Node](),
		reflect.TypeFor[Edge](), reflect.TypeFor[Line](), reflect.TypeFor[Gram](),
		reflect.TypeFor[Hit](), reflect.TypeFor[Excerpt](),
	} {
		beam.RegisterType(t)
	}
}

// Config is what the pipeline needs to know.
type Config struct {
	// Input is a glob of crawl shards (WARC, JSONL, HTML or text files);
	// a local path or any scheme whose Beam filesystem is linked in.
	Input string
	// Output is the JSONL file the rows are written to.
	Output string
	// Model is the JSON of a model file; nil means the embedded default
	// model (model.Default).
	Model []byte
}

// Build adds the scoring pipeline to scope s. It lists the input shards
// now (an input glob that matches nothing is an error) and checks that the
// model fits the feature suite.
func Build(ctx context.Context, s beam.Scope, cfg Config) error {
	if cfg.Output == "" {
		return errors.New("pipeline: no output file")
	}
	m, err := loadModel(cfg.Model)
	if err != nil {
		return err
	}
	if err := m.CheckColumns(suite.Default().Columns()); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	shards, err := ListShards(ctx, cfg.Input)
	if err != nil {
		return err
	}
	if len(shards) == 0 {
		return fmt.Errorf("pipeline: input %q matches no file", cfg.Input)
	}

	s = s.Scope("spinscan")
	in := beam.CreateList(s.Scope("Shards"), shards)
	recs := beam.ParDo(s.Scope("Read"), &readFn{}, in)
	recs = beam.Reshuffle(s.Scope("Spread"), recs)
	nodes, grams, keyed, failed := beam.ParDo4(s.Scope("ExtractSign"), &extractFn{}, recs)

	banded := beam.ParDo(s.Scope("Band"), &bandFn{}, nodes)
	buckets := beam.GroupByKey(s.Scope("Buckets"), banded)
	edges := beam.ParDo(s.Scope("Verify"), &pairFn{}, buckets)
	hits := beam.ParDo(s.Scope("Hits"), &gramFn{}, beam.GroupByKey(s.Scope("GramBuckets"), grams))
	excerpts := beam.ParDo(s.Scope("Excerpts"), &hitFn{}, beam.GroupByKey(s.Scope("ProbeHits"), hits))
	all := beam.CoGroupByKey(s.Scope("AllEdges"), beam.AddFixedKey(s.Scope("OneKey"), edges),
		beam.AddFixedKey(s.Scope("OneKeyExcerpts"), excerpts))
	stories := beam.ParDo(s.Scope("Components"), &componentFn{}, all)

	joined := beam.CoGroupByKey(s.Scope("Join"), keyed, stories)
	alone, members := beam.ParDo2(s.Scope("ScoreAlone"), &joinFn{Model: cfg.Model}, joined)
	clusters := beam.GroupByKey(s.Scope("Clusters"), members)
	scored := beam.ParDo(s.Scope("ScoreClusters"), &clusterFn{Model: cfg.Model}, clusters)

	rows := beam.Flatten(s.Scope("Rows"), failed, alone, scored)
	beam.ParDo0(s.Scope("Write"), &writeFn{Output: cfg.Output}, beam.Impulse(s),
		beam.SideInput{Input: rows})
	return nil
}

// Shard is one input file and its index in the sorted list of inputs.
type Shard struct {
	Index int64
	Path  string
}

// ListShards returns the files matching glob, sorted, as shards.
func ListShards(ctx context.Context, glob string) ([]Shard, error) {
	if glob == "" {
		return nil, errors.New("pipeline: no input glob")
	}
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return nil, fmt.Errorf("pipeline: input %s: %w", glob, err)
	}
	defer fs.Close()
	names, err := fs.List(ctx, glob)
	if err != nil {
		return nil, fmt.Errorf("pipeline: input %s: %w", glob, err)
	}
	sort.Strings(names)
	out := make([]Shard, len(names))
	for i, n := range names {
		out[i] = Shard{Index: int64(i), Path: n}
	}
	return out, nil
}

// Rec is a features.Record crossing stages, with its place in the input
// (Seq: shard index << 32 | record number in the shard).
type Rec struct {
	Seq         int64
	ID, URL     string
	Kind        int64
	Body        []byte
	ContentType string
	Date        string
	// Fetched is the capture time as time.Time.MarshalBinary gives it.
	Fetched []byte
	// Err is the read error, "" when the record was read.
	Err string
	// Page is the extracted page (scan.EncodePage) once stage 3 has run;
	// Body is then dropped.
	Page []byte
}

func toRec(seq int64, r features.Record) (Rec, error) {
	fetched, err := r.Fetched.MarshalBinary()
	if err != nil {
		return Rec{}, fmt.Errorf("pipeline: record %s: fetched time: %w", r.ID, err)
	}
	out := Rec{Seq: seq, ID: r.ID, URL: r.URL, Kind: int64(r.Kind), Body: r.Body,
		ContentType: r.ContentType, Date: r.Date, Fetched: fetched}
	if r.Err != nil {
		out.Err = r.Err.Error()
	}
	return out, nil
}

// Record returns the features.Record r carries; a read error comes back
// as an error with the same message.
func (r Rec) Record() features.Record {
	out := features.Record{ID: r.ID, URL: r.URL, Kind: features.Kind(r.Kind), Body: r.Body,
		ContentType: r.ContentType, Date: r.Date}
	if len(r.Fetched) > 0 {
		// The bytes come from MarshalBinary; a failure leaves the zero time.
		_ = out.Fetched.UnmarshalBinary(r.Fetched)
	}
	if r.Err != "" {
		out.Err = errors.New(r.Err)
	}
	return out
}

// Node is one page's signature on its way to the LSH buckets.
type Node struct {
	Seq int64
	ID  string
	// Sig is the cluster.Sig in little-endian binary form.
	Sig []byte
}

// Edge is a verified candidate pair: the pages A < B (sequence numbers)
// and their ids.
type Edge struct {
	A, B     int64
	AID, BID string
	// Foreign marks a match between pages in different languages
	// (cluster.Foreign), which cluster.Stars treats apart.
	Foreign bool
}

// Gram puts a page in the bucket of one of its 8-gram fingerprints for the
// excerpt lookup: a probe (a short page, cluster.Probe) or a long page
// (cluster.Full, Long).
type Gram struct {
	Seq  int64
	ID   string
	Sig  []byte
	Long bool
}

// Hit is a probe page and a long page that share a fingerprint.
type Hit struct {
	Probe, Long       int64
	ProbeID, LongID   string
	ProbeSig, LongSig []byte
}

// Excerpt is a probe page and the long page it is an excerpt of
// (cluster.Excerpt), with their ids.
type Excerpt struct {
	Probe, Long     int64
	ProbeID, LongID string
}

// Line is one output row: its sequence number and its JSON.
type Line struct {
	Seq  int64
	JSON string
}

func encodeSig(s cluster.Sig) []byte {
	var b bytes.Buffer
	// binary.Write cannot fail on a fixed-size struct written to a Buffer.
	_ = binary.Write(&b, binary.LittleEndian, s)
	return b.Bytes()
}

func decodeSig(b []byte) (cluster.Sig, error) {
	var s cluster.Sig
	err := binary.Read(bytes.NewReader(b), binary.LittleEndian, &s)
	return s, err
}

// rowLine encodes a row as `spinscan score` does (HTML left unescaped),
// without the trailing newline.
func rowLine(seq int64, r features.Row) (Line, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return Line{}, fmt.Errorf("pipeline: row %s: %w", r.ID, err)
	}
	return Line{Seq: seq, JSON: strings.TrimSuffix(b.String(), "\n")}, nil
}

func loadModel(js []byte) (*model.Model, error) {
	if len(js) == 0 {
		return model.Default()
	}
	m, err := model.Load(bytes.NewReader(js))
	if err != nil {
		return nil, fmt.Errorf("pipeline: model: %w", err)
	}
	return m, nil
}

// readFn reads one shard into records.
type readFn struct{}

func (*readFn) ProcessElement(ctx context.Context, sh Shard, emit func(Rec)) error {
	n := int64(0)
	send := func(r features.Record) error {
		if n >= 1<<32 {
			return fmt.Errorf("pipeline: shard %s has over 2^32 records", sh.Path)
		}
		rec, err := toRec(sh.Index<<32|n, r)
		if err != nil {
			return err
		}
		n++
		emit(rec)
		return nil
	}
	if local(sh.Path) {
		_, err := crawl.Read(ctx, []string{sh.Path}, nil, crawl.Options{}, send)
		return err
	}
	return readRemote(ctx, sh.Path, send)
}

// local reports whether p names a file of the local filesystem.
func local(p string) bool {
	i := strings.Index(p, "://")
	return i < 0 || p[:i] == "file" || p[:i] == "default"
}

// readRemote reads a shard through Beam's filesystem for its scheme; the
// format comes from the name (.warc or .warc.gz is WARC, anything else
// JSONL), since only the local reader sniffs content.
func readRemote(ctx context.Context, p string, send func(features.Record) error) error {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return fmt.Errorf("pipeline: %s: %w", p, err)
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, p)
	if err != nil {
		return fmt.Errorf("pipeline: %s: %w", p, err)
	}
	defer rc.Close()
	read := crawl.ReadJSONL
	if base := strings.TrimSuffix(strings.ToLower(path.Base(p)), ".gz"); strings.HasSuffix(base, ".warc") {
		read = crawl.ReadWARC
	}
	_, err = read(ctx, p, rc, crawl.Options{}, send)
	return err
}

// extractFn extracts and signs one record and puts the page in the
// buckets of the excerpt lookup; a record that fails becomes its error row.
type extractFn struct{}

func (*extractFn) ProcessElement(r Rec, nodes func(Node), grams func(uint64, Gram), keyed func(int64, Rec), failed func(Line)) error {
	rec := r.Record()
	p, sig, all, err := scan.ExtractAll(rec, scan.Options{})
	if err != nil {
		l, lerr := rowLine(r.Seq, scan.ErrorRow(rec, err))
		if lerr != nil {
			return lerr
		}
		failed(l)
		return nil
	}
	nodes(Node{Seq: r.Seq, ID: p.ID, Sig: encodeSig(sig)})
	switch {
	case cluster.Full(&sig):
		g := Gram{Seq: r.Seq, ID: p.ID, Sig: encodeSig(sig), Long: true}
		for _, fp := range all {
			grams(uint64(fp), g)
		}
	case cluster.Probe(&sig):
		g := Gram{Seq: r.Seq, ID: p.ID, Sig: encodeSig(sig)}
		for _, fp := range sig.Grams {
			if fp != 0 {
				grams(uint64(fp), g)
			}
		}
	}
	r.Page, r.Body = scan.EncodePage(p), nil
	keyed(r.Seq, r)
	return nil
}

// bandFn puts a signature in its LSH buckets.
type bandFn struct{}

func (*bandFn) ProcessElement(n Node, emit func(uint64, Node)) {
	s, err := decodeSig(n.Sig)
	if err != nil {
		return // cannot happen: the bytes come from encodeSig
	}
	seen := map[uint64]bool{}
	for _, k := range (cluster.Options{}).BandKeys(&s) {
		if !seen[k] {
			seen[k] = true
			emit(k, n)
		}
	}
}

// pairFn verifies the candidate pairs of one bucket as cluster.Group does:
// in input order, each page against the pages before it among the first
// BucketLimit.
type pairFn struct{}

func (*pairFn) ProcessElement(_ uint64, iter func(*Node) bool, emit func(Edge)) error {
	var ns []Node
	var n Node
	for iter(&n) {
		ns = append(ns, n)
	}
	if len(ns) < 2 {
		return nil
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].Seq < ns[j].Seq })
	sigs := make([]cluster.Sig, len(ns))
	for i := range ns {
		s, err := decodeSig(ns[i].Sig)
		if err != nil {
			return fmt.Errorf("pipeline: signature of %s: %w", ns[i].ID, err)
		}
		sigs[i] = s
	}
	o := cluster.Options{}
	limit := o.BucketLimit()
	for p := 1; p < len(ns); p++ {
		for q := 0; q < p && q < limit; q++ {
			if o.Match(&sigs[p], &sigs[q]) {
				emit(Edge{A: ns[q].Seq, B: ns[p].Seq, AID: ns[q].ID, BID: ns[p].ID,
					Foreign: cluster.Foreign(&sigs[p], &sigs[q])})
			}
		}
	}
	return nil
}

// gramFn pairs the probes of one fingerprint's bucket with its long pages.
type gramFn struct{}

func (*gramFn) ProcessElement(_ uint64, iter func(*Gram) bool, emit func(int64, Hit)) error {
	var probes, longs []Gram
	var g Gram
	for iter(&g) {
		if g.Long {
			longs = append(longs, g)
		} else {
			probes = append(probes, g)
		}
	}
	for _, p := range probes {
		for _, l := range longs {
			emit(p.Seq, Hit{Probe: p.Seq, Long: l.Seq, ProbeID: p.ID, LongID: l.ID, ProbeSig: p.Sig, LongSig: l.Sig})
		}
	}
	return nil
}

// hitFn counts one probe's hits by long page and keeps the long page it is
// an excerpt of, as cluster.Contain does: the most shared fingerprints
// among those that pass cluster.Excerpt, the earliest on a tie.
type hitFn struct{}

func (*hitFn) ProcessElement(probe int64, iter func(*Hit) bool, emit func(Excerpt)) error {
	shared := map[int64]int{}
	last := map[int64]Hit{}
	var h Hit
	for iter(&h) {
		shared[h.Long]++
		last[h.Long] = h
	}
	var best Excerpt
	most := 0
	for q, n := range shared {
		h := last[q]
		ps, err := decodeSig(h.ProbeSig)
		if err != nil {
			return fmt.Errorf("pipeline: signature of page %d: %w", probe, err)
		}
		ls, err := decodeSig(h.LongSig)
		if err != nil {
			return fmt.Errorf("pipeline: signature of %s: %w", h.LongID, err)
		}
		if cluster.Excerpt(&ps, &ls, n) && (n > most || n == most && q < best.Long) {
			best, most = Excerpt{Probe: probe, Long: q, ProbeID: h.ProbeID, LongID: h.LongID}, n
		}
	}
	if most > 0 {
		emit(best)
	}
	return nil
}

// componentFn forms the story clusters from all edges and excerpts, as
// cluster.Group and cluster.Contain do (cluster.Stars over the
// deduplicated matches, named by cluster.Names after each star's first
// page, then cluster.Attach for the excerpts of pages left alone): the
// one-worker step of the pipeline.
type componentFn struct{}

func (*componentFn) ProcessElement(_ int, iter func(*Edge) bool, excerpts func(*Excerpt) bool, emit func(int64, string)) {
	ids := map[int64]string{}
	pairs := map[[2]int64]bool{} // value: a cross-language match
	var e Edge
	for iter(&e) {
		ids[e.A], ids[e.B] = e.AID, e.BID
		pairs[[2]int64{e.A, e.B}] = e.Foreign
	}
	var exs []Excerpt
	var x Excerpt
	for excerpts(&x) {
		exs = append(exs, x)
		ids[x.Probe], ids[x.Long] = x.ProbeID, x.LongID
	}
	seqs := make([]int64, 0, len(ids))
	for q := range ids {
		seqs = append(seqs, q)
	}
	slices.Sort(seqs) // input order
	index := make(map[int64]int32, len(seqs))
	names := make([]string, len(seqs))
	for i, q := range seqs {
		index[q] = int32(i)
		names[i] = ids[q]
	}
	adj := make([][]int32, len(seqs))
	for p := range pairs {
		a, b := index[p[0]], index[p[1]]
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	for _, a := range adj {
		slices.Sort(a)
	}
	foreign := func(p, q int32) bool {
		a, b := seqs[min(p, q)], seqs[max(p, q)]
		return pairs[[2]int64{a, b}]
	}
	stories := cluster.Names(names, cluster.Stars(adj, foreign))
	of := make(map[int32]int32, len(exs))
	for _, x := range exs {
		of[index[x.Probe]] = index[x.Long]
	}
	for i, story := range cluster.Attach(names, stories, of) {
		if story != "" {
			emit(seqs[i], story)
		}
	}
}

// scorer holds what a scoring DoFn loads once per worker.
type scorer struct {
	opt scan.Options
}

func newScorer(js []byte) (*scorer, error) {
	m, err := loadModel(js)
	if err != nil {
		return nil, err
	}
	return &scorer{opt: scan.Options{Suite: suite.Default(), Model: m}}, nil
}

// decodePage decodes the page stage 3 extracted from r, and returns r's
// record (without its body) for an error row.
func decodePage(r Rec) (*features.Page, features.Record, error) {
	p, err := scan.DecodePage(r.Page)
	return p, r.Record(), err
}

// joinFn scores the pages with no story and sends the others to their
// story.
type joinFn struct {
	// Model is the model file's JSON; nil means the default model.
	Model []byte
	sc    *scorer
}

func (f *joinFn) Setup() error {
	sc, err := newScorer(f.Model)
	f.sc = sc
	return err
}

func (f *joinFn) ProcessElement(seq int64, recs func(*Rec) bool, stories func(*string) bool, alone func(Line), members func(string, Rec)) {
	var story string
	for s := ""; stories(&s); {
		story = s
	}
	var r Rec
	for recs(&r) {
		if story != "" {
			members(story, r)
			continue
		}
		alone(f.sc.score(r, "", nil, 0))
	}
}

// score scores page r with its story and peers; every failure becomes the
// record's error row.
func (sc *scorer) score(r Rec, story string, peers []*features.Page, later int) Line {
	p, rec, err := decodePage(r)
	var row features.Row
	if err != nil {
		row = scan.ErrorRow(rec, err)
	} else {
		row = scan.Score(p, story, peers, later, sc.opt)
	}
	l, err := rowLine(r.Seq, row)
	if err != nil {
		l, _ = rowLine(r.Seq, scan.ErrorRow(rec, err))
	}
	return l
}

// clusterFn scores every member of one story against the others.
type clusterFn struct {
	// Model is the model file's JSON; nil means the default model.
	Model []byte
	sc    *scorer
}

func (f *clusterFn) Setup() error {
	sc, err := newScorer(f.Model)
	f.sc = sc
	return err
}

func (f *clusterFn) ProcessElement(story string, iter func(*Rec) bool, emit func(Line)) {
	var rs []Rec
	var r Rec
	for iter(&r) {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Seq < rs[j].Seq })
	pages := make([]*features.Page, len(rs))
	for i, r := range rs {
		p, rec, err := decodePage(r)
		if err != nil {
			// The bytes come from scan.EncodePage in stage 3.
			l, _ := rowLine(r.Seq, scan.ErrorRow(rec, err))
			emit(l)
			continue
		}
		pages[i] = p
	}
	for i, p := range pages {
		if p == nil {
			continue
		}
		// The first scan.DefaultMaxPeers other members in input order, as
		// spinscan score gives them.
		var peers []*features.Page
		later := 0
		for j, q := range pages {
			if len(peers) == scan.DefaultMaxPeers {
				break
			}
			if j != i && q != nil {
				peers = append(peers, q)
				if j > i {
					later++
				}
			}
		}
		row := scan.Score(p, story, peers, later, f.sc.opt)
		l, err := rowLine(rs[i].Seq, row)
		if err != nil {
			l, _ = rowLine(rs[i].Seq, scan.ErrorRow(features.Record{ID: p.ID, URL: p.URL}, err))
		}
		emit(l)
	}
}

// writeFn sorts all rows by input order and writes them to one file.
type writeFn struct {
	Output string
}

func (f *writeFn) ProcessElement(ctx context.Context, _ []byte, iter func(*Line) bool) error {
	var ls []Line
	var l Line
	for iter(&l) {
		ls = append(ls, l)
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i].Seq < ls[j].Seq })
	fs, err := filesystem.New(ctx, f.Output)
	if err != nil {
		return fmt.Errorf("pipeline: output %s: %w", f.Output, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, f.Output)
	if err != nil {
		return fmt.Errorf("pipeline: output %s: %w", f.Output, err)
	}
	if err := writeLines(w, ls); err != nil {
		w.Close()
		return fmt.Errorf("pipeline: output %s: %w", f.Output, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("pipeline: output %s: %w", f.Output, err)
	}
	return nil
}

func writeLines(w io.Writer, ls []Line) error {
	var b bytes.Buffer
	for _, l := range ls {
		b.WriteString(l.JSON)
		b.WriteByte('\n')
		if b.Len() > 1<<20 {
			if _, err := w.Write(b.Bytes()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}
