// Package golden runs a feature family on golden cases: txtar archives under
// the calling package's testdata/ holding real pages (saved text or HTML)
// and the family's expected columns, flags and evidence. Every family's
// golden test and fuzz test call it, so the cases read the same everywhere.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/extract"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar")

// goldenPages extracts the pages of a golden case: every section named
// *.txt (saved page text) or *.html, in order, the way spinscan's engine
// extracts a record. A "url" section, when present, holds one URL a line,
// in page order.
func goldenPages(t testing.TB, ar *txtar.Archive) []*features.Page {
	t.Helper()
	var urls []string
	for _, f := range ar.Files {
		if f.Name == "url" {
			urls = strings.Fields(string(f.Data))
		}
	}
	var pages []*features.Page
	for _, f := range ar.Files {
		kind := features.KindText
		switch {
		case strings.HasSuffix(f.Name, ".html"):
			kind = features.KindHTML
		case strings.HasSuffix(f.Name, ".txt"):
		default:
			continue
		}
		rec := features.Record{ID: f.Name, Kind: kind, Body: f.Data}
		if n := len(pages); n < len(urls) {
			rec.URL = urls[n]
		}
		p, err := extract.Extract(rec)
		if err != nil {
			t.Fatalf("extract %s: %v", f.Name, err)
		}
		pages = append(pages, p)
	}
	return pages
}

// render is the golden form of the family's result on every page of a
// case, each scored with the case's other pages as its peers: flags,
// evidence lines, source, tied peer, published date and every column to four
// decimals.
func render(fam features.Family, pages []*features.Page) string {
	var sb strings.Builder
	for i, p := range pages {
		ctx := &features.Context{Later: len(pages) - 1 - i}
		for j, q := range pages {
			if j != i {
				ctx.Peers = append(ctx.Peers, q)
			}
		}
		if len(ctx.Peers) > 0 {
			ctx.Cluster = "golden"
		}
		vals := make([]float64, len(fam.Columns))
		var r features.Result
		fam.Extract(p, ctx, vals, &r)
		fmt.Fprintf(&sb, "== %s\n", p.ID)
		fmt.Fprintf(&sb, "flags: %s\n", strings.Join(r.Flags, " "))
		if r.Source != "" {
			fmt.Fprintf(&sb, "source: %s\n", r.Source)
		}
		if r.Tied != "" {
			fmt.Fprintf(&sb, "tied: %s\n", r.Tied)
		}
		if !r.Published.IsZero() {
			fmt.Fprintf(&sb, "published: %s\n", r.Published.Format(time.DateOnly))
		}
		for _, e := range r.Evidence {
			fmt.Fprintf(&sb, "evidence: %s\n", e)
		}
		for k, c := range fam.Columns {
			fmt.Fprintf(&sb, "%s = %.4f\n", c, vals[k])
		}
	}
	return sb.String()
}

// checkFlags checks the case comment's "Flags: PAGE: flag ..." lines: the
// exact set of this family's flags that must fire on that page (none when
// the list is empty), independent of the want section that -update
// rewrites.
func checkFlags(t *testing.T, comment string, fam features.Family, pages []*features.Page) {
	t.Helper()
	for _, line := range strings.Split(comment, "\n") {
		rest, ok := strings.CutPrefix(line, "Flags: ")
		if !ok {
			continue
		}
		id, list, _ := strings.Cut(rest, ":")
		want := strings.Join(strings.Fields(list), " ")
		found := false
		for i, p := range pages {
			if p.ID != strings.TrimSpace(id) {
				continue
			}
			found = true
			ctx := &features.Context{Later: len(pages) - 1 - i}
			for j, q := range pages {
				if j != i {
					ctx.Peers = append(ctx.Peers, q)
				}
			}
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, ctx, vals, &r)
			if got := strings.Join(r.Flags, " "); got != want {
				t.Errorf("%s: flags %q, want %q", p.ID, got, want)
			}
		}
		if !found {
			t.Errorf("Flags line names no page: %q", line)
		}
	}
}

// Test runs fam on the pages of every testdata/*.txtar case and compares
// with its want section (go test -update rewrites it). Each case's comment
// must name where its pages come from (a Provenance: line); its Flags:
// lines are checked separately, so -update cannot quietly change a flag.
func Test(t *testing.T, fam features.Family) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(ar.Comment), "Provenance:") {
				t.Errorf("%s: comment has no Provenance: line", file)
			}
			pages := goldenPages(t, ar)
			if len(pages) == 0 {
				t.Fatal("no page sections")
			}
			checkFlags(t, string(ar.Comment), fam, pages)
			got := render(fam, pages)
			for i := range ar.Files {
				if ar.Files[i].Name != "want" {
					continue
				}
				if *update {
					ar.Files[i].Data = []byte(got)
					if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				if want := string(ar.Files[i].Data); got != want {
					t.Errorf("got:\n%s\nwant:\n%s", got, want)
				}
				return
			}
			if *update {
				ar.Files = append(ar.Files, txtar.File{Name: "want", Data: []byte(got)})
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Fatal("no want section (run with -update)")
		})
	}
}

// Fuzz checks that no saved text makes fam panic or write a NaN, seeded
// from the golden cases' pages.
func Fuzz(f *testing.F, fam features.Family) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil {
			for _, s := range ar.Files {
				if strings.HasSuffix(s.Name, ".txt") {
					f.Add(string(s.Data))
				}
			}
		}
	}
	f.Add("")
	f.Add("FAQ\nWhat?\n\nReply\n2023-10-16 12:00\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := extract.Extract(features.Record{ID: "fuzz", Kind: features.KindText, Body: []byte(s)})
		if err != nil {
			return
		}
		vals := make([]float64, len(fam.Columns))
		var r features.Result
		fam.Extract(p, &features.Context{Peers: []*features.Page{p}}, vals, &r)
		for i, v := range vals {
			if v != v {
				t.Fatalf("%s is NaN", fam.Columns[i])
			}
		}
	})
}
