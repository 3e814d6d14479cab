package translation

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/tools/txtar"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar")

// textPage builds a page from saved text the way features/extract does for
// a text page whose lines are all body: Text and Paragraphs are the
// non-empty lines, Sentences come from lex, Lang from whatlanggo.
func textPage(id, raw string) *features.Page {
	var paras []string
	for _, l := range strings.Split(raw, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			paras = append(paras, l)
		}
	}
	text := strings.Join(paras, "\n")
	return &features.Page{
		ID: id, Kind: features.KindText, Text: text, Paragraphs: paras,
		Sentences: lex.Sentences(text), Raw: raw, Lang: whatlanggo.Detect(text).Lang.Iso6391(),
	}
}

// render is the golden form of a family result: flags, evidence lines and
// every column to four decimals.
func render(fam features.Family, vals []float64, r *features.Result) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "flags: %s\n", strings.Join(r.Flags, " "))
	for _, e := range r.Evidence {
		fmt.Fprintf(&sb, "evidence: %s\n", e)
	}
	for i, c := range fam.Columns {
		fmt.Fprintf(&sb, "%s = %.4f\n", c, vals[i])
	}
	return sb.String()
}

// TestGolden runs the family on every testdata/*.txtar page and compares
// with the want section (go test -update rewrites it).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	fam := Family()
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var page, want *txtar.File
			for i := range ar.Files {
				switch ar.Files[i].Name {
				case "page.txt":
					page = &ar.Files[i]
				case "want":
					want = &ar.Files[i]
				}
			}
			if page == nil || want == nil {
				t.Fatal("need page.txt and want sections")
			}
			p := textPage(file, string(page.Data))
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, nil, vals, &r)
			got := render(fam, vals, &r)
			if *update {
				want.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(want.Data) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want.Data)
			}
		})
	}
}

// TestSeeds checks the seed pages: 002 is flagged with its three named
// artifacts as evidence, no other seed is flagged.
func TestSeeds(t *testing.T) {
	fam := Family()
	tests := []struct {
		file string
		flag bool
		must []string
	}{
		{"000_aea046b3ecdc98ab.txt", false, nil},
		{"001_f57f713da8e1d060.txt", false, nil},
		{"002_fb87b344464e1c20.txt", true, []string{`"he said" … "she recalled"`, `issues. the status of Hong Kong`, `"Source: TSF"`}},
		{"003_3bb9de54f4243c04.txt", false, nil},
		{"004_6512205255edc4fc.txt", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", tc.file))
			if err != nil {
				t.Skipf("seed not available: %v", err)
			}
			p := textPage(tc.file, string(b))
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, nil, vals, &r)
			flagged := len(r.Flags) > 0 && r.Flags[0] == Flag
			if flagged != tc.flag {
				t.Fatalf("flagged = %v, want %v; evidence: %q", flagged, tc.flag, r.Evidence)
			}
			all := strings.Join(r.Evidence, "\n")
			for _, m := range tc.must {
				if !strings.Contains(all, m) {
					t.Errorf("evidence lacks %q:\n%s", m, all)
				}
			}
		})
	}
}

// BenchmarkFamily runs the family on seed 002 and reports pages/s.
func BenchmarkFamily(b *testing.B) {
	ar, err := txtar.ParseFile("testdata/seed002.txtar")
	if err != nil {
		b.Fatal(err)
	}
	p := textPage("seed002", string(ar.Files[0].Data))
	fam := Family()
	vals := make([]float64, len(fam.Columns))
	b.ResetTimer()
	for b.Loop() {
		clear(vals)
		var r features.Result
		fam.Extract(p, nil, vals, &r)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// FuzzExtract checks that no text makes the family panic or write NaN, on
// pages built from the golden cases and mutations of them.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil && len(ar.Files) > 0 {
			f.Add(string(ar.Files[0].Data))
		}
	}
	f.Add("")
	f.Add("“ ” « » „ “\n. a. b")
	fam := Family()
	f.Fuzz(func(t *testing.T, s string) {
		p := textPage("fuzz", s)
		vals := make([]float64, len(fam.Columns))
		var r features.Result
		fam.Extract(p, nil, vals, &r)
		for i, v := range vals {
			if v != v {
				t.Fatalf("%s is NaN", fam.Columns[i])
			}
		}
	})
}
