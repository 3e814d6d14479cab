package crawl

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/spinscan/spinscan/features"
)

// Errors that a record's Err may wrap; test them with errors.Is.
var (
	// ErrTooLarge marks a record whose body is over Options.MaxRecordBytes.
	ErrTooLarge = errors.New("record too large")
	// ErrTruncated marks a record that the input ends inside.
	ErrTruncated = errors.New("truncated record")
	// ErrBadLength marks a WARC record whose Content-Length does not end at
	// a record boundary.
	ErrBadLength = errors.New("content-length does not end the record")
	// ErrGzip marks a gzip stream that is corrupt or cut.
	ErrGzip = errors.New("bad gzip stream")
	// ErrDecompressedLimit marks an input that decompresses past
	// Options.MaxDecompressed (a gzip bomb guard).
	ErrDecompressedLimit = errors.New("decompressed size over limit")
	// ErrBinary marks a page whose content is binary, not HTML or text.
	ErrBinary = errors.New("binary content")
)

const (
	defaultMaxRecord       = 64 << 20
	defaultMaxDecompressed = 4 << 30
	sniffLen               = 512
)

func (o Options) maxRecord() int64 {
	if o.MaxRecordBytes > 0 {
		return o.MaxRecordBytes
	}
	return defaultMaxRecord
}

func (o Options) maxDecompressed() int64 {
	if o.MaxDecompressed > 0 {
		return o.MaxDecompressed
	}
	return defaultMaxDecompressed
}

// size formats a byte count for messages.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// countingReader counts the bytes taken from br. It implements
// io.ByteReader so that compress/gzip reads no further than the end of a
// member, which makes the count the exact compressed offset.
type countingReader struct {
	br *bufio.Reader
	n  int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.br.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// member is the start of one gzip member: its offset in the compressed
// file and in the decompressed stream.
type member struct {
	comp, decomp int64
}

// gzipStream decompresses a multi-member gzip file member by member,
// recording where each member starts and refusing to produce more than
// limit bytes from one member. The limit is per member, not per file: a
// Common Crawl WARC file (one member per record, about 1 GB compressed)
// decompresses to about 5 GB, while a gzip bomb is one member that
// expands without end.
type gzipStream struct {
	cr       *countingReader
	zr       *gzip.Reader
	inMember bool
	out      int64 // decompressed bytes so far
	inOut    int64 // of them, from the current member
	limit    int64
	members  []member
	err      error
}

func newGzipStream(r *bufio.Reader, limit int64) *gzipStream {
	return &gzipStream{cr: &countingReader{br: r}, limit: limit}
}

func (g *gzipStream) Read(p []byte) (int, error) {
	for {
		if g.err != nil {
			return 0, g.err
		}
		if !g.inMember {
			if _, err := g.cr.br.Peek(1); err != nil {
				if err == io.EOF {
					g.err = io.EOF
				} else {
					g.err = err
				}
				return 0, g.err
			}
			start := g.cr.n
			var err error
			if g.zr == nil {
				g.zr, err = gzip.NewReader(g.cr)
			} else {
				err = g.zr.Reset(g.cr)
			}
			if err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				g.err = fmt.Errorf("%w at compressed offset %d: %w", ErrGzip, start, err)
				return 0, g.err
			}
			g.zr.Multistream(false)
			g.inMember = true
			g.inOut = 0
			g.members = append(g.members, member{comp: start, decomp: g.out})
		}
		if len(p) == 0 {
			return 0, nil
		}
		n, err := g.zr.Read(p)
		if g.inOut+int64(n) > g.limit {
			n = int(g.limit - g.inOut)
			g.out += int64(n)
			g.err = fmt.Errorf("%w: a gzip member decompresses to more than %s", ErrDecompressedLimit, size(g.limit))
			return n, nil
		}
		g.out += int64(n)
		g.inOut += int64(n)
		switch {
		case err == io.EOF:
			g.inMember = false
			if n > 0 {
				return n, nil
			}
		case err != nil:
			g.err = fmt.Errorf("%w at compressed offset %d: %w", ErrGzip, g.cr.n, err)
			return n, nil
		default:
			return n, nil
		}
	}
}

// memberAt reports the compressed offset of the gzip member that starts at
// decompressed offset pos, forgetting members before pos.
func (g *gzipStream) memberAt(pos int64) (int64, bool) {
	i := 0
	for i < len(g.members) && g.members[i].decomp < pos {
		i++
	}
	g.members = g.members[i:]
	if len(g.members) > 0 && g.members[0].decomp == pos {
		return g.members[0].comp, true
	}
	return 0, false
}

// input is one opened input stream: the decompressed bytes behind a
// buffered reader, and the gzip stream when the input is compressed.
type input struct {
	br *bufio.Reader
	gz *gzipStream
}

// open sniffs the gzip magic and returns the decompressed stream.
func open(r io.Reader, opt Options) *input {
	raw := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := raw.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz := newGzipStream(raw, opt.maxDecompressed())
		return &input{br: bufio.NewReaderSize(gz, 64<<10), gz: gz}
	}
	return &input{br: raw}
}

// head returns up to sniffLen bytes from the start of the stream without
// consuming them.
func (in *input) head() []byte {
	b, _ := in.br.Peek(sniffLen)
	return b
}

// format is what a file holds.
type format int

const (
	formatSkip format = iota
	formatHTML
	formatText
	formatWARC
	formatJSONL
)

// baseExt returns the lower-case extension of name, ignoring a trailing
// ".gz".
func baseExt(name string) string {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	return path.Ext(name)
}

var bom = []byte("\xef\xbb\xbf")

// strongHTML reports whether head clearly starts an HTML document.
func strongHTML(head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n\f")
	if len(h) > 64 {
		h = h[:64]
	}
	h = bytes.ToLower(h)
	return bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html"))
}

func isWARC(head []byte) bool {
	return bytes.HasPrefix(head, []byte("WARC/"))
}

// jsonObjectLine reports whether head starts with a JSON object line.
func jsonObjectLine(head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	return len(h) > 0 && h[0] == '{' && bytes.Contains(h, []byte(`":`))
}

// classify decides the format of a file from its name and first bytes.
// direct is true for a file named as an input, which is always read.
func classify(name string, head []byte, direct bool) format {
	switch baseExt(name) {
	case ".warc":
		return formatWARC
	case ".jsonl", ".ndjson":
		return formatJSONL
	case ".html", ".htm", ".xhtml", ".shtml":
		if isWARC(head) {
			return formatWARC
		}
		return formatHTML
	case ".txt":
		if isWARC(head) {
			return formatWARC
		}
		if strongHTML(head) {
			return formatHTML
		}
		return formatText
	}
	switch {
	case isWARC(head):
		return formatWARC
	case strongHTML(head):
		return formatHTML
	case !direct:
		return formatSkip
	case jsonObjectLine(head):
		return formatJSONL
	}
	if strings.HasPrefix(http.DetectContentType(head), "text/html") {
		return formatHTML
	}
	return formatText
}

// binary returns the sniffed content type when head is not text.
func sniffBinary(head []byte) (string, bool) {
	ct := http.DetectContentType(head)
	if strings.HasPrefix(ct, "text/") {
		return "", false
	}
	return ct, true
}

// pageKind maps a content type to a record kind; ok is false when the type
// is not a page.
func pageKind(contentType string, body []byte) (features.Kind, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if contentType == "" || err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	}
	if mt == "" {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return features.KindHTML, true
	case "text/plain":
		return features.KindText, true
	}
	return 0, false
}

// readBody reads a whole page body from r, at most max bytes. hint, when
// positive, is the body's expected size (a WARC response's body is
// usually shorter than its record block): reading into a buffer of that
// size spares the copies io.ReadAll makes as it grows. A wrong hint costs
// only speed.
func readBody(r io.Reader, max int64, hint int) ([]byte, error) {
	r = io.LimitReader(r, max+1)
	var b []byte
	var err error
	if hint > 0 && int64(hint) <= max {
		buf := bytes.NewBuffer(make([]byte, 0, hint+bytes.MinRead))
		_, err = buf.ReadFrom(r)
		b = buf.Bytes()
	} else {
		b, err = io.ReadAll(r)
	}
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: decompresses to more than the %s limit", ErrTooLarge, size(max))
	}
	return b, nil
}
