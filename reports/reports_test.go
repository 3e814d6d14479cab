package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/spinscan/spinscan/features"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

func readRows(t testing.TB, name string) []features.Row {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []features.Row
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r features.Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func readTraining(t testing.TB) TrainingReport {
	t.Helper()
	b, err := os.ReadFile("testdata/training.json")
	if err != nil {
		t.Fatal(err)
	}
	var tr TrainingReport
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

// chartsJSON renders charts as the golden files hold them: chart id ->
// option, indented.
func chartsJSON(t *testing.T, cs []chart) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("{\n")
	for i, c := range cs {
		var opt bytes.Buffer
		if err := json.Indent(&opt, c.Option, "  ", "  "); err != nil {
			t.Fatalf("chart %s: %v", c.ID, err)
		}
		id, _ := json.Marshal(c.ID)
		fmt.Fprintf(&buf, "  %s: %s", id, opt.Bytes())
		if i < len(cs)-1 {
			buf.WriteString(",")
		}
		buf.WriteString("\n")
	}
	buf.WriteString("}\n")
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	seeds := readRows(t, "seeds.jsonl")
	tests := []struct {
		name   string
		charts func(t *testing.T) []chart
	}{
		{"crawl_seeds", func(t *testing.T) []chart {
			p, err := crawlPage(seeds, Options{})
			if err != nil {
				t.Fatal(err)
			}
			return p.Charts
		}},
		{"training", func(t *testing.T) []chart {
			p, err := trainingPage(readTraining(t))
			if err != nil {
				t.Fatal(err)
			}
			return p.Charts
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := chartsJSON(t, tt.charts(t))
			again := chartsJSON(t, tt.charts(t))
			if !bytes.Equal(got, again) {
				t.Fatal("chart options differ between two runs on the same input")
			}
			path := filepath.Join("testdata", tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("chart options differ from %s; run go test ./reports -run TestGolden -update and review the diff", path)
			}
		})
	}
}

// TestCrawlContents checks what a reviewer needs is in the seeds' report.
func TestCrawlContents(t *testing.T) {
	seeds := readRows(t, "seeds.jsonl")
	p, err := crawlPage(seeds, Options{Families: []FamilyDoc{{"paraphrase", "Sentence alignment with cluster peers."}}})
	if err != nil {
		t.Fatal(err)
	}
	v := p.Crawl
	if v.Rows != 5 || v.Scored != 5 || v.Errors != 0 || v.Flagged != 5 {
		t.Errorf("rows/scored/errors/flagged = %d/%d/%d/%d, want 5/5/0/5", v.Rows, v.Scored, v.Errors, v.Flagged)
	}
	counts := map[string]int{}
	for _, l := range v.Labels {
		counts[l.Label] = l.Count
	}
	if counts["spun"] != 3 || counts["translated"] != 1 || counts["reprint"] != 1 || counts["original"] != 0 {
		t.Errorf("label counts %v", counts)
	}
	if len(v.Sections) != 5 || len(v.Table) != 5 || v.Rest != 0 {
		t.Errorf("sections %d, table %d, rest %d", len(v.Sections), len(v.Table), v.Rest)
	}
	// Most likely copies first: the reprint (P(original) 0.09) comes last.
	if v.Table[0].ID != "001_f57f713da8e1d060.txt" || v.Table[4].ID != "004_6512205255edc4fc.txt" {
		t.Errorf("table order %s … %s", v.Table[0].ID, v.Table[4].ID)
	}
	if len(v.Clusters) != 1 || v.Clusters[0].Pages != 5 || v.Clusters[0].Earliest != "2023-10-16" || v.Clusters[0].SpanDays != 556 {
		t.Errorf("clusters %+v", v.Clusters)
	}
	var graph struct {
		Series []struct {
			Data  []struct{ Name string }
			Links []struct {
				Source, Target string
				Label          struct{ Formatter string }
			}
		}
	}
	if err := json.Unmarshal(v.Charts["chart-clusters"].Option, &graph); err != nil {
		t.Fatal(err)
	}
	if n := len(graph.Series[0].Data); n != 5 {
		t.Errorf("graph has %d nodes, want 5", n)
	}
	rel := map[string]string{}
	for _, l := range graph.Series[0].Links {
		if l.Target != "004_6512205255edc4fc.txt" {
			t.Errorf("edge %s -> %s, want every edge to 004", l.Source, l.Target)
		}
		rel[l.Source] = l.Label.Formatter
	}
	if rel["002_fb87b344464e1c20.txt"] != "translated" || rel["000_aea046b3ecdc98ab.txt"] != "reworded" || len(rel) != 4 {
		t.Errorf("edge kinds %v", rel)
	}
	var buf bytes.Buffer
	if err := Crawl(&buf, seeds, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Download all 5 domains as CSV", "data:text/csv;charset=utf-8;base64,",
		`href="#p4"`, `id="p4"`, "<mark>endeavored</mark>", "faq_padding",
		"stamped “Friday, 22 November 2024”",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(out, "https://") && strings.Contains(out, "cdn") {
		t.Error("report refers to a CDN")
	}
	if !strings.Contains(out, "echarts") || len(out) < len(echartsJS) {
		t.Error("echarts is not inlined")
	}
}

func TestEmptyAndErrorRows(t *testing.T) {
	msg := "extract x.html: charset: bad"
	label := "spun"
	rows := []features.Row{
		{ID: "x.html", Error: &msg},
		{ID: "y.html", Label: &label, Probs: map[string]float64{"spun": 1}},
	}
	for _, rs := range [][]features.Row{nil, {}, rows} {
		var buf bytes.Buffer
		if err := Crawl(&buf, rs, Options{MaxPages: -1}); err != nil {
			t.Fatal(err)
		}
		if err := Training(&buf, TrainingReport{}); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if err := Page(&buf, r); err != nil {
				t.Fatal(err)
			}
			if err := Explain(&buf, r); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// liveMarkup parses a report and returns what a page could have injected:
// elements other than the report's own, event-handler attributes and
// javascript: URLs. It also returns the number of <script> elements.
func liveMarkup(t *testing.T, doc string) (bad []string, scripts int) {
	t.Helper()
	allowed := map[string]bool{}
	for _, e := range strings.Fields("html head meta title style body main nav div p b a span h1 h2 h3 h4 table thead tbody tr th td ul li dl dt dd br mark section script") {
		allowed[e] = true
	}
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.Data == "script" {
			scripts++
		}
		if !allowed[tok.Data] {
			bad = append(bad, "<"+tok.Data+">")
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				bad = append(bad, tok.Data+" "+a.Key)
			}
			if strings.Contains(strings.ToLower(a.Val), "javascript:") {
				bad = append(bad, tok.Data+" "+a.Key+"="+a.Val)
			}
		}
	}
	return bad, scripts
}

func TestHostile(t *testing.T) {
	hostile := readRows(t, "hostile.jsonl")
	rows := append(readRows(t, "seeds.jsonl"), hostile...)
	var crawl, pg, train bytes.Buffer
	if err := Crawl(&crawl, rows, Options{Title: "<script>alert(1)</script>", Families: []FamilyDoc{{"<b>x</b>", "<img src=x onerror=alert(1)>"}}}); err != nil {
		t.Fatal(err)
	}
	if err := Page(&pg, hostile[0]); err != nil {
		t.Fatal(err)
	}
	if err := Training(&train, readTraining(t)); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{"crawl": crawl.String(), "page": pg.String(), "training": train.String()} {
		bad, scripts := liveMarkup(t, doc)
		if len(bad) > 0 {
			t.Errorf("%s report: live markup from the page: %q", name, bad)
		}
		if scripts != 3 {
			t.Errorf("%s report has %d <script> elements, want 3 (echarts, chart data, init)", name, scripts)
		}
		if strings.Contains(doc, "document.title='pwned'</script>") || strings.Contains(doc, "<img src=x") {
			t.Errorf("%s report holds hostile markup unescaped", name)
		}
	}
	// The hostile strings still reach the reviewer, as text.
	data := chartData(t, crawl.String())
	if !strings.Contains(data, `</script><script>document.title='pwned'</script>`) {
		t.Error("the hostile contribution column is missing from the chart options")
	}
	if !strings.Contains(crawl.String(), "&lt;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&gt;") {
		t.Error("the hostile evidence line is not shown as escaped text")
	}
}

// chartData extracts and decodes the chart-data block of a report.
func chartData(t *testing.T, doc string) string {
	t.Helper()
	const open = `<script type="application/json" id="chart-data">`
	i := strings.Index(doc, open)
	if i < 0 {
		t.Fatal("no chart-data block")
	}
	rest := doc[i+len(open):]
	j := strings.Index(rest, "</script>")
	var v []struct {
		ID     string
		Option json.RawMessage
	}
	if err := json.Unmarshal([]byte(rest[:j]), &v); err != nil {
		t.Fatalf("chart-data is not JSON: %v", err)
	}
	var b strings.Builder
	for _, c := range v {
		var x any
		_ = json.Unmarshal(c.Option, &x)
		s, _ := json.Marshal(x)
		b.Write(bytes.ReplaceAll(bytes.ReplaceAll(bytes.ReplaceAll(s, []byte(`\u003c`), []byte("<")), []byte(`\u003e`), []byte(">")), []byte(`\u0026`), []byte("&")))
	}
	return b.String()
}

func TestDiffWords(t *testing.T) {
	tests := []struct {
		a, b         string
		wantA, wantB string
	}{
		{"Putin said it would grow.", "Putin noted it would grow.", "Putin [said] it would grow.", "Putin [noted] it would grow."},
		{"Same words here", "same words, here!", "Same words here", "same words, here!"},
		{"unaligned sentence", "", "unaligned sentence", ""},
		{"", "", "", ""},
		{"“No-limits” ties", "an “unlimited” friendship", "[“No-limits”] [ties]", "[an] [“unlimited”] [friendship]"},
	}
	for _, tt := range tests {
		a, b := diffWords(tt.a, tt.b)
		if got := bracket(a); got != tt.wantA {
			t.Errorf("diffWords(%q, %q) a = %q, want %q", tt.a, tt.b, got, tt.wantA)
		}
		if got := bracket(b); got != tt.wantB {
			t.Errorf("diffWords(%q, %q) b = %q, want %q", tt.a, tt.b, got, tt.wantB)
		}
	}
}

func TestExplain(t *testing.T) {
	rows := readRows(t, "seeds.jsonl")
	var buf bytes.Buffer
	if err := Explain(&buf, rows[1]); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"label     spun (p=0.94)", "probs     original 0.02  reprint 0.01  spun 0.94  translated 0.03",
		"source    004_6512205255edc4fc.txt", "faq.restated_share", "weight +0.900", "(value 0.86)",
		"7 question-and-answer blocks", "[focal]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	// The inputs left out and the intercepts complete the sum.
	r := rows[1]
	r.Rest, r.Intercept = -0.5, 0.25
	gap := r.Rest + r.Intercept
	for _, c := range r.Contributions {
		gap += c.Value
	}
	buf.Reset()
	if err := Explain(&buf, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"   -0.500  the other inputs together", "   +0.250  the intercepts",
		fmt.Sprintf("  %+7.3f  in all: the difference of the logits", gap),
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("explain lacks %q:\n%s", want, buf.String())
		}
	}
	evil := rows[0]
	evil.Title = "\x1b]0;owned\x07\x1b[2Jtitle"
	buf.Reset()
	if err := Explain(&buf, evil); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b\x07") {
		t.Error("explain passes terminal control characters through")
	}
}

// synthRows makes n rows shaped like a real crawl: clusters of 2–6 pages,
// a few thousand domains, every field filled.
func synthRows(n int) []features.Row {
	rows := make([]features.Row, n)
	for i := range rows {
		l := features.Labels[(i*7)%4]
		label := l
		pub := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700).Format("2006-01-02")
		cl := fmt.Sprintf("story-%05d", i/4)
		src := fmt.Sprintf("page-%06d", (i/4)*4)
		r := features.Row{
			ID: fmt.Sprintf("page-%06d", i), URL: fmt.Sprintf("https://site%d.example/a/%d", i%3000, i),
			Domain: fmt.Sprintf("site%d.example", i%3000), Published: &pub, Lang: "en", Label: &label,
			Probs:    map[string]float64{"original": 0.1, "reprint": 0.1, "spun": 0.1, "translated": 0.1},
			Cluster:  &cl,
			Flags:    []string{"reworded_copy"},
			Features: map[string]float64{},
			Evidence: []string{"60% of sentences are reworded", "stamped 400 days late"},
			Title:    fmt.Sprintf("Story %d", i),
		}
		r.Probs[l] = 0.7
		if i%4 != 0 {
			r.Source = &src
		}
		for k := 0; k < 13; k++ {
			r.Features[fmt.Sprintf("family%d.measure%d", k%5, k)] = float64((i*k)%97) / 97
		}
		r.Contributions = []features.Contribution{{Column: "family0.measure0", Value: 1.2, Weight: 0.8}, {Column: "family1.measure1", Value: -0.4, Weight: -0.3}}
		r.Aligned = []features.Aligned{{Sentence: "Putin said it would grow fast.", Peer: "Putin noted it would grow.", PeerID: src, Kind: "reworded", Score: 0.6}}
		rows[i] = r
	}
	return rows
}

// TestLarge writes the report of 100,000 synthetic rows and checks it stays
// bounded and quick.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("100k rows: skipped in -short")
	}
	rows := synthRows(100000)
	var buf bytes.Buffer
	start := time.Now()
	if err := Crawl(&buf, rows, Options{}); err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	t.Logf("100000 rows: %v, %.1f MB", el, float64(buf.Len())/1e6)
	if el > 20*time.Second {
		t.Errorf("report of 100k rows took %v", el)
	}
	if buf.Len() > 40<<20 {
		t.Errorf("report of 100k rows is %d bytes", buf.Len())
	}
	if !strings.Contains(buf.String(), "98000 more pages") {
		t.Error("report does not state the pages left out")
	}
	if !regexp.MustCompile(`if \(\s*true\s*&&`).MatchString(buf.String()) {
		t.Error("a report with thousands of charts does not draw them lazily")
	}
}

func BenchmarkCrawl100k(b *testing.B) {
	rows := synthRows(100000)
	for b.Loop() {
		var buf bytes.Buffer
		if err := Crawl(&buf, rows, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows)), "rows/op")
}

// FuzzPage feeds arbitrary strings into every crawled field of a row: the
// page section must never panic and never carry live markup.
func FuzzPage(f *testing.F) {
	for _, r := range readRows(f, "hostile.jsonl") {
		f.Add(r.Title, r.ID, r.URL, r.Evidence[0], r.Aligned[0].Sentence)
	}
	f.Add("a", "b", "https://x.example/", "c", "d")
	f.Fuzz(func(t *testing.T, title, id, url, evidence, sentence string) {
		label := "spun"
		r := features.Row{ID: id, URL: url, Domain: title, Title: title, Label: &label, Published: &evidence,
			Probs: map[string]float64{"spun": 0.9, title: 0.1}, Source: &id, Cluster: &url,
			Flags: []string{title}, Evidence: []string{evidence}, Features: map[string]float64{title: 1},
			Contributions: []features.Contribution{{Column: title, Value: 1}},
			Aligned:       []features.Aligned{{Sentence: sentence, Peer: evidence, PeerID: id, Kind: title}},
		}
		var buf bytes.Buffer
		if err := Crawl(&buf, []features.Row{r}, Options{Title: title}); err != nil {
			t.Fatal(err)
		}
		bad, scripts := liveMarkup(t, buf.String())
		if len(bad) > 0 || scripts != 3 {
			t.Fatalf("live markup %q, %d scripts", bad, scripts)
		}
		if err := Explain(&buf, r); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCrawlMix checks that the report shows Options.Mix, each label's
// estimated and assumed share and the --prior to rescore with, and
// nothing of it without one.
func TestCrawlMix(t *testing.T) {
	seeds := readRows(t, "seeds.jsonl")
	mix := &Mix{
		Estimated: map[string]float64{"original": 0.002, "reprint": 0.2, "spun": 0.597, "translated": 0.201},
		Assumed:   map[string]float64{"original": 0.361, "reprint": 0.155, "spun": 0.126, "translated": 0.358},
		Prior:     "original=0.0020,reprint=0.2000,spun=0.5970,translated=0.2010",
	}
	for _, tt := range []struct {
		mix  *Mix
		want []string
		not  []string
	}{
		{mix, []string{`id="mix"`, "59.7%", "12.6%", "spinscan score --prior original=0.0020,reprint=0.2000,spun=0.5970,translated=0.2010"}, nil},
		{nil, nil, []string{`id="mix"`, "--prior"}},
	} {
		var b bytes.Buffer
		if err := Crawl(&b, seeds, Options{Mix: tt.mix}); err != nil {
			t.Fatal(err)
		}
		for _, s := range tt.want {
			if !strings.Contains(b.String(), s) {
				t.Errorf("mix %v: report lacks %q", tt.mix != nil, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(b.String(), s) {
				t.Errorf("mix %v: report has %q", tt.mix != nil, s)
			}
		}
	}
}
