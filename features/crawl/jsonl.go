package crawl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spinscan/spinscan/features"
)

// lineReader reads lines of any length up to a cap.
type lineReader struct {
	br   *bufio.Reader
	max  int64
	buf  []byte
	line int
}

// next returns the next line without its line ending. A line longer than
// max is skipped and reported with its length in long; err is io.EOF at
// the end, or the stream's error.
func (l *lineReader) next() (line []byte, long int64, err error) {
	l.buf = l.buf[:0]
	var n int64
	for {
		frag, ferr := l.br.ReadSlice('\n')
		n += int64(len(frag))
		if n <= l.max+2 {
			l.buf = append(l.buf, frag...)
		}
		if ferr == bufio.ErrBufferFull {
			continue
		}
		if ferr != nil && (ferr != io.EOF || n == 0) {
			return nil, 0, ferr
		}
		break
	}
	l.line++
	if l.line == 1 {
		l.buf = bytes.TrimPrefix(l.buf, bom)
	}
	line = bytes.TrimRight(l.buf, "\r\n")
	if n > l.max+2 || int64(len(line)) > l.max {
		return nil, n, nil
	}
	return line, 0, nil
}

// jsonPage is one JSONL line.
type jsonPage struct {
	ID          json.RawMessage `json:"id"`
	URL         string          `json:"url"`
	HTML        *string         `json:"html"`
	Text        *string         `json:"text"`
	Date        string          `json:"date"`
	ContentType string          `json:"content_type"`
}

// jsonID returns a JSON id (a string or a number) as text, "" when absent.
func jsonID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("id must be a string or a number, not %s", raw)
	}
	return n.String(), nil
}

func readJSONL(e *emitter, name string, in *input, opt Options) error {
	lr := &lineReader{br: in.br, max: opt.maxRecord()}
	emitted := 0
	for {
		if err := e.ctx.Err(); err != nil {
			return errStop{err}
		}
		line, long, err := lr.next()
		if err != nil {
			if err == io.EOF {
				break
			}
			// The stream broke: gzip damage, a bomb, an I/O error.
			lineID := name + ":" + strconv.Itoa(lr.line+1)
			if errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, ErrGzip) {
				err = fmt.Errorf("%w: %w", ErrTruncated, err)
			}
			emitted++
			return e.fail(lineID, fmt.Errorf("jsonl %s line %d: %w", name, lr.line+1, err))
		}
		lineID := name + ":" + strconv.Itoa(lr.line)
		if long > 0 {
			emitted++
			err := fmt.Errorf("jsonl %s line %d: %w: record is %s, over the %s limit", name, lr.line, ErrTooLarge, size(long), size(opt.maxRecord()))
			if ferr := e.fail(lineID, err); ferr != nil {
				return ferr
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		emitted++
		rec := jsonRecord(name, lr.line, lineID, line)
		if err := e.send(rec); err != nil {
			return err
		}
	}
	if emitted == 0 {
		return e.fail(name, fmt.Errorf("jsonl %s: no records", name))
	}
	return nil
}

// jsonRecord decodes one JSONL line into a record.
func jsonRecord(name string, n int, lineID string, line []byte) features.Record {
	fail := func(id string, err error) features.Record {
		return features.Record{ID: id, Err: fmt.Errorf("jsonl %s line %d: %w", name, n, err)}
	}
	var p jsonPage
	if err := json.Unmarshal(line, &p); err != nil {
		return fail(lineID, err)
	}
	id, err := jsonID(p.ID)
	if err != nil {
		return fail(lineID, err)
	}
	if id == "" {
		id = lineID
	}
	rec := features.Record{ID: id, URL: p.URL, Date: p.Date, ContentType: p.ContentType}
	switch {
	case p.HTML != nil && p.Text != nil:
		return fail(id, errors.New(`has both "html" and "text"`))
	case p.HTML != nil:
		rec.Kind, rec.Body = features.KindHTML, []byte(*p.HTML)
	case p.Text != nil:
		rec.Kind, rec.Body = features.KindText, []byte(*p.Text)
	default:
		return fail(id, errors.New(`has neither "html" nor "text"`))
	}
	return rec
}
