package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// partialSuffix names the file that `score -o FILE` writes rows to while it
// runs; it is renamed to FILE when the run ends.
const partialSuffix = ".partial"

// syncEvery is how often the partial output is fsync'd.
const syncEvery = time.Second

// partialFile is the row output of `score -o FILE`: rows are appended to
// FILE.partial, one complete line per Write, fsync'd at least every
// syncEvery, and Commit renames it to FILE. After a kill, FILE.partial holds
// the rows written so far (the last line possibly torn) for --resume.
type partialFile struct {
	f        *os.File
	path     string // the final name
	lastSync time.Time
	rows     int // lines in the file, kept ones included
}

// openPartial creates (truncating) path.partial, or with resume opens the
// existing one and reads back the ids of its complete rows, truncating a
// torn last line. A missing partial file on resume starts afresh.
func openPartial(path string, resume bool) (*partialFile, []string, error) {
	name := path + partialSuffix
	if !resume {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return nil, nil, err
		}
		return &partialFile{f: f, path: path, lastSync: time.Now()}, nil, nil
	}
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	b, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	ids, keep, err := completeRows(b)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("--resume: %s: %w", name, err)
	}
	if keep < len(b) {
		// A torn last line: the run was killed inside a write.
		if err := f.Truncate(int64(keep)); err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	if _, err := f.Seek(int64(keep), io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	return &partialFile{f: f, path: path, lastSync: time.Now(), rows: len(ids)}, ids, nil
}

// completeRows returns the ids of the complete JSONL rows at the start of b
// and the byte length they take; a last line without its newline is not
// complete. A complete line that is not a row is an error: the file is not
// what an interrupted run leaves.
func completeRows(b []byte) (ids []string, n int, err error) {
	for n < len(b) {
		i := bytes.IndexByte(b[n:], '\n')
		if i < 0 {
			break
		}
		line := b[n : n+i]
		var r struct {
			ID *string `json:"id"`
		}
		if err := json.Unmarshal(line, &r); err != nil || r.ID == nil {
			return nil, 0, fmt.Errorf("row %d is not a JSONL score row (%.60q)", len(ids)+1, line)
		}
		ids = append(ids, *r.ID)
		n += i + 1
	}
	return ids, n, nil
}

// Write appends b (the JSONL row writer passes one whole row per call) and
// fsyncs when syncEvery has passed since the last sync.
func (p *partialFile) Write(b []byte) (int, error) {
	n, err := p.f.Write(b)
	if err != nil {
		return n, err
	}
	p.rows += bytes.Count(b[:n], []byte("\n"))
	if time.Since(p.lastSync) >= syncEvery {
		p.lastSync = time.Now()
		if err := p.f.Sync(); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Commit syncs and closes the partial file and renames it to the final
// name.
func (p *partialFile) Commit() error {
	if err := p.f.Sync(); err != nil {
		p.f.Close()
		return err
	}
	if err := p.f.Close(); err != nil {
		return err
	}
	if err := os.Rename(p.f.Name(), p.path); err != nil {
		return err
	}
	syncDir(filepath.Dir(p.path))
	return nil
}

// Keep syncs and closes the partial file after a failed or interrupted run
// so that --resume can continue it, and reports whether any row is in it;
// an empty one is removed.
func (p *partialFile) Keep() bool {
	p.f.Sync()
	p.f.Close()
	if p.rows == 0 {
		os.Remove(p.f.Name())
		return false
	}
	return true
}

// syncDir fsyncs a folder so that a rename in it survives a crash; errors
// are ignored (not every file system supports it).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// resumeFilter drops the first len(ids) rows of a resumed run, checking
// that they are the rows the partial file already holds.
type resumeFilter struct {
	ids  []string
	seen int
}

// errResumeMismatch is returned when a resumed run's input does not start
// with the records of the partial file.
var errResumeMismatch = errors.New("--resume: the input does not match the partial output")

// skip reports whether the row with this id is already in the partial file.
func (r *resumeFilter) skip(id string) (bool, error) {
	if r == nil || r.seen >= len(r.ids) {
		return false, nil
	}
	if want := r.ids[r.seen]; id != want {
		return false, fmt.Errorf("%w: record %d is %q, the partial file has %q", errResumeMismatch, r.seen+1, id, want)
	}
	r.seen++
	return true, nil
}

// done checks that every row of the partial file was matched.
func (r *resumeFilter) done() error {
	if r == nil || r.seen == len(r.ids) {
		return nil
	}
	return fmt.Errorf("%w: it has %d rows but the input only %d records", errResumeMismatch, len(r.ids), r.seen)
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}
