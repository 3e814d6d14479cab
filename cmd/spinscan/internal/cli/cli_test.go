package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spinscan/spinscan/features/crawl"
	"github.com/spinscan/spinscan/model"
)

// root is the repository root, relative to this package.
const root = "../../../../"

// run runs spinscan in-process and returns its exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// rowKeys are the fields every score row carries, error or not.
var rowKeys = []string{"id", "url", "domain", "published", "lang", "label", "probs", "cluster", "source", "flags", "features", "evidence", "error"}

// decodeRows parses JSONL rows, checking each has every field of the
// schema.
func decodeRows(t *testing.T, jsonl string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	for i, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("row %d: %v: %s", i+1, err, line)
		}
		for _, k := range rowKeys {
			if _, ok := m[k]; !ok {
				t.Errorf("row %d (%v) lacks field %q", i+1, m["id"], k)
			}
		}
		rows = append(rows, m)
	}
	return rows
}

// checkScored asserts a row is a score: a label, probabilities over the four
// labels summing to 1, features, and no error.
func checkScored(t *testing.T, r map[string]any) {
	t.Helper()
	if r["error"] != nil {
		t.Errorf("%v: unexpected error %v", r["id"], r["error"])
		return
	}
	label, _ := r["label"].(string)
	probs, _ := r["probs"].(map[string]any)
	sum := 0.0
	for _, l := range []string{"original", "reprint", "spun", "translated"} {
		p, ok := probs[l].(float64)
		if !ok {
			t.Errorf("%v: probs lacks %s", r["id"], l)
		}
		sum += p
	}
	if math.Abs(sum-1) > 1e-6 {
		t.Errorf("%v: probs sum to %v", r["id"], sum)
	}
	if _, ok := probs[label]; !ok {
		t.Errorf("%v: label %q not among probs", r["id"], label)
	}
	if f, _ := r["features"].(map[string]any); len(f) == 0 {
		t.Errorf("%v: no features", r["id"])
	}
}

func TestScoreSeeds(t *testing.T) {
	code, out, errs := run(t, "", "score", root+"testdata/seeds")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	if !strings.Contains(errs, "skipped 1 file") {
		t.Errorf("stderr does not report the skipped LABELS.md: %q", errs)
	}
	rows := decodeRows(t, out)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	for i, r := range rows {
		checkScored(t, r)
		if want := []string{"000_", "001_", "002_", "003_", "004_"}[i]; !strings.HasPrefix(r["id"].(string), want) {
			t.Errorf("row %d is %v, want input order (%s…)", i, r["id"], want)
		}
	}
}

func TestScoreFormats(t *testing.T) {
	dir := root + "testdata/formats/"
	seed, err := os.ReadFile(root + "testdata/seeds/002_fb87b344464e1c20.txt")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	writeWARC(t, filepath.Join(tmp, "crawl.warc.gz"))
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		rows  int
	}{
		{"html.gz", "", []string{dir + "citylimits.html.gz"}, 1},
		{"html", "", []string{dir + "article.html"}, 1},
		{"text", "", []string{root + "testdata/seeds/002_fb87b344464e1c20.txt"}, 1},
		{"jsonl", "", []string{dir + "pages.jsonl"}, 2},
		{"stdin", `{"id":"a","text":` + jsonString(string(seed)) + "}\n", []string{"-"}, 1},
		{"warc.gz", "", []string{filepath.Join(tmp, "crawl.warc.gz")}, 2},
		{"csv", "", []string{"--format", "csv", dir + "article.html"}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, tc.stdin, append([]string{"score"}, tc.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errs)
			}
			if tc.rows < 0 {
				lines := strings.Split(strings.TrimSpace(out), "\n")
				if len(lines) != 2 || !strings.HasPrefix(lines[0], "id,url,domain,published,lang,label,prob_original") {
					t.Errorf("csv output:\n%.300s", out)
				}
				return
			}
			rows := decodeRows(t, out)
			if len(rows) != tc.rows {
				t.Fatalf("%d rows, want %d", len(rows), tc.rows)
			}
			for _, r := range rows {
				checkScored(t, r)
			}
		})
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestScoreErrorsAndExitCodes(t *testing.T) {
	tmp := t.TempDir()
	jsonl := filepath.Join(tmp, "mixed.jsonl")
	seed, _ := os.ReadFile(root + "testdata/seeds/000_aea046b3ecdc98ab.txt")
	os.WriteFile(jsonl, []byte(`{"id":"good","text":`+jsonString(string(seed))+"}\n{not json\n"+`{"id":"empty","text":""}`+"\n"), 0o644)

	code, out, errs := run(t, "", "score", jsonl)
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitPartial, errs)
	}
	rows := decodeRows(t, out)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3 (one per record)", len(rows))
	}
	checkScored(t, rows[0])
	for _, r := range rows[1:] {
		if r["error"] == nil || r["label"] != nil {
			t.Errorf("row %v: want an error row, got label %v error %v", r["id"], r["label"], r["error"])
		}
	}

	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"no input", []string{"score"}, ExitUsage},
		{"bad flag", []string{"score", "--nope", jsonl}, ExitUsage},
		{"bad format", []string{"score", "--format", "xml", jsonl}, ExitUsage},
		{"missing file", []string{"score", filepath.Join(tmp, "absent.html")}, ExitFailure},
		{"bad model", []string{"score", "--model", jsonl, jsonl}, ExitFailure},
		{"unknown command", []string{"frobnicate"}, ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, errs := run(t, "", tc.args...); code != tc.want {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.want, errs)
			}
		})
	}
}

func TestScoreOutputFileAndReport(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "rows.jsonl")
	rep := filepath.Join(tmp, "report.html")
	if code, _, errs := run(t, "", "score", "-o", out, "--report", rep, root+"testdata/seeds"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(decodeRows(t, string(b))); n != 5 {
		t.Errorf("%d rows in -o file", n)
	}
	h, err := os.ReadFile(rep)
	if err != nil || !bytes.Contains(h, []byte("<html")) {
		t.Errorf("report: %v, %d bytes", err, len(h))
	}
	left, _ := filepath.Glob(filepath.Join(tmp, ".*tmp-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	// report and explain read the rows back.
	rep2 := filepath.Join(tmp, "r2.html")
	if code, _, errs := run(t, "", "report", "-o", rep2, out); code != ExitOK {
		t.Errorf("report: exit %d: %s", code, errs)
	}
	code, text, errs := run(t, "", "explain", "--scores", out, "004_6512205255edc4fc.txt")
	if code != ExitOK || !strings.Contains(text, "004_6512205255edc4fc.txt") {
		t.Errorf("explain: exit %d, stderr %s, out:\n%s", code, errs, text)
	}
}

func TestTrainThenScoreWithModel(t *testing.T) {
	tmp := t.TempDir()
	samples := filepath.Join(tmp, "s.jsonl")
	var b strings.Builder
	// A small labeled crawl from the Clough corpus (copied fixture).
	src, err := os.ReadFile(root + "testdata/train/clough-dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	b.Write(src)
	os.WriteFile(samples, []byte(b.String()), 0o644)
	modelPath := filepath.Join(tmp, "m.json")
	code, _, errs := run(t, "", "train", "-o", modelPath, "--folds", "3", samples)
	if code != ExitOK {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	code, out, errs := run(t, "", "score", "--model", modelPath, root+"testdata/seeds")
	if code != ExitOK {
		t.Fatalf("score --model: exit %d: %s", code, errs)
	}
	if n := len(decodeRows(t, out)); n != 5 {
		t.Errorf("%d rows", n)
	}
	rowsPath := filepath.Join(tmp, "rows.jsonl")
	code, js, errs := run(t, "", "eval", "--model", modelPath, "--json", "--rows", rowsPath, samples)
	if code != ExitOK {
		t.Fatalf("eval: exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("eval --json: %v\n%s", err, js)
	}
	for _, k := range []string{"n", "accuracy", "macro_f1", "per_class", "confusion", "source"} {
		if _, ok := m[k]; !ok {
			t.Errorf("eval --json lacks %q", k)
		}
	}
	if m["n"].(float64) != 80 {
		t.Errorf("eval n = %v, want 80", m["n"])
	}
	// --rows: one row a sample, in order, each with its gold label.
	rb, err := os.ReadFile(rowsPath)
	if err != nil {
		t.Fatal(err)
	}
	var golds int
	for i, line := range strings.Split(strings.TrimSpace(string(rb)), "\n") {
		var r struct {
			Gold  string  `json:"gold"`
			ID    string  `json:"id"`
			Label *string `json:"label"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.ID == "" || r.Label == nil {
			t.Fatalf("--rows line %d: %v: %s", i+1, err, line)
		}
		if r.Gold != "" {
			golds++
		}
	}
	if golds != 80 {
		t.Errorf("--rows: %d rows with a gold label, want 80", golds)
	}
}

// writeWARC writes a two-record Common Crawl style WARC (gzip member per
// record) holding testdata/formats/article.html and a seed page as text.
func writeWARC(t *testing.T, path string) {
	t.Helper()
	var buf bytes.Buffer
	w := crawl.NewWARCWriter(&buf)
	for _, p := range []struct{ url, file, ctype string }{
		{"https://example.org/article", "testdata/formats/article.html", "text/html; charset=utf-8"},
		{"https://example.org/seed", "testdata/seeds/004_6512205255edc4fc.txt", "text/plain; charset=utf-8"},
	} {
		body, err := os.ReadFile(root + p.file)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(p.url, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), p.ctype, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFeaturesCrawlsApart checks that samples naming different crawls are
// scored apart: the same text is a peer within a crawl, never across.
func TestFeaturesCrawlsApart(t *testing.T) {
	text, err := os.ReadFile(root + "testdata/seeds/004_6512205255edc4fc.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, s := range []struct{ id, crawl string }{{"a", ""}, {"b", ""}, {"c", "x"}, {"d", "y"}} {
		b, _ := json.Marshal(map[string]any{"id": s.id, "label": "original", "text": string(text), "crawl": s.crawl})
		lines = append(lines, string(b))
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "features", path)
	if code != ExitOK {
		t.Fatalf("features: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "paraphrase.has_peer")
	if col < 0 {
		t.Fatalf("no paraphrase.has_peer column in %v", recs[0])
	}
	want := map[string]string{"a": "1", "b": "1", "c": "0", "d": "0"}
	for _, r := range recs[1:] {
		if r[col] != want[r[0]] {
			t.Errorf("%s: has_peer %s, want %s", r[0], r[col], want[r[0]])
		}
	}
}

// seedLabels reads the expected label of each seed from the table in
// testdata/seeds/LABELS.md.
func seedLabels(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(root + "testdata/seeds/LABELS.md")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) > 3 && strings.HasSuffix(strings.TrimSpace(cells[1]), ".txt`") {
			want[strings.Trim(strings.TrimSpace(cells[1]), "`")] = strings.TrimSpace(cells[2])
		}
	}
	if len(want) != 5 {
		t.Fatalf("LABELS.md: %d seed labels, want 5", len(want))
	}
	return want
}

// TestSeedLabels checks the embedded models against LABELS.md: the seeds
// scored together as one crawl (default model), and each alone with
// --single (single-page model). The seeds are never training data.
func TestSeedLabels(t *testing.T) {
	want := seedLabels(t)
	check := func(mode string, rows []map[string]any) {
		for _, r := range rows {
			id := filepath.Base(r["id"].(string))
			if r["label"] != want[id] {
				t.Errorf("%s: %s labelled %v, want %s (probs %v)", mode, id, r["label"], want[id], r["probs"])
			}
		}
	}
	code, out, errs := run(t, "", "score", root+"testdata/seeds")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	check("crawl", decodeRows(t, out))
	for id := range want {
		code, out, errs := run(t, "", "score", "--single", root+"testdata/seeds/"+id)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		check("single", decodeRows(t, out))
	}
}

// agencyPage is the AP's own page of the seeds' story, made for the tests
// from seed 004, which carries the AP text word for word (its lines 5 to
// 21, "TAIPEI, Taiwan (AP) —" to the last paragraph): the headline, a
// by-line, the date the AP published it and the text.
func agencyPage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(root + "testdata/seeds/004_6512205255edc4fc.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 21 || !strings.HasPrefix(lines[4], "TAIPEI, Taiwan (AP) —") {
		t.Fatal("seed 004 is not the page this test was written for")
	}
	head := []string{lines[1], "By HUIZHONG WU", "Updated 10:12 PM EDT, October 15, 2023"}
	return strings.Join(append(head, lines[4:21]...), "\n") + "\n"
}

// scoreInput scores JSONL records given on stdin with the embedded models
// (score - and args) and returns the rows, failing the test on any exit
// status but ExitOK.
func scoreInput(t *testing.T, name, input string, args ...string) []map[string]any {
	t.Helper()
	code, out, errs := run(t, input, append(append([]string{"score"}, args...), "-")...)
	if code != ExitOK {
		t.Fatalf("%s: exit %d: %s", name, code, errs)
	}
	return decodeRows(t, out)
}

// hasFlag reports whether a row raised the named flag.
func hasFlag(r map[string]any, flag string) bool {
	flags, _ := r["flags"].([]any)
	for _, f := range flags {
		if f == flag {
			return true
		}
	}
	return false
}

// TestAgencyOriginal checks the seeds' crawl with the AP's own page in it
// (agencyPage): the AP page, dated before every copy, is the original
// although it carries the agency dateline; 004, the same text dated
// eighteen months later, is its reprint and names it as its source; the
// copies stay as they were. On the agency's own site (a JSONL record with
// an apnews.com url) the dateline is the page's own and does not count
// as a mark of syndication, and a newspaper's copy of the same day is the
// reprint.
func TestAgencyOriginal(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob(root + "testdata/seeds/00*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "ap.txt"), []byte(agencyPage(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "score", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := seedLabels(t)
	want["ap.txt"] = "original"
	for _, r := range decodeRows(t, out) {
		id := filepath.Base(r["id"].(string))
		if r["label"] != want[id] {
			t.Errorf("%s labelled %v, want %s (probs %v)", id, r["label"], want[id], r["probs"])
		}
		src, _ := r["source"].(string)
		switch id {
		case "004_6512205255edc4fc.txt":
			if src != "ap.txt" {
				t.Errorf("004's source %q, want ap.txt", src)
			}
			if ev := fmt.Sprint(r["evidence"]); !strings.Contains(ev, "dated 2025-04-24, 557 days after it") {
				t.Errorf("004's evidence does not say the dates decided: %s", ev)
			}
		case "001_f57f713da8e1d060.txt", "003_3bb9de54f4243c04.txt":
			// Dated 2023 and 2024: made from the AP page of 2023, not from
			// the same text reprinted in 2025.
			if src != "ap.txt" {
				t.Errorf("%s's source %q, want ap.txt", id, src)
			}
		case "ap.txt":
			if src != "" {
				t.Errorf("the AP page names %q as its source", src)
			}
			if flags := fmt.Sprint(r["flags"]); strings.Contains(flags, "wire_reprint") {
				t.Errorf("the AP page, dated before its verbatim reprint, is flagged %s", flags)
			}
		}
	}
	// The AP page on its own site, beside the spins.
	var in strings.Builder
	for _, f := range files {
		if strings.Contains(f, "004_") {
			continue
		}
		b, _ := os.ReadFile(f)
		line, _ := json.Marshal(map[string]string{"id": filepath.Base(f), "text": string(b)})
		in.Write(append(line, '\n'))
	}
	line, _ := json.Marshal(map[string]string{"id": "ap", "url": "https://apnews.com/article/putin-china-belt-road", "text": agencyPage(t)})
	in.Write(append(line, '\n'))
	// And a newspaper that ran the AP story the same day, dateline kept.
	line, _ = json.Marshal(map[string]string{"id": "paper", "url": "https://paper.example/news/national/putin-beijing", "text": "The Daily Paper\n" + agencyPage(t)})
	in.Write(append(line, '\n'))
	code, out, errs = run(t, in.String(), "score", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, r := range decodeRows(t, out) {
		src, _ := r["source"].(string)
		switch r["id"] {
		case "ap":
			if f, _ := r["features"].(map[string]any); f["paraphrase.wire_dateline"] != 0.0 {
				t.Errorf("the AP page on apnews.com: wire_dateline %v, want 0", f["paraphrase.wire_dateline"])
			}
			if flags := fmt.Sprint(r["flags"]); strings.Contains(flags, "wire_reprint") {
				t.Errorf("the AP page on apnews.com is flagged %s", flags)
			}
			if src != "" || r["label"] == "reprint" {
				t.Errorf("the AP page on apnews.com: %v, source %q", r["label"], src)
			}
		case "paper":
			// Same day, same text: the dateline off the agency's site
			// says which is the copy.
			if r["label"] != "reprint" || src != "ap" {
				t.Errorf("the newspaper's copy: %v (probs %v), source %q; want reprint of ap", r["label"], r["probs"], src)
			}
		}
	}
}

// TestLoneWirePage checks the AP story of agencyPage scored alone, as a
// crawl that holds no other copy of it: on a newspaper's site the kept
// dateline marks a syndicated reprint; on the agency's own site the page
// is the original. The same holds for a dateline written with the day,
// as Xinhua or UPI write it (the training crawl's datelines are all
// AP-style; a dateline of an agency that also publishes in another
// language, Xinhua, is no foreign outlet's credit to the translation
// family, since the agencies' English services write it so),
// and for a closing credit in place of the dateline (the training crawl
// has none); without either, the page reads as its outlet's own.
func TestLoneWirePage(t *testing.T) {
	const apLine = "TAIPEI, Taiwan (AP) —"
	for _, tc := range []struct {
		url, dateline, credit, want string
	}{
		{"https://paper.example/news/national/putin-beijing", apLine, "", "reprint"},
		{"https://apnews.com/article/putin-china-belt-road", apLine, "", "original"},
		{"https://paper.example/world/putin-beijing", "TAIPEI, Oct. 15 (Xinhua) --", "", "reprint"},
		{"https://paper.example/world/putin-beijing", "TAIPEI, Oct. 15 (UPI) --", "", "reprint"},
		{"https://paper.example/world/putin-beijing", "TAIPEI, Taiwan —", " — AP", "reprint"},
		{"https://paper.example/world/putin-beijing", "TAIPEI, Taiwan —", "\n(AP)", "reprint"},
		{"https://paper.example/world/putin-beijing", "TAIPEI, Taiwan —", "", "original"},
	} {
		text := strings.Replace(agencyPage(t), apLine, tc.dateline, 1)
		text = strings.TrimRight(text, "\n") + tc.credit + "\n"
		line, _ := json.Marshal(map[string]string{"id": "page", "url": tc.url, "text": text})
		code, out, errs := run(t, string(line)+"\n", "score", "-")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		rows := decodeRows(t, out)
		if len(rows) != 1 {
			t.Fatalf("%d rows, want 1", len(rows))
		}
		if r := rows[0]; r["label"] != tc.want || r["cluster"] != nil {
			t.Errorf("%s alone, %q … %q: %v (probs %v), cluster %v; want %s, no cluster",
				tc.url, tc.dateline, tc.credit, r["label"], r["probs"], r["cluster"], tc.want)
		}
	}
}

// TestRepublishedPage checks a page that says another outlet published its
// text first, as syndication partners and scrapers mark it: alone, it is a
// reprint off the outlet's site and an original on it; scored with the
// outlet's page, it is the copy and the outlet's page its source. The same
// text without the note is an original.
func TestRepublishedPage(t *testing.T) {
	story := strings.Replace(agencyPage(t), "TAIPEI, Taiwan (AP) — ", "", 1)
	note := strings.TrimRight(story, "\n") + "\nThis article was originally published by Example Wire. Read the original article.\n"
	page := func(id, url, text string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "url": url, "text": text})
		return string(b) + "\n"
	}
	for _, tc := range []struct {
		name, input string
		want        map[string]string // id: label
		flagged     bool              // the copy is flagged republished
		source      string            // the copy's source, "" for none
	}{
		{"alone, off the outlet's site", page("copy", "https://paper.example/world/1", note), map[string]string{"copy": "reprint"}, true, ""},
		{"alone, on the outlet's site", page("copy", "https://www.examplewire.com/world/1", note), map[string]string{"copy": "original"}, false, ""},
		{"alone, no note", page("copy", "https://paper.example/world/1", story), map[string]string{"copy": "original"}, false, ""},
		{"with the outlet's page", page("copy", "https://paper.example/world/1", note) + page("wire", "https://www.examplewire.com/world/1", story),
			map[string]string{"copy": "reprint", "wire": "original"}, true, "wire"},
	} {
		for _, r := range scoreInput(t, tc.name, tc.input) {
			id := fmt.Sprint(r["id"])
			if r["label"] != tc.want[id] || hasFlag(r, "republished") != (tc.flagged && id == "copy") {
				t.Errorf("%s: %s %v (probs %v), flags %v; want %s", tc.name, id, r["label"], r["probs"], r["flags"], tc.want[id])
			}
			if id == "copy" && tc.source != "" && r["source"] != tc.source {
				t.Errorf("%s: copy's source %v, want %s", tc.name, r["source"], tc.source)
			}
		}
	}
}

// TestPaddedCopy checks a scraper's copy of a story padded with formulas of
// its own ("In this article we explain …", "Let us know in the comments"):
// beside the page it copies, in either order, it is a reprint of that page
// and flagged padded_copy, and the copied page stays original; alone, the
// same copy is not flagged (nothing shows what it copies).
func TestPaddedCopy(t *testing.T) {
	story := strings.Replace(agencyPage(t), "TAIPEI, Taiwan (AP) — ", "", 1)
	lines := strings.SplitN(story, "\n", 4) // title, byline, date, text
	padded := strings.Join(lines[:3], "\n") + "\nAre you wondering what is going on? In this article we explain everything about the latest news.\n" +
		lines[3] + "\nIn conclusion, many people will be watching closely. What do you think about this news? Let us know in the comments below.\n"
	page := func(id, text string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "url": "https://" + id + ".example/world/1", "text": text})
		return string(b) + "\n"
	}
	for _, tc := range []struct {
		name, input string
		want        map[string]string // id: label, "" for any
	}{
		{"copy first", page("farm", padded) + page("paper", story), map[string]string{"farm": "reprint", "paper": "original"}},
		{"copy last", page("paper", story) + page("farm", padded), map[string]string{"farm": "reprint", "paper": "original"}},
		{"copy alone", page("farm", padded), map[string]string{"farm": ""}},
	} {
		for _, r := range scoreInput(t, tc.name, tc.input) {
			id := fmt.Sprint(r["id"])
			wantFlag := id == "farm" && len(tc.want) == 2
			if want := tc.want[id]; (want != "" && r["label"] != want) || hasFlag(r, "padded_copy") != wantFlag {
				t.Errorf("%s: %s %v (probs %v), flags %v; want %q, flagged %v", tc.name, id, r["label"], r["probs"], r["flags"], want, wantFlag)
			}
			if wantFlag && r["source"] != "paper" {
				t.Errorf("%s: the copy's source %v, want paper", tc.name, r["source"])
			}
		}
	}
}

// TestLLMLeftovers checks pages an AI news farm published with what the
// language model said around its text: a reply that only asks for the text
// to rewrite, and the AP text of agencyPage under the model's announcement
// of its rewrite. Each, scored alone by either model, is spun and flagged
// llm_artifacts; the AP text without the announcement is not flagged.
func TestLLMLeftovers(t *testing.T) {
	story := strings.Replace(agencyPage(t), "TAIPEI, Taiwan (AP) — ", "", 1)
	for _, tc := range []struct {
		name, text string
		flagged    bool
		want       string
	}{
		{"reply asking for the text", "Mon Oct 06 09:00:00 UTC 2025: Please provide the article you would like me to rewrite " +
			"for the news section. I need its text to do this. Once you provide it, I will write a headline, " +
			"an introduction and the supporting paragraphs in a neutral style.\n\nRead More\n", true, "spun"},
		{"announced rewrite", "Certainly! Here is the rewritten news article:\n\n" + story, true, "spun"},
		{"the same text, nothing announced", story, false, ""},
	} {
		for _, single := range []bool{false, true} {
			line, _ := json.Marshal(map[string]string{"id": "page", "url": "https://farm.example/news/1", "text": tc.text})
			args := []string{"score", "-"}
			if single {
				args = []string{"score", "--single", "-"}
			}
			code, out, errs := run(t, string(line)+"\n", args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			r := decodeRows(t, out)[0]
			flagged := strings.Contains(fmt.Sprint(r["flags"]), "llm_artifacts")
			if flagged != tc.flagged || (tc.want != "" && r["label"] != tc.want) {
				t.Errorf("%s (single %v): %v (probs %v), flags %v; want flagged %v, label %q",
					tc.name, single, r["label"], r["probs"], r["flags"], tc.flagged, tc.want)
			}
		}
	}
}

// TestTrainRows checks train --rows: one row per cross-validated sample,
// with the gold label and an out-of-fold label that is the most probable
// class of its probabilities.
func TestTrainRows(t *testing.T) {
	tmp := t.TempDir()
	samples := root + "testdata/train/clough-dev.jsonl"
	rowsPath := filepath.Join(tmp, "oof.jsonl")
	code, _, errs := run(t, "", "train", "-o", filepath.Join(tmp, "m.json"), "--folds", "3", "--rows", rowsPath, samples)
	if code != ExitOK {
		t.Fatalf("train --rows: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(rowsPath)
	if err != nil {
		t.Fatal(err)
	}
	rows := decodeRows(t, string(b))
	if len(rows) != 80 {
		t.Fatalf("%d rows, want one per sample (80)", len(rows))
	}
	for _, r := range rows {
		probs, _ := r["probs"].(map[string]any)
		best, sum := "", 0.0
		for c, v := range probs {
			p := v.(float64)
			sum += p
			if best == "" || p > probs[best].(float64) {
				best = c
			}
		}
		if r["gold"] == "" || r["label"] != best || sum < 0.999 || sum > 1.001 {
			t.Errorf("%v: gold %v, label %v, probs %v (sum %.3f)", r["id"], r["gold"], r["label"], probs, sum)
		}
	}
	code, _, errs = run(t, "", "train", "-o", filepath.Join(tmp, "m2.json"), "--folds", "0", "--rows", rowsPath, samples)
	if code == ExitOK || !strings.Contains(errs, "--rows needs cross-validation") {
		t.Errorf("train --folds 0 --rows: exit %d, stderr %q", code, errs)
	}
}

func TestTrainDate(t *testing.T) {
	now := time.Date(2026, 12, 4, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))
	tests := []struct {
		epoch, want string
		err         bool
	}{
		{"", "2026-12-05", false}, // today in UTC
		{"1795392000", "2026-11-23", false},
		{" 1795392000\n", "2026-11-23", false},
		{"2026-11-23", "", true},
	}
	for _, tc := range tests {
		got, err := trainDate(tc.epoch, now)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("trainDate(%q) = %q, %v; want %q (error %v)", tc.epoch, got, err, tc.want, tc.err)
		}
	}
}

// TestTrainDefaultExclude: without --exclude a crawl model trains
// crawlExclude with weight 0 on top of defaultExclude, a single-page model
// does not, and the command a model records names --exclude only when it
// differs from that default.
func TestTrainDefaultExclude(t *testing.T) {
	tests := []struct {
		single      bool
		exclude     []string
		spinner     bool // paraphrase.spinner_words excluded
		recordsFlag bool
	}{
		{single: false, spinner: true},
		{single: true, spinner: false},
		{single: false, exclude: defaultExclude, spinner: false, recordsFlag: true},
		{single: true, exclude: defaultExclude, spinner: false},
	}
	for _, tc := range tests {
		f := trainFlags{single: tc.single, exclude: tc.exclude, out: "m.json", clip: 3}
		if f.exclude == nil {
			f.exclude = f.defaultExclude()
		}
		if got := slices.Contains(f.exclude, "paraphrase.spinner_words"); got != tc.spinner {
			t.Errorf("single=%v exclude=%v: spinner_words excluded %v, want %v", tc.single, tc.exclude, got, tc.spinner)
		}
		recorded := strings.Join(trainArgs(f, []string{"s.jsonl"}), " ")
		if got := strings.Contains(recorded, "--exclude"); got != tc.recordsFlag {
			t.Errorf("single=%v exclude=%v: recorded %q, --exclude in it %v, want %v", tc.single, tc.exclude, recorded, got, tc.recordsFlag)
		}
	}
}

// TestSeeded: --fold-seed renames groups so that model.Folds assigns them
// anew, but keeps each group one group (and ungrouped samples apart); seed
// 0 leaves the names alone, and the recorded command names a seed only
// when one was given.
func TestSeeded(t *testing.T) {
	groups := []string{"a", "b", "a", "", "", "c"}
	if got := seeded(groups, 0); !slices.Equal(got, groups) {
		t.Errorf("seed 0: %v, want %v", got, groups)
	}
	for _, seed := range []int{1, 2} {
		got := seeded(groups, seed)
		for i := range groups {
			for j := range groups {
				same := groups[i] == groups[j] && (groups[i] != "" || i == j)
				together := got[i] == got[j] && (got[i] != "" || i == j)
				if together != same {
					t.Errorf("seed %d: samples %d and %d in one group %v, want %v", seed, i, j, together, same)
				}
			}
		}
		if slices.Equal(got, seeded(groups, 3-seed)) {
			t.Errorf("seeds %d and %d give the same names", seed, 3-seed)
		}
		f := trainFlags{out: "m.json", clip: 3, foldSeed: seed}
		f.exclude = f.defaultExclude()
		if a := strings.Join(trainArgs(f, nil), " "); !strings.Contains(a, fmt.Sprintf("--fold-seed=%d", seed)) {
			t.Errorf("seed %d: recorded %q", seed, a)
		}
	}
	f := trainFlags{out: "m.json", clip: 3}
	f.exclude = f.defaultExclude()
	if a := strings.Join(trainArgs(f, nil), " "); strings.Contains(a, "--fold-seed") {
		t.Errorf("no seed: recorded %q", a)
	}
}

// TestTrainingCrawlSyntheticApart guards the training crawl's layout: no
// synthetic (train-only) row, of synthetic.jsonl.gz or padded.jsonl.gz, shares a crawl with a real sample, so no
// evaluated row has a synthetic peer, and a synthetic row's gold source
// sits in its own crawl.
func TestTrainingCrawlSyntheticApart(t *testing.T) {
	real, err := crawl.ReadSamples(root+"testdata/train/samples.jsonl.gz", crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var syn []crawl.Sample
	for _, f := range []string{"synthetic", "padded"} {
		s, err := crawl.ReadSamples(root+"testdata/train/"+f+".jsonl.gz", crawl.Options{})
		if err != nil {
			t.Fatal(err)
		}
		syn = append(syn, s...)
	}
	realCrawls, ids := map[string]bool{}, map[string]string{}
	for _, s := range real {
		realCrawls[s.Crawl] = true
		ids[s.Record.ID] = s.Crawl
	}
	synCrawl := map[string]string{}
	for _, s := range syn {
		if realCrawls[s.Crawl] {
			t.Errorf("synthetic %s is in crawl %q, which holds real samples", s.Record.ID, s.Crawl)
		}
		if _, ok := ids[s.Record.ID]; ok {
			t.Errorf("synthetic %s reuses a real sample's id", s.Record.ID)
		}
		synCrawl[s.Record.ID] = s.Crawl
	}
	for _, s := range syn {
		if c, ok := synCrawl[s.SourceID]; s.SourceID != "" && (!ok || c != s.Crawl) {
			t.Errorf("synthetic %s: source %s is not in its crawl %q", s.Record.ID, s.SourceID, s.Crawl)
		}
	}
	if len(syn) == 0 || len(real) == 0 {
		t.Fatalf("%d real and %d synthetic samples", len(real), len(syn))
	}
}

// TestAtomicFileMode: an output written through createAtomic is readable
// by others, as one os.Create makes, not private as os.CreateTemp makes
// its temporary file.
func TestAtomicFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.json")
	f, err := createAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("{}\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o644 {
		t.Errorf("mode %v, want -rw-r--r--", got)
	}
}

// TestTrainShort trains with --short on the Clough fixture and a slice of
// the one-sentence pages, and scores a one-sentence page with the model.
func TestTrainShort(t *testing.T) {
	tmp := t.TempDir()
	f, err := os.Open(root + "testdata/train/sentences.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20)
	for n := 0; n < 240 && sc.Scan(); n++ {
		b.WriteString(sc.Text() + "\n")
	}
	sentences := filepath.Join(tmp, "sentences.jsonl")
	if err := os.WriteFile(sentences, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	modelPath := filepath.Join(tmp, "m.json")
	code, _, errs := run(t, "", "train", "-o", modelPath, "--folds", "3", "--short-augment", sentences, root+"testdata/train/clough-dev.jsonl")
	if code == ExitOK || !strings.Contains(errs, "--short-augment needs --short") {
		t.Errorf("train --short-augment without --short: exit %d: %s", code, errs)
	}
	code, _, errs = run(t, "", "train", "-o", modelPath, "--folds", "3", "--short", "2", "--short-augment", sentences, root+"testdata/train/clough-dev.jsonl")
	if code != ExitOK {
		t.Fatalf("train --short: exit %d: %s", code, errs)
	}
	raw, err := os.ReadFile(modelPath)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Route *struct {
			Column string  `json:"column"`
			Max    float64 `json:"max"`
		} `json:"route"`
		Short      map[string]any `json:"short"`
		Provenance struct {
			Command string `json:"command"`
		} `json:"provenance"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.Route == nil || m.Route.Column != "paraphrase.sentences" || m.Route.Max != 2 || m.Short == nil {
		t.Fatalf("model route %+v, short present %v", m.Route, m.Short != nil)
	}
	if !strings.Contains(m.Provenance.Command, "--short=2") || !strings.Contains(m.Provenance.Command, "--short-augment "+sentences) {
		t.Errorf("command %q does not record --short and --short-augment", m.Provenance.Command)
	}
	page := filepath.Join(tmp, "one.txt")
	os.WriteFile(page, []byte("The council approved the new budget on Tuesday after a long debate.\n"), 0o644)
	code, out, errs := run(t, "", "score", "--model", modelPath, page)
	if code != ExitOK {
		t.Fatalf("score: exit %d: %s", code, errs)
	}
	rows := decodeRows(t, out)
	if len(rows) != 1 || !strings.Contains(fmt.Sprint(rows[0]["evidence"]), "short-page model") {
		t.Errorf("rows %v: want one row whose evidence names the short-page model", rows)
	}
}

// TestScorePrior checks --prior: a prior that makes original more common
// raises its odds against every other class on every page, and a prior
// that is not one is an error that names it.
func TestScorePrior(t *testing.T) {
	probs := func(args ...string) map[string]map[string]float64 {
		t.Helper()
		code, out, errs := run(t, "", append([]string{"score"}, args...)...)
		if code != ExitOK {
			t.Fatalf("score %v: exit %d: %s", args, code, errs)
		}
		m := map[string]map[string]float64{}
		for _, r := range decodeRows(t, out) {
			p := map[string]float64{}
			for k, v := range r["probs"].(map[string]any) {
				p[k] = v.(float64)
			}
			m[r["id"].(string)] = p
		}
		return m
	}
	for _, mode := range [][]string{nil, {"--single"}} {
		base := probs(append(mode, root+"testdata/seeds")...)
		rare := probs(append(mode, "--prior", "original=0.97,reprint=0.01,spun=0.01,translated=0.01", root+"testdata/seeds")...)
		rose := 0
		for id, p := range base {
			q := rare[id]
			for _, c := range []string{"reprint", "spun", "translated"} {
				if q["original"]/q[c] <= p["original"]/p[c] {
					t.Errorf("%v %s: odds of original against %s %v with the prior, %v without", mode, id, c, q["original"]/q[c], p["original"]/p[c])
				}
			}
			if q["original"] > p["original"]+0.01 {
				rose++
			}
		}
		if rose == 0 {
			t.Errorf("%v: the prior moved no page toward original", mode)
		}
	}
	if code, out, errs := run(t, "", "explain", "--prior", "original=0.97,reprint=0.01,spun=0.01,translated=0.01", root+"testdata/seeds/000_aea046b3ecdc98ab.txt"); code != ExitOK || out == "" {
		t.Errorf("explain --prior: exit %d: %s", code, errs)
	}
	for _, prior := range []string{"original=1", "original=1,reprint=1,spun=1,translated=0", "original=1,reprint=1,spun=1,translated=1,copied=1"} {
		if code, _, errs := run(t, "", "score", "--prior", prior, root+"testdata/seeds"); code != ExitUsage || !strings.Contains(errs, "--prior") {
			t.Errorf("--prior %s: exit %d, %s", prior, code, errs)
		}
	}
}

// TestRowsCarryPrior checks that rows scored with --prior say so, that
// rows scored without one carry no prior, and that the prior command
// reads a row's own prior as if it were given on its command line.
func TestRowsCarryPrior(t *testing.T) {
	dir := t.TempDir()
	const p = "original=0.6,reprint=0.15,spun=0.15,translated=0.1"
	plain, with := filepath.Join(dir, "plain.jsonl"), filepath.Join(dir, "with.jsonl")
	for _, tc := range []struct {
		out  string
		args []string
	}{{plain, nil}, {with, []string{"--prior", p}}} {
		if code, _, errs := run(t, "", append(append([]string{"score", "-o", tc.out}, tc.args...), root+"testdata/seeds")...); code != ExitOK {
			t.Fatalf("score %v: exit %d: %s", tc.args, code, errs)
		}
	}
	want, err := model.ParsePrior(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		want model.Prior
	}{{plain, nil}, {with, want}} {
		b, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range decodeRows(t, string(b)) {
			got, _ := r["prior"].(map[string]any)
			if len(got) != len(tc.want) {
				t.Fatalf("%s: row %v has prior %v, want %v", filepath.Base(tc.file), r["id"], got, tc.want)
			}
			for c, v := range tc.want {
				if f, _ := got[c].(float64); math.Abs(f-v) > 1e-9 {
					t.Errorf("%s: row %v: prior of %s %v, want %v", filepath.Base(tc.file), r["id"], c, got[c], v)
				}
			}
		}
	}
	code, own, errs := run(t, "", "prior", with)
	if code != ExitOK {
		t.Fatalf("prior: exit %d: %s", code, errs)
	}
	code, given, errs := run(t, "", "prior", "--prior", p, with)
	if code != ExitOK {
		t.Fatalf("prior --prior: exit %d: %s", code, errs)
	}
	if own != given {
		t.Errorf("prior of rows that carry theirs: %q; with --prior given: %q", own, given)
	}
}

// TestPriorCommand checks `spinscan prior` on the seeds' rows: it prints
// a prior that score --prior takes, estimated from the rows (three spins,
// a reprint and a translation: spun the largest share), skipping error
// rows, and the seeds scored with it keep their labels.
func TestPriorCommand(t *testing.T) {
	dir := t.TempDir()
	rows := filepath.Join(dir, "rows.jsonl")
	if code, _, errs := run(t, "", "score", "-o", rows, root+"testdata/seeds"); code != ExitOK {
		t.Fatalf("score: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(rows)
	if err != nil {
		t.Fatal(err)
	}
	withError := filepath.Join(dir, "with-error.jsonl")
	bad := `{"id":"x","label":null,"probs":null,"error":"extract x: empty page"}` + "\n"
	if err := os.WriteFile(withError, append(b, bad...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "prior", withError)
	if code != ExitOK {
		t.Fatalf("prior: exit %d: %s", code, errs)
	}
	p, err := model.ParsePrior(strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("prior printed %q: %v", out, err)
	}
	sum := 0.0
	for c, v := range p {
		sum += v
		if c != "spun" && v >= p["spun"] {
			t.Errorf("prior %v: %s not under spun", p, c)
		}
	}
	if math.Abs(sum-1) > 0.01 || !strings.Contains(errs, "1 error rows") {
		t.Errorf("prior %v (sum %.3f); stderr %q", p, sum, errs)
	}
	want := seedLabels(t)
	code, out, errs = run(t, "", "score", "--prior", strings.TrimSpace(out), root+"testdata/seeds")
	if code != ExitOK {
		t.Fatalf("score --prior: exit %d: %s", code, errs)
	}
	for _, r := range decodeRows(t, out) {
		if id := filepath.Base(r["id"].(string)); r["label"] != want[id] {
			t.Errorf("%s labelled %v with the estimated prior, want %s", id, r["label"], want[id])
		}
	}
}

// TestTrainInteractions: a crawl model gets --interactions pairs gated by
// paraphrase.has_peer and records a number other than the default; a
// single-page model gets none by default; a negative number is refused.
func TestTrainInteractions(t *testing.T) {
	tmp := t.TempDir()
	samples := root + "testdata/train/clough-dev.jsonl"
	type saved struct {
		Pairs      [][2]int `json:"pairs"`
		Gate       string   `json:"gate"`
		Provenance struct {
			Command string `json:"command"`
		} `json:"provenance"`
	}
	load := func(path string) saved {
		var m saved
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	tests := []struct {
		args    []string
		pairs   int
		gate    string
		records string
	}{
		{[]string{"--interactions", "3"}, 3, gateColumn, "--interactions=3"},
		{nil, defaultInteractions, gateColumn, ""},
		{[]string{"--single"}, 0, "", ""},
	}
	for i, tt := range tests {
		path := filepath.Join(tmp, fmt.Sprintf("m%d.json", i))
		args := append([]string{"train", "-o", path, "--folds", "0"}, tt.args...)
		if code, _, errs := run(t, "", append(args, samples)...); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errs)
		}
		m := load(path)
		if len(m.Pairs) != tt.pairs || m.Gate != tt.gate {
			t.Errorf("%v: %d pairs, gate %q; want %d, %q", tt.args, len(m.Pairs), m.Gate, tt.pairs, tt.gate)
		}
		if got := strings.Contains(m.Provenance.Command, "--interactions"); got != (tt.records != "") || !strings.Contains(m.Provenance.Command, tt.records) {
			t.Errorf("%v: command %q, want it to record %q", tt.args, m.Provenance.Command, tt.records)
		}
	}
	code, _, errs := run(t, "", "train", "-o", filepath.Join(tmp, "bad.json"), "--interactions", "-2", samples)
	if code == ExitOK || !strings.Contains(errs, "--interactions") {
		t.Errorf("--interactions -2: exit %d: %s", code, errs)
	}
}

// TestOnePageHint checks the note on stderr when one page is scored with
// the crawl model: with the embedded models it gives the single-page
// model's reading of the page (seed 000, a farm spin, reads spun alone);
// with a model file of the user's, --single, or more than one page, no
// second reading.
func TestOnePageHint(t *testing.T) {
	seed := root + "testdata/seeds/000_aea046b3ecdc98ab.txt"
	tests := []struct {
		name string
		args []string
		want string // "" when stderr must hold no one-page note
	}{
		{"score", []string{"score", seed}, "reads it as spun"},
		{"explain", []string{"explain", seed}, "reads it as spun"},
		{"own model", []string{"score", "--model", root + "model/default.json", seed}, "--single uses the single-page model"},
		{"single", []string{"score", "--single", seed}, ""},
		{"two pages", []string{"score", seed, root + "testdata/seeds/004_6512205255edc4fc.txt"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, "", tc.args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if tc.want == "" {
				if strings.Contains(errs, "one page:") {
					t.Errorf("stderr has a one-page note: %s", errs)
				}
			} else if !strings.Contains(errs, "one page:") || !strings.Contains(errs, tc.want) {
				t.Errorf("stderr lacks %q: %s", tc.want, errs)
			}
		})
	}
}
