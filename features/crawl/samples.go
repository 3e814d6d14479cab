package crawl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/spinscan/spinscan/features"
)

// Sample is one labeled sample of a samples file: a record with its gold
// fields.
type Sample struct {
	// Record is the page; its Err is set when the sample line or the file
	// it names could not be read.
	Record features.Record
	// Label is one of features.Labels, or "" for a null label (a page that
	// belongs to the crawl but is not scored).
	Label string
	// SourceID is the id of the gold source page, if any.
	SourceID string
	// Group is the root of the source chain (keeps a story in one
	// cross-validation fold).
	Group string
	// Granularity is "document", "passage" or "sentence" ("" if absent).
	Granularity string
	// Lang is the declared language of the sample ("" if absent).
	Lang string
	// Crawl names the crawl the sample belongs to ("" for the default
	// one): samples of different crawls are scored apart and never see
	// each other as peers (e.g. a view of a story without its foreign
	// source, next to the view that has it).
	Crawl string
}

// sampleLine is one line of a samples file.
type sampleLine struct {
	ID          json.RawMessage `json:"id"`
	Label       *string         `json:"label"`
	Path        *string         `json:"path"`
	Text        *string         `json:"text"`
	HTML        *string         `json:"html"`
	URL         string          `json:"url"`
	Date        string          `json:"date"`
	SourceID    string          `json:"source_id"`
	Group       string          `json:"group"`
	Granularity string          `json:"granularity"`
	Lang        string          `json:"lang"`
	Crawl       string          `json:"crawl"`
}

// ReadSamples reads a labeled samples JSONL file (gzip allowed): one
// object a line with id, label (original|reprint|spun|translated or null),
// exactly one of path (relative to the samples file; gzip allowed), text
// (a KindText record) or html (a KindHTML record), and optional url, date,
// source_id, group, granularity, lang and crawl. A path is read as a page of the
// kind its name and content say. A line that cannot be used (bad JSON, an
// unknown label, a missing file) gives a sample whose Record.Err says why,
// with the id "<file>:<line>" when the line has none; blank lines are
// skipped. ReadSamples returns an error only when the samples file itself
// cannot be read.
func ReadSamples(path string, opt Options) ([]Sample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("crawl: samples: %w", err)
	}
	defer f.Close()
	dir := filepath.Dir(path)
	lr := &lineReader{br: open(f, opt).br, max: opt.maxRecord()}
	var out []Sample
	for {
		line, long, err := lr.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("crawl: samples %s line %d: %w", path, lr.line+1, err)
		}
		lineID := path + ":" + strconv.Itoa(lr.line)
		if long > 0 {
			err := fmt.Errorf("samples %s line %d: %w: line is %s, over the %s limit", path, lr.line, ErrTooLarge, size(long), size(opt.maxRecord()))
			out = append(out, Sample{Record: features.Record{ID: lineID, Err: err}})
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		out = append(out, sample(path, dir, lr.line, lineID, line, opt))
	}
}

// sample decodes one samples line.
func sample(path, dir string, n int, lineID string, line []byte, opt Options) Sample {
	var s Sample
	fail := func(err error) Sample {
		if s.Record.ID == "" {
			s.Record.ID = lineID
		}
		s.Record.Err = fmt.Errorf("samples %s line %d: %w", path, n, err)
		return s
	}
	var l sampleLine
	if err := json.Unmarshal(line, &l); err != nil {
		return fail(err)
	}
	id, err := jsonID(l.ID)
	if err != nil {
		return fail(err)
	}
	s.Record = features.Record{ID: id, URL: l.URL, Date: l.Date}
	s.SourceID, s.Group, s.Granularity, s.Lang, s.Crawl = l.SourceID, l.Group, l.Granularity, l.Lang, l.Crawl
	if id == "" {
		return fail(errors.New(`no "id"`))
	}
	if l.Label != nil {
		if !slices.Contains(features.Labels, *l.Label) {
			return fail(fmt.Errorf("unknown label %q (want one of %v or null)", *l.Label, features.Labels))
		}
		s.Label = *l.Label
	}
	given := 0
	for _, p := range []*string{l.Path, l.Text, l.HTML} {
		if p != nil {
			given++
		}
	}
	if given != 1 {
		return fail(errors.New(`needs exactly one of "path", "text" or "html"`))
	}
	switch {
	case l.Text != nil:
		s.Record.Kind, s.Record.Body = features.KindText, []byte(*l.Text)
	case l.HTML != nil:
		s.Record.Kind, s.Record.Body = features.KindHTML, []byte(*l.HTML)
	default:
		kind, body, err := readPage(filepath.Join(dir, filepath.FromSlash(*l.Path)), opt)
		if err != nil {
			return fail(err)
		}
		s.Record.Kind, s.Record.Body = kind, body
	}
	return s
}

// readPage reads one page file (gzip allowed) for a sample.
func readPage(name string, opt Options) (features.Kind, []byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return 0, nil, fmt.Errorf("%s is a folder", name)
	}
	in := open(f, opt)
	var kind features.Kind
	switch classify(name, in.head(), true) {
	case formatHTML:
		kind = features.KindHTML
	case formatText:
		kind = features.KindText
	default:
		return 0, nil, fmt.Errorf("%s: a sample must be one page, not a WARC or JSONL file", name)
	}
	if ct, bin := sniffBinary(in.head()); bin {
		return kind, nil, fmt.Errorf("%s: %w (%s), not HTML or text", name, ErrBinary, ct)
	}
	body, err := readBody(in.br, opt.maxRecord(), 0)
	if err != nil {
		return kind, nil, fmt.Errorf("%s: %w", name, err)
	}
	return kind, body, nil
}
