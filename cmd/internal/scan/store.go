package scan

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/spinscan/spinscan/features"
)

// store keeps compressed blobs in memory until budget bytes are used and
// appends the rest to a temporary file (the spill file), removed by close.
// It is safe for concurrent use.
type store struct {
	budget int64

	mu   sync.Mutex
	mem  [][]byte
	used int64
	dir  string
	f    *os.File
	off  int64
	// spilled counts the bytes written to the spill file.
	spilled int64

	zw sync.Pool // *flate.Writer
}

// ref locates one blob in a store.
type ref struct {
	off  int64 // index in mem, or offset in the spill file
	n    int32 // compressed length
	disk bool
}

func newStore(budget int64) *store {
	return &store{budget: budget}
}

// put compresses b and stores it.
func (s *store) put(b []byte) (ref, error) {
	var buf bytes.Buffer
	zw, _ := s.zw.Get().(*flate.Writer)
	if zw == nil {
		zw, _ = flate.NewWriter(&buf, flate.BestSpeed)
	} else {
		zw.Reset(&buf)
	}
	zw.Write(b)
	zw.Close()
	s.zw.Put(zw)
	// An exact-size copy: the buffer's spare capacity (up to half of it)
	// would otherwise stay allocated for the whole run.
	z := bytes.Clone(buf.Bytes())

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used+int64(len(z)) <= s.budget {
		s.mem = append(s.mem, z)
		s.used += int64(len(z))
		return ref{off: int64(len(s.mem) - 1), n: int32(len(z))}, nil
	}
	if s.f == nil {
		dir, err := os.MkdirTemp("", "spinscan-spill-")
		if err != nil {
			return ref{}, fmt.Errorf("spill store: %w", err)
		}
		f, err := os.CreateTemp(dir, "pages-*.bin")
		if err != nil {
			os.RemoveAll(dir)
			return ref{}, fmt.Errorf("spill store: %w", err)
		}
		s.dir, s.f = dir, f
	}
	if _, err := s.f.Write(z); err != nil {
		return ref{}, fmt.Errorf("spill store: %w", err)
	}
	r := ref{off: s.off, n: int32(len(z)), disk: true}
	s.off += int64(len(z))
	s.spilled += int64(len(z))
	return r, nil
}

// get returns the decompressed blob at r.
func (s *store) get(r ref) ([]byte, error) {
	var z []byte
	if r.disk {
		z = make([]byte, r.n)
		s.mu.Lock()
		f := s.f
		s.mu.Unlock()
		if _, err := f.ReadAt(z, r.off); err != nil {
			return nil, fmt.Errorf("spill store: %w", err)
		}
	} else {
		s.mu.Lock()
		z = s.mem[r.off]
		s.mu.Unlock()
	}
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		return nil, fmt.Errorf("spill store: %w", err)
	}
	return out, nil
}

// close drops the blobs and removes the spill file.
func (s *store) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mem = nil
	if s.f != nil {
		s.f.Close()
		os.RemoveAll(s.dir)
		s.f = nil
	}
}

// Two blobs are kept per page: the peer view (what the families read from
// a page's peers: ids, language, title, text, paragraphs, sentences, dates
// and comment times) and the rest of the page (visible text, chrome,
// comment text and bodies, and the markup findings), so that a peer is
// decoded without the parts only its own scoring reads.

// EncodePage encodes the whole of p, both blobs, for scoring elsewhere:
// the Beam pipeline carries extracted pages between its stages in this
// form, so that no page is extracted twice. DecodePage reverses it.
func EncodePage(p *features.Page) []byte {
	peer := encodePeer(p)
	b := binary.AppendUvarint(nil, uint64(len(peer)))
	b = append(b, peer...)
	return append(b, encodeRest(p)...)
}

// DecodePage decodes a page EncodePage encoded.
func DecodePage(b []byte) (*features.Page, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, errors.New("scan: page encoding: truncated")
	}
	p, err := decodePeer(b[k : k+int(n)])
	if err != nil {
		return nil, err
	}
	if err := decodeRest(p, b[k+int(n):]); err != nil {
		return nil, err
	}
	return p, nil
}

// encodePeer encodes the peer view of p.
func encodePeer(p *features.Page) []byte {
	var e enc
	e.str(p.ID)
	e.str(p.URL)
	e.str(p.Domain)
	e.uvarint(uint64(p.Kind))
	e.str(p.Title)
	e.str(p.Lang)
	e.str(p.Text)
	e.strs(p.Paragraphs)
	e.strs(p.Sentences)
	e.time(p.Published)
	e.times(p.Claimed)
	e.time(p.Fetched)
	e.uvarint(uint64(len(p.Comments)))
	for _, c := range p.Comments {
		e.str(c.Author)
		e.time(c.Time)
	}
	return e.b
}

// decodePeer decodes a peer view (comments carry author and time only).
func decodePeer(b []byte) (*features.Page, error) {
	d := dec{b: b}
	p := &features.Page{}
	p.ID = d.str()
	p.URL = d.str()
	p.Domain = d.str()
	p.Kind = features.Kind(d.uvarint())
	p.Title = d.str()
	p.Lang = d.str()
	p.Text = d.str()
	p.Paragraphs = d.strs()
	p.Sentences = d.strs()
	p.Published = d.time()
	p.Claimed = d.times()
	p.Fetched = d.time()
	if n := d.count(); n > 0 {
		p.Comments = make([]features.Comment, n)
		for i := range p.Comments {
			p.Comments[i].Author = d.str()
			p.Comments[i].Time = d.time()
		}
	}
	return p, d.err
}

// encodeRest encodes what the peer view leaves out: the visible text,
// chrome, comment texts and the markup findings.
func encodeRest(p *features.Page) []byte {
	var e enc
	e.str(p.Raw)
	e.strs(p.Chrome)
	e.str(p.CommentText)
	e.uvarint(uint64(len(p.Comments)))
	for _, c := range p.Comments {
		e.str(c.Text)
	}
	m := &p.Markup
	e.uvarint(uint64(len(m.Dates)))
	for _, d := range m.Dates {
		e.str(d.Source)
		e.time(d.Time)
		e.str(d.Text)
	}
	e.uvarint(uint64(len(m.FAQ)))
	for _, q := range m.FAQ {
		e.str(q.Question)
		e.str(q.Answer)
	}
	e.uvarint(uint64(m.Details))
	v := &p.DateVote
	if !v.Done {
		e.uvarint(0)
		return e.b
	}
	e.uvarint(1)
	e.time(v.Published)
	e.times(v.Claims)
	e.str(v.Where)
	return e.b
}

// decodeRest completes peer view p (a fresh copy) into the whole page.
func decodeRest(p *features.Page, b []byte) error {
	d := dec{b: b}
	p.Raw = d.str()
	p.Chrome = d.strs()
	p.CommentText = d.str()
	if n := d.count(); n != len(p.Comments) {
		return errors.New("spill store: comment count mismatch")
	}
	for i := range p.Comments {
		p.Comments[i].Text = d.str()
	}
	m := &p.Markup
	if n := d.count(); n > 0 {
		m.Dates = make([]features.MarkupDate, n)
		for i := range m.Dates {
			m.Dates[i] = features.MarkupDate{Source: d.str(), Time: d.time(), Text: d.str()}
		}
	}
	if n := d.count(); n > 0 {
		m.FAQ = make([]features.QA, n)
		for i := range m.FAQ {
			m.FAQ[i] = features.QA{Question: d.str(), Answer: d.str()}
		}
	}
	m.Details = int(d.uvarint())
	if d.uvarint() == 1 {
		v := &p.DateVote
		v.Done = true
		v.Published = d.time()
		v.Claims = d.times()
		v.Where = d.str()
	}
	return d.err
}

type enc struct{ b []byte }

func (e *enc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *enc) strs(ss []string) {
	if ss == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(ss)) + 1)
	for _, s := range ss {
		e.str(s)
	}
}
func (e *enc) time(t time.Time) {
	b, err := t.MarshalBinary()
	if err != nil { // a zone offset MarshalBinary cannot hold: keep UTC
		b, _ = t.UTC().MarshalBinary()
	}
	e.b = append(e.b, byte(len(b)))
	e.b = append(e.b, b...)
}

// times encodes a list of times (nil and empty alike).
func (e *enc) times(ts []time.Time) {
	e.uvarint(uint64(len(ts)))
	for _, t := range ts {
		e.time(t)
	}
}

type dec struct {
	b   []byte
	err error
}

var errShort = errors.New("spill store: truncated blob")

func (d *dec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = errShort
	}
	d.b = nil
}

func (d *dec) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *dec) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) strs() []string {
	n := d.uvarint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	out := make([]string, n-1)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *dec) time() time.Time {
	if len(d.b) == 0 {
		d.fail()
		return time.Time{}
	}
	n := int(d.b[0])
	if n+1 > len(d.b) {
		d.fail()
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalBinary(d.b[1 : n+1]); err != nil && d.err == nil {
		d.err = err
	}
	d.b = d.b[n+1:]
	return t
}

// times decodes a list of times; nil when empty.
func (d *dec) times() []time.Time {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]time.Time, n)
	for i := range out {
		out[i] = d.time()
	}
	return out
}

// encodeGrams encodes a long page's sorted 8-gram fingerprints
// (cluster.SignAll) as varint deltas.
func encodeGrams(fps []uint32) []byte {
	var e enc
	e.uvarint(uint64(len(fps)))
	prev := uint32(0)
	for _, fp := range fps {
		e.uvarint(uint64(fp - prev))
		prev = fp
	}
	return e.b
}

// decodeGrams decodes encodeGrams's blob.
func decodeGrams(b []byte) ([]uint32, error) {
	d := dec{b: b}
	n := d.count()
	fps := make([]uint32, 0, n)
	prev := uint32(0)
	for range n {
		prev += uint32(d.uvarint())
		fps = append(fps, prev)
	}
	return fps, d.err
}
