package crawl

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spinscan/spinscan/features"
)

const (
	maxWARCHeader = 1 << 20  // a WARC record header longer than this is an error
	httpPeek      = 64 << 10 // what is read of an oversized record to find its type
)

// errEndFile ends the reading of one WARC file (after its error record).
var errEndFile = errors.New("end of file")

// warcReader reads the records of one WARC stream.
type warcReader struct {
	e    *emitter
	name string
	in   *input
	opt  Options
	// br is the stream being parsed: in.br, or in.br behind pushed-back
	// bytes (pb) after a record whose Content-Length overran.
	br  *bufio.Reader
	pb  *bytes.Reader
	pos int64 // offset in the decompressed stream of the next byte of br

	emitted  int
	nonPages map[string]int
}

func readWARC(e *emitter, name string, in *input, opt Options) error {
	w := &warcReader{e: e, name: name, in: in, opt: opt, br: in.br, nonPages: map[string]int{}}
	err := w.run()
	if err != nil && err != errEndFile {
		return err
	}
	if w.emitted == 0 {
		return w.send(features.Record{ID: name, Err: fmt.Errorf("warc %s: no HTML or text pages%s", name, w.nonPageSummary())})
	}
	return nil
}

func (w *warcReader) nonPageSummary() string {
	if len(w.nonPages) == 0 {
		return ""
	}
	var kinds []string
	n := 0
	for k, c := range w.nonPages {
		kinds = append(kinds, fmt.Sprintf("%d %s", c, k))
		n += c
	}
	sort.Strings(kinds)
	return fmt.Sprintf(" among %d records (%s)", n, strings.Join(kinds, ", "))
}

func (w *warcReader) send(rec features.Record) error {
	w.emitted++
	return w.e.send(rec)
}

func (w *warcReader) fail(id string, err error) error {
	return w.send(features.Record{ID: id, Err: fmt.Errorf("warc %s: %w", id, err)})
}

func (w *warcReader) nonPage(what string) {
	w.nonPages[what]++
	w.e.stats.NonPages++
}

// id names the record that starts at decompressed offset pos.
func (w *warcReader) id(pos int64) string {
	if w.in.gz != nil {
		if comp, ok := w.in.gz.memberAt(pos); ok {
			return w.name + "#" + strconv.FormatInt(comp, 10)
		}
	}
	return w.name + "#" + strconv.FormatInt(pos, 10)
}

// readLine reads one line, keeping at most max bytes of it.
func (w *warcReader) readLine(max int) ([]byte, error) {
	var line []byte
	for {
		frag, err := w.br.ReadSlice('\n')
		w.pos += int64(len(frag))
		if room := max - len(line); room > 0 {
			line = append(line, frag[:min(room, len(frag))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return line, err
	}
}

// readN reads exactly n bytes, or what there is before the stream ends.
func (w *warcReader) readN(n int64) ([]byte, error) {
	var b []byte
	var err error
	if n <= 1<<20 {
		b = make([]byte, n)
		var k int
		k, err = io.ReadFull(w.br, b)
		b = b[:k]
	} else {
		b, err = io.ReadAll(io.LimitReader(w.br, n))
		if err == nil && int64(len(b)) < n {
			err = io.ErrUnexpectedEOF
		}
	}
	w.pos += int64(len(b))
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return b, err
}

func (w *warcReader) discard(n int64) (int64, error) {
	var done int64
	for done < n {
		k, err := w.br.Discard(int(min(n-done, 1<<30)))
		done += int64(k)
		w.pos += int64(k)
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return done, err
		}
	}
	return done, nil
}

// pushback makes b, which starts at decompressed offset at, the next bytes
// to parse.
func (w *warcReader) pushback(b []byte, at int64) {
	buf := append([]byte(nil), b...)
	ahead, _ := w.br.Peek(w.br.Buffered())
	buf = append(buf, ahead...)
	if w.br == w.in.br {
		// These bytes now live in buf only.
		w.br.Discard(len(ahead))
	}
	if w.pb != nil {
		rest, _ := io.ReadAll(w.pb)
		buf = append(buf, rest...)
	}
	w.pb = bytes.NewReader(buf)
	w.br = bufio.NewReaderSize(io.MultiReader(w.pb, w.in.br), 64<<10)
	w.pos = at
}

// streamErr turns an error of the underlying stream into the error of the
// record at id, saying what was being read.
func streamErr(err error, what string) error {
	switch {
	case errors.Is(err, ErrGzip), errors.Is(err, ErrDecompressedLimit):
		return fmt.Errorf("%s: %w", what, err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the input ends inside the %s", ErrTruncated, what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func blank(line []byte) bool {
	return len(bytes.TrimRight(line, "\r\n")) == 0
}

// run parses records until the stream ends.
func (w *warcReader) run() error {
	for {
		if err := w.e.ctx.Err(); err != nil {
			return errStop{err}
		}
		start := w.pos
		line, err := w.readLine(64)
		if len(line) == 0 && err != nil {
			if err == io.EOF {
				return nil
			}
			if ferr := w.fail(w.id(start), streamErr(err, "record header")); ferr != nil {
				return ferr
			}
			return errEndFile
		}
		if blank(line) {
			if err == nil {
				continue
			}
			if err == io.EOF {
				return nil
			}
			if ferr := w.fail(w.id(start), streamErr(err, "stream")); ferr != nil {
				return ferr
			}
			return errEndFile
		}
		if !bytes.HasPrefix(line, []byte("WARC/")) {
			if ferr := w.fail(w.id(start), fmt.Errorf("not a WARC record header: %q", bytes.TrimRight(line, "\r\n"))); ferr != nil {
				return ferr
			}
			if err := w.resync(); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			if ferr := w.fail(w.id(start), streamErr(err, "record header")); ferr != nil {
				return ferr
			}
			return errEndFile
		}
		if err := w.record(start); err != nil {
			return err
		}
	}
}

// resync skips to the next line that starts with "WARC/" and pushes it
// back; it returns errEndFile when the stream ends first.
func (w *warcReader) resync() error {
	for {
		start := w.pos
		line, err := w.readLine(256)
		if bytes.HasPrefix(line, []byte("WARC/")) {
			w.pushback(line, start)
			return nil
		}
		if err != nil {
			if err == io.EOF {
				return errEndFile
			}
			if ferr := w.fail(w.id(start), streamErr(err, "stream")); ferr != nil {
				return ferr
			}
			return errEndFile
		}
	}
}

// record reads the record whose "WARC/" line started at start and has been
// read.
func (w *warcReader) record(start int64) error {
	id := w.id(start)
	var hdr []byte
	for {
		line, err := w.readLine(maxWARCHeader)
		hdr = append(hdr, line...)
		if err != nil {
			if ferr := w.fail(id, streamErr(err, "record header")); ferr != nil {
				return ferr
			}
			return errEndFile
		}
		if blank(line) {
			break
		}
		if len(hdr) > maxWARCHeader {
			if ferr := w.fail(id, fmt.Errorf("record header over %s", size(maxWARCHeader))); ferr != nil {
				return ferr
			}
			return w.resync()
		}
	}
	h, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(hdr))).ReadMIMEHeader()
	if err != nil {
		if ferr := w.fail(id, fmt.Errorf("bad record header: %w", err)); ferr != nil {
			return ferr
		}
		return w.resync()
	}
	clText := h.Get("Content-Length")
	cl, err := strconv.ParseInt(strings.TrimSpace(clText), 10, 64)
	if err != nil || cl < 0 {
		if ferr := w.fail(id, fmt.Errorf("bad Content-Length %q", clText)); ferr != nil {
			return ferr
		}
		return w.resync()
	}
	typ := strings.ToLower(strings.TrimSpace(h.Get("WARC-Type")))
	candidate := typ == "response" || typ == "resource" || typ == "conversion"
	if !candidate || cl > w.opt.maxRecord() {
		return w.skipBlock(id, h, typ, cl, candidate)
	}
	blockStart := w.pos
	block, err := w.readN(cl)
	if err != nil {
		if p := nextHeader(block); p >= 0 && !errors.Is(err, ErrGzip) && !errors.Is(err, ErrDecompressedLimit) {
			if ferr := w.fail(id, fmt.Errorf("%w: Content-Length %d overruns the record (next record at +%d)", ErrBadLength, cl, p)); ferr != nil {
				return ferr
			}
			w.pushback(block[p:], blockStart+int64(p))
			return nil
		}
		if ferr := w.fail(id, streamErr(err, fmt.Sprintf("record (Content-Length %d, %d bytes present)", cl, len(block)))); ferr != nil {
			return ferr
		}
		return errEndFile
	}
	if !w.endsRecord() {
		p := nextHeader(block)
		err := fmt.Errorf("%w: Content-Length %d is followed by %q", ErrBadLength, cl, w.peekShort())
		if p >= 0 {
			err = fmt.Errorf("%w: Content-Length %d overruns the record (next record at +%d)", ErrBadLength, cl, p)
		}
		if ferr := w.fail(id, err); ferr != nil {
			return ferr
		}
		if p >= 0 {
			w.pushback(block[p:], blockStart+int64(p))
			return nil
		}
		return w.resync()
	}
	rec, page := w.page(id, h, typ, block)
	if !page {
		return nil
	}
	return w.send(rec)
}

// skipBlock passes over a record that is not a page, or is too large to
// read; an oversized page gives an error record.
func (w *warcReader) skipBlock(id string, h textproto.MIMEHeader, typ string, cl int64, candidate bool) error {
	var done int64
	page := false
	if candidate {
		prefix, err := w.readN(min(cl, httpPeek))
		done = int64(len(prefix))
		if err == nil || len(prefix) > 0 {
			_, page = w.pageType(h, typ, prefix)
		}
		if page {
			err := fmt.Errorf("%w: record is %s, over the %s limit", ErrTooLarge, size(cl), size(w.opt.maxRecord()))
			if ferr := w.fail(id, err); ferr != nil {
				return ferr
			}
		}
	}
	if !page {
		if typ == "" {
			typ = "untyped"
		}
		w.nonPage(typ)
	}
	n, err := w.discard(cl - done)
	if err != nil {
		if page {
			return errEndFile
		}
		if ferr := w.fail(id, streamErr(err, fmt.Sprintf("%s record (Content-Length %d, %d bytes present)", typ, cl, done+n))); ferr != nil {
			return ferr
		}
		return errEndFile
	}
	if !w.endsRecord() {
		if !page {
			err := fmt.Errorf("%w: Content-Length %d of %s record is followed by %q", ErrBadLength, cl, typ, w.peekShort())
			if ferr := w.fail(id, err); ferr != nil {
				return ferr
			}
		}
		return w.resync()
	}
	return nil
}

// endsRecord reports whether the stream is at the end of a record: the
// line breaks that close it (a few more or fewer than the standard two
// CRLFs are tolerated), then the next record or the end of the stream.
func (w *warcReader) endsRecord() bool {
	b, err := w.br.Peek(32)
	rest := bytes.TrimLeft(b, "\r\n")
	switch {
	case len(rest) == 0:
		return err != nil || len(b) == 32
	case len(rest) >= 5:
		return bytes.HasPrefix(rest, []byte("WARC/"))
	}
	return err != nil && bytes.HasPrefix([]byte("WARC/"), rest)
}

func (w *warcReader) peekShort() string {
	b, _ := w.br.Peek(16)
	return string(b)
}

// nextHeader finds the start of a WARC record header inside block, or -1.
func nextHeader(block []byte) int {
	if i := bytes.Index(block, []byte("\nWARC/1.")); i >= 0 {
		return i + 1
	}
	return -1
}

// pageType decides from a record's header and the start of its block
// whether it is a page, and of which kind.
func (w *warcReader) pageType(h textproto.MIMEHeader, typ string, block []byte) (features.Kind, bool) {
	switch typ {
	case "resource", "conversion":
		return pageKind(h.Get("Content-Type"), block)
	case "response":
		if !isHTTP(h, block) {
			return 0, false
		}
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
		if err != nil {
			return 0, false
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return 0, false
		}
		return pageKind(resp.Header.Get("Content-Type"), nil)
	}
	return 0, false
}

func isHTTP(h textproto.MIMEHeader, block []byte) bool {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return mt == "application/http" || bytes.HasPrefix(block, []byte("HTTP/"))
}

// page turns a complete record block into a record; page is false when the
// record is not a page.
func (w *warcReader) page(id string, h textproto.MIMEHeader, typ string, block []byte) (rec features.Record, page bool) {
	rec = features.Record{
		ID:  id,
		URL: strings.Trim(strings.TrimSpace(h.Get("WARC-Target-URI")), "<>"),
	}
	if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(h.Get("WARC-Date"))); err == nil {
		rec.Fetched = t
	}
	fail := func(err error) (features.Record, bool) {
		rec.Err = fmt.Errorf("warc %s: %w", id, err)
		return rec, true
	}
	if typ != "response" {
		kind, ok := pageKind(h.Get("Content-Type"), block)
		if !ok {
			w.nonPage(typ + " (not HTML or text)")
			return rec, false
		}
		rec.Kind, rec.Body, rec.ContentType = kind, block, h.Get("Content-Type")
		return rec, true
	}
	if !isHTTP(h, block) {
		w.nonPage("response (not HTTP)")
		return rec, false
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = fmt.Errorf("%w: the record ends inside the HTTP header", ErrTruncated)
		}
		return fail(fmt.Errorf("http: %w", err))
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		w.nonPage(fmt.Sprintf("response (HTTP %d)", resp.StatusCode))
		return rec, false
	}
	rec.ContentType = resp.Header.Get("Content-Type")
	if rec.ContentType != "" {
		if _, ok := pageKind(rec.ContentType, nil); !ok {
			w.nonPage("response (not HTML or text)")
			return rec, false
		}
	}
	body, err := readBody(resp.Body, w.opt.maxRecord(), len(block))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("%w: HTTP body shorter than its Content-Length %d", ErrTruncated, resp.ContentLength)
		}
		return fail(fmt.Errorf("http body: %w", err))
	}
	body, err = decodeContent(resp.Header.Get("Content-Encoding"), body, w.opt.maxRecord())
	if err != nil {
		return fail(err)
	}
	kind, ok := pageKind(rec.ContentType, body)
	if !ok {
		w.nonPage("response (not HTML or text)")
		return rec, false
	}
	rec.Kind, rec.Body = kind, body
	return rec, true
}

// decodeContent undoes an HTTP content-encoding. A body that is already
// decoded (crawlers often store it so) is returned as is.
func decodeContent(enc string, body []byte, max int64) ([]byte, error) {
	enc = strings.ToLower(strings.TrimSpace(enc))
	var r io.ReadCloser
	var err error
	switch enc {
	case "", "identity", "none":
		return body, nil
	case "gzip", "x-gzip":
		if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
			return body, nil
		}
		var zr *gzip.Reader
		zr, err = gzip.NewReader(bytes.NewReader(body))
		if err == nil {
			zr.Multistream(false) // ignore what follows the first member
			r = zr
		}
	case "deflate":
		if _, bin := sniffBinary(body); !bin {
			return body, nil
		}
		r, err = zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			r, err = flate.NewReader(bytes.NewReader(body)), nil
		}
	default:
		if _, bin := sniffBinary(body); !bin {
			return body, nil
		}
		return nil, fmt.Errorf("content-encoding %q is not supported", enc)
	}
	if err != nil {
		return nil, fmt.Errorf("content-encoding %s: %w", enc, err)
	}
	defer r.Close()
	out, err := readBody(r, max, 0)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("%w: compressed body is cut", ErrTruncated)
		}
		return nil, fmt.Errorf("content-encoding %s: %w", enc, err)
	}
	return out, nil
}
