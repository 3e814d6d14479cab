package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spinscan/spinscan/features"
)

// Options configure reading. The zero value means the defaults.
type Options struct {
	// MaxRecordBytes caps one record's body; a larger body becomes an
	// error record and reading goes on (default 64 MiB).
	MaxRecordBytes int64
	// MaxDecompressed caps what one gzip member may decompress to (a gzip
	// bomb guard, default 4 GiB): a whole .gz file, or one record of a
	// multi-member .warc.gz as Common Crawl writes them. Past it the file
	// gives an error record and its reading stops.
	MaxDecompressed int64
}

// Stats counts what was read.
type Stats struct {
	// Records counts the records emitted, error records included.
	Records int
	// Errors counts the error records among them.
	Errors int
	// Skipped counts files in folder inputs that are not an input format
	// (README, LABELS.md, images...).
	Skipped int
	// NonPages counts WARC records that are not pages (requests,
	// metadata, warcinfo, revisits, redirects, non-HTML payloads).
	NonPages int
}

func (s *Stats) add(o Stats) {
	s.Records += o.Records
	s.Errors += o.Errors
	s.Skipped += o.Skipped
	s.NonPages += o.NonPages
}

// emitter passes records to the caller's emit and counts them.
type emitter struct {
	ctx   context.Context
	emit  func(features.Record) error
	stats *Stats
}

// errStop wraps an error that must end all reading (emit's error or the
// context's).
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }
func (e errStop) Unwrap() error { return e.err }

func (e *emitter) send(rec features.Record) error {
	if err := e.ctx.Err(); err != nil {
		return errStop{err}
	}
	e.stats.Records++
	if rec.Err != nil {
		e.stats.Errors++
	}
	if err := e.emit(rec); err != nil {
		return errStop{err}
	}
	return nil
}

func (e *emitter) fail(id string, err error) error {
	return e.send(features.Record{ID: id, Err: err})
}

// Read reads every input in order and calls emit once per record, in input
// order. An input is a file, a folder (walked recursively in lexical
// order) or "-", meaning JSONL on stdin (gzip allowed). A record that
// cannot be read is emitted with Err set. Read returns a non-nil error only
// when it cannot go on at all: an input path that does not exist (checked
// before anything is read), a cancelled ctx, or an error returned by emit
// (returned as is). The Stats count what was read up to that point.
func Read(ctx context.Context, inputs []string, stdin io.Reader, opt Options, emit func(features.Record) error) (Stats, error) {
	var st Stats
	for _, in := range inputs {
		if in == "-" {
			if stdin == nil {
				return st, errors.New("crawl: input - (stdin) given but no stdin reader")
			}
			continue
		}
		if _, err := os.Stat(in); err != nil {
			return st, fmt.Errorf("crawl: input %w", err)
		}
	}
	e := &emitter{ctx: ctx, emit: emit, stats: &st}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		var err error
		if in == "-" {
			err = readStream(e, "stdin", stdin, formatJSONL, opt)
		} else {
			err = readPath(e, in, opt)
		}
		if err != nil {
			var stop errStop
			if errors.As(err, &stop) {
				return st, stop.err
			}
			return st, err
		}
	}
	return st, nil
}

// readPath reads a file named directly or walks a folder.
func readPath(e *emitter, root string, opt Options) error {
	info, err := os.Stat(root)
	if err != nil {
		return e.fail(root, fmt.Errorf("crawl %s: %w", root, err))
	}
	if !info.IsDir() {
		return readFile(e, root, root, true, opt)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			rel = p
		}
		rel = filepath.ToSlash(rel)
		if d != nil && p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			// A folder that cannot be listed, or a file that vanished.
			if ferr := e.fail(rel, fmt.Errorf("crawl %s: %w", rel, err)); ferr != nil {
				return ferr
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		return readFile(e, p, rel, false, opt)
	})
}

// readFile reads one file as id; direct is true for a file named as an
// input.
func readFile(e *emitter, name, id string, direct bool, opt Options) error {
	f, err := os.Open(name)
	if err != nil {
		return e.fail(id, fmt.Errorf("crawl %s: %w", id, err))
	}
	defer f.Close()
	var fileSize int64 = -1
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil
		}
		fileSize = info.Size()
	}
	in := open(f, opt)
	fm := classify(name, in.head(), direct)
	if fm == formatSkip {
		e.stats.Skipped++
		return nil
	}
	if in.gz == nil && (fm == formatHTML || fm == formatText) && fileSize > opt.maxRecord() {
		return e.fail(id, fmt.Errorf("crawl %s: %w: record is %s, over the %s limit", id, ErrTooLarge, size(fileSize), size(opt.maxRecord())))
	}
	return readInput(e, id, in, fm, opt)
}

// readStream reads a stream of a known format.
func readStream(e *emitter, id string, r io.Reader, fm format, opt Options) error {
	return readInput(e, id, open(r, opt), fm, opt)
}

func readInput(e *emitter, id string, in *input, fm format, opt Options) error {
	switch fm {
	case formatWARC:
		return readWARC(e, id, in, opt)
	case formatJSONL:
		return readJSONL(e, id, in, opt)
	}
	kind := features.KindHTML
	if fm == formatText {
		kind = features.KindText
	}
	if ct, bin := sniffBinary(in.head()); bin {
		return e.send(features.Record{ID: id, Kind: kind, Err: fmt.Errorf("crawl %s: %w (%s), not HTML or text", id, ErrBinary, ct)})
	}
	body, err := readBody(in.br, opt.maxRecord(), 0)
	if err != nil {
		return e.send(features.Record{ID: id, Kind: kind, Err: fmt.Errorf("crawl %s: %w", id, err)})
	}
	return e.send(features.Record{ID: id, Kind: kind, Body: body})
}

// ReadWARC reads one WARC stream (gzip-compressed or not) named name and
// calls emit once per record, as Read does for a WARC file; record IDs are
// "name#offset".
func ReadWARC(ctx context.Context, name string, r io.Reader, opt Options, emit func(features.Record) error) (Stats, error) {
	return readOne(ctx, name, r, formatWARC, opt, emit)
}

// ReadJSONL reads one JSONL stream (gzip-compressed or not) named name and
// calls emit once per record, as Read does for a JSONL file.
func ReadJSONL(ctx context.Context, name string, r io.Reader, opt Options, emit func(features.Record) error) (Stats, error) {
	return readOne(ctx, name, r, formatJSONL, opt, emit)
}

func readOne(ctx context.Context, name string, r io.Reader, fm format, opt Options, emit func(features.Record) error) (Stats, error) {
	var st Stats
	e := &emitter{ctx: ctx, emit: emit, stats: &st}
	if err := readStream(e, name, r, fm, opt); err != nil {
		var stop errStop
		if errors.As(err, &stop) {
			return st, stop.err
		}
		return st, err
	}
	return st, nil
}
