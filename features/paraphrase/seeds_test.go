package paraphrase

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/cluster"
	"github.com/spinscan/spinscan/features/lex"
)

// textPage builds a Page from main text, as extract does for saved text.
func textPage(id, lang, text string) *features.Page {
	text = strings.TrimSpace(text)
	return &features.Page{
		ID: id, Lang: lang, Kind: features.KindText, Text: text, Raw: text,
		Paragraphs: strings.Split(text, "\n"), Sentences: lex.Sentences(text),
	}
}

// loadSeeds reads the seed bodies from testdata/seeds.txtar.
func loadSeeds(t testing.TB) []*features.Page {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "seeds.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []*features.Page
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".txt") {
			pages = append(pages, textPage(f.Name[:3], "en", string(f.Data)))
		}
	}
	return pages
}

// scoreCrawl clusters pages and runs the family on each with its peers.
func scoreCrawl(pages []*features.Page) (clusters []string, res []*features.Result, vals [][]float64) {
	ids := make([]string, len(pages))
	sigs := make([]cluster.Sig, len(pages))
	for i, p := range pages {
		ids[i], sigs[i] = p.ID, cluster.Sign(p)
	}
	clusters = cluster.Group(ids, sigs)
	members := map[string][]int{}
	for i, c := range clusters {
		if c != "" {
			members[c] = append(members[c], i)
		}
	}
	fam := Family()
	for i, p := range pages {
		ctx := &features.Context{Cluster: clusters[i]}
		for _, j := range members[clusters[i]] {
			if j != i {
				ctx.Peers = append(ctx.Peers, pages[j])
			}
		}
		r := &features.Result{}
		v := make([]float64, len(fam.Columns))
		fam.Extract(p, ctx, v, r)
		res = append(res, r)
		vals = append(vals, v)
	}
	return clusters, res, vals
}

func col(name string) int {
	for i, c := range columns {
		if c == name {
			return i
		}
	}
	panic("no column " + name)
}

func hasFlag(r *features.Result, f string) bool {
	for _, x := range r.Flags {
		if x == f {
			return true
		}
	}
	return false
}

func TestSeeds(t *testing.T) {
	pages := loadSeeds(t)
	if len(pages) != 5 {
		t.Fatalf("got %d seed pages", len(pages))
	}
	clusters, res, vals := scoreCrawl(pages)
	for i, p := range pages {
		t.Logf("%s cluster=%s source=%q flags=%v", p.ID, clusters[i], res[i].Source, res[i].Flags)
		for j, c := range columns {
			t.Logf("   %-20s %.3f", c, vals[i][j])
		}
		for _, e := range res[i].Evidence {
			t.Logf("   > %s", e)
		}
	}
	for i := range pages {
		if clusters[i] == "" || clusters[i] != clusters[0] {
			t.Errorf("seeds do not form one cluster: %v", clusters)
			break
		}
	}
	// Expectations from LABELS.md and issue 3: flags that must and must
	// not fire, and the likely source.
	tests := []struct {
		id      string
		must    []string
		mustNot []string
		source  string
	}{
		{"000", []string{"reworded_copy", "spinner_wording"}, []string{"wire_reprint", "verbatim_copy", "altered_numbers"}, "004"},
		{"001", []string{"reworded_copy", "spinner_wording", "altered_quotes"}, []string{"wire_reprint", "verbatim_copy", "altered_numbers"}, "004"},
		{"002", []string{"reworded_copy"}, []string{"wire_reprint", "spinner_wording"}, "004"},
		{"003", []string{"reworded_copy", "spinner_wording"}, []string{"wire_reprint", "verbatim_copy", "altered_numbers"}, "004"},
		{"004", []string{"wire_reprint"}, []string{"reworded_copy", "spinner_wording", "altered_quotes"}, ""},
	}
	for i, tc := range tests {
		if pages[i].ID != tc.id {
			t.Fatalf("page %d is %s, want %s", i, pages[i].ID, tc.id)
		}
		for _, f := range tc.must {
			if !hasFlag(res[i], f) {
				t.Errorf("%s: %s does not fire; flags %v", tc.id, f, res[i].Flags)
			}
		}
		for _, f := range tc.mustNot {
			if hasFlag(res[i], f) {
				t.Errorf("%s: %s fires; flags %v", tc.id, f, res[i].Flags)
			}
		}
		if res[i].Source != tc.source {
			t.Errorf("%s: source %q, want %q", tc.id, res[i].Source, tc.source)
		}
	}
}
