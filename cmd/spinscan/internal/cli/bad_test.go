package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// badDir holds the committed bad inputs (see its README).
const badDir = root + "testdata/bad/"

// Environment of the re-executed test binary that TestScoreResumeAfterKill
// kills: the CLI arguments as a JSON array, and a pause after every row.
const (
	childArgsEnv  = "SPINSCAN_TEST_CLI_ARGS"
	childDelayEnv = "SPINSCAN_TEST_ROW_DELAY"
)

// TestMain runs the CLI instead of the tests when re-executed as a child.
func TestMain(m *testing.M) {
	if a := os.Getenv(childArgsEnv); a != "" {
		var args []string
		if err := json.Unmarshal([]byte(a), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(ExitFailure)
		}
		e := &env{ctx: context.Background(), stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
		if d, err := time.ParseDuration(os.Getenv(childDelayEnv)); err == nil {
			e.afterRow = func() { time.Sleep(d) }
		}
		os.Exit(mainEnv(e, args))
	}
	os.Exit(m.Run())
}

// wantRow is what one output row must show: an id ending in id, and either
// an error containing err, or a score (checkScored) with the language lang
// and a title containing title when those are set.
type wantRow struct {
	id, err, lang, title string
}

func checkRows(t *testing.T, rows []map[string]any, wants []wantRow) {
	t.Helper()
	if len(rows) != len(wants) {
		ids := []any{}
		for _, r := range rows {
			ids = append(ids, r["id"])
		}
		t.Fatalf("%d rows %v, want %d (one per record)", len(rows), ids, len(wants))
	}
	for i, w := range wants {
		r := rows[i]
		id, _ := r["id"].(string)
		if !strings.HasSuffix(id, w.id) {
			t.Errorf("row %d is %q, want …%s (input order)", i, id, w.id)
		}
		if w.err != "" {
			msg, _ := r["error"].(string)
			if !strings.Contains(msg, w.err) || r["label"] != nil {
				t.Errorf("row %s: error %q label %v, want an error row saying %q", id, msg, r["label"], w.err)
			}
			continue
		}
		checkScored(t, r)
		if w.lang != "" && r["lang"] != w.lang {
			t.Errorf("row %s: lang %v, want %s", id, r["lang"], w.lang)
		}
		if title, _ := r["title"].(string); w.title != "" && !strings.Contains(title, w.title) {
			t.Errorf("row %s: title %q lacks %q (charset decoding)", id, title, w.title)
		}
	}
}

// TestScoreBadInputs scores each committed bad input through the CLI: one
// row per record in input order, error rows saying what was wrong, legacy
// charsets decoded, exit code 3 when any record failed.
func TestScoreBadInputs(t *testing.T) {
	tests := []struct {
		file  string
		flags []string
		rows  []wantRow
	}{
		{"binary-junk.html", nil, []wantRow{{err: "binary content (application/octet-stream)"}}},
		{"invalid-utf8.txt", nil, []wantRow{{lang: "en", title: "Putin’s visit"}}},
		{"empty.html", nil, []wantRow{{err: "extract " + badDir + "empty.html: empty page"}}},
		{"empty.txt", nil, []wantRow{{err: "empty page"}}},
		{"truncated.html.gz", nil, []wantRow{{err: "bad gzip stream at compressed offset 305: unexpected EOF"}}},
		{"cp1251-declared.html", nil, []wantRow{{lang: "ru", title: "В Турции испытали"}}},
		{"cp1251-undeclared.html", nil, []wantRow{{lang: "ru", title: "В Турции испытали"}}},
		{"sjis-declared.html", nil, []wantRow{{lang: "ja", title: "北海道新聞"}}},
		{"sjis-undeclared.txt", nil, []wantRow{{lang: "ja"}}},
		{"latin1-declared.html", nil, []wantRow{{lang: "fr", title: "tempête Ciaran"}}},
		{"latin1-undeclared.txt", nil, []wantRow{{lang: "fr", title: "tempête Ciaran"}}},
		{"lying-length.warc", nil, []wantRow{
			{id: "#0"},
			{id: "#1532", err: "Content-Length 1651 overruns the record"},
			{id: "#3064"},
			{id: "#4596", err: "content-length does not end the record"},
			{id: "#6128"},
		}},
		{"cut-mid-record.warc", nil, []wantRow{
			{id: "#0"}, {id: "#1532"},
			{id: "#3064", err: "truncated record: the input ends inside the record"},
		}},
		{"cut-mid-record.warc.gz", nil, []wantRow{
			{id: "#0"}, {id: "#843"},
			{id: "#1688", err: "bad gzip stream"},
		}},
		{"broken-lines.jsonl", nil, []wantRow{
			{id: "good-1"},
			{id: "broken-lines.jsonl:2", err: "line 2: unexpected end of JSON input"},
			{id: "good-2"},
			{id: "broken-lines.jsonl:4", err: "line 4: invalid character"},
			{id: "no-body", err: `line 5: has neither "html" nor "text"`},
			{id: "both", err: `line 7: has both "html" and "text"`},
			{id: "broken-lines.jsonl:8"},
			{id: "42"},
			{id: "broken-lines.jsonl:10", err: "line 10: json: cannot unmarshal array"},
			{id: "good-3"},
			{id: "broken-lines.jsonl:12", err: "line 12: unexpected end of JSON input"},
		}},
		// 32 MiB of spaces in 32 KB of gzip: over the default 8 MiB record
		// limit, or over a 4 MiB decompression limit.
		{"bomb.html.gz", nil, []wantRow{{err: "decompresses to more than the 8 MiB limit"}}},
		{"bomb.html.gz", []string{"--max-decompressed", "4MiB"}, []wantRow{{err: "decompresses to more than 4 MiB"}}},
		{"bomb.warc.gz", nil, []wantRow{
			{id: "#0"},
			{id: "#843", err: "record is 32.0 MiB, over the 8 MiB limit"},
			{id: "#33792"},
		}},
		{"bomb.warc.gz", []string{"--max-record", "1GiB", "--max-decompressed", "4MiB"}, []wantRow{
			{id: "#0"},
			{id: "#843", err: "decompresses to more than 4 MiB"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file+strings.Join(tt.flags, ""), func(t *testing.T) {
			args := append(append([]string{"score"}, tt.flags...), badDir+tt.file)
			code, out, errs := run(t, "", args...)
			failed := 0
			for _, w := range tt.rows {
				if w.err != "" {
					failed++
				}
			}
			want := ExitOK
			if failed > 0 {
				want = ExitPartial
				if !strings.Contains(errs, fmt.Sprintf("%d of %d records failed", failed, len(tt.rows))) {
					t.Errorf("stderr does not count the failures: %q", errs)
				}
			}
			if code != want {
				t.Errorf("exit %d, want %d; stderr: %s", code, want, errs)
			}
			checkRows(t, decodeRows(t, out), tt.rows)
		})
	}
}

// TestScoreBadFolder scores all of testdata/bad as one crawl: every input
// file gives its rows, in order, and the good pages among them score.
func TestScoreBadFolder(t *testing.T) {
	code, out, errs := run(t, "", "score", badDir)
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitPartial, errs)
	}
	rows := decodeRows(t, out)
	// binary, bomb.html, bomb.warc×3, broken-lines×11, cp1251×2, cut×3,
	// cut.gz×3, empty×2, invalid-utf8, latin1×2, lying×5, sjis×2, truncated.
	if len(rows) != 37 {
		t.Fatalf("%d rows, want 37", len(rows))
	}
	scored := 0
	for _, r := range rows {
		if r["error"] == nil {
			checkScored(t, r)
			scored++
		}
	}
	if scored != 21 {
		t.Errorf("%d rows scored, want 21", scored)
	}
	if !strings.Contains(errs, "skipped 7 files that are") { // README.md and the bad models
		t.Errorf("stderr: %s", errs)
	}
}

// TestScoreHugeInputs generates the inputs too big to commit: a 50 MB
// page, 200,000-deep nested tags and a gzip bomb (256 MiB of spaces), each followed by
// a good page that must still score.
func TestScoreHugeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MB")
	}
	seed, err := os.ReadFile(root + "testdata/seeds/002_fb87b344464e1c20.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	para := "<p>The council met on Tuesday to discuss the new budget for the city library and the parks.</p>\n"
	big := write("big.html", []byte("<html><body><article>"+strings.Repeat(para, 50_000_000/len(para)+1)+"</article></body></html>"))
	deep := write("deep.html", []byte("<html><body>"+strings.Repeat("<div>", 200_000)+"<p>"+string(seed)+"</p>"+strings.Repeat("</div>", 200_000)+"</body></html>"))
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write([]byte("<html><body>"))
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 256 {
		zw.Write(spaces)
	}
	zw.Close()
	bomb := write("bomb.html.gz", gz.Bytes())
	good := write("good.txt", seed)

	for _, tc := range []struct {
		name   string
		args   []string
		bad    string
		reason string
	}{
		{"50MB page", []string{big}, "big.html", "record is 47.7 MiB, over the 8 MiB limit"},
		{"200k-deep tags", []string{deep}, "deep.html", "unparseable HTML: html: open stack of elements exceeds 512 nodes"},
		{"gzip bomb", []string{bomb}, "bomb.html.gz", "decompresses to more than the 8 MiB limit"},
		{"gzip bomb, decompression limit", []string{"--max-record", "1GiB", "--max-decompressed", "64MiB", bomb}, "bomb.html.gz", "decompresses to more than 64 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, out, errs := run(t, "", append(append([]string{"score"}, tc.args...), good)...)
			if code != ExitPartial {
				t.Errorf("exit %d, want %d; stderr: %s", code, ExitPartial, errs)
			}
			checkRows(t, decodeRows(t, out), []wantRow{{id: tc.bad, err: tc.reason}, {id: "good.txt"}})
			t.Logf("%s in %v", tc.name, time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestScoreLimitsFlags checks the per-record time limit and the size flag
// syntax.
func TestScoreLimitsFlags(t *testing.T) {
	seed := root + "testdata/seeds/002_fb87b344464e1c20.txt"
	code, out, errs := run(t, "", "score", "--timeout", "1ns", seed)
	if code != ExitPartial {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	checkRows(t, decodeRows(t, out), []wantRow{{err: "gave up after 1ns"}})
	for _, bad := range [][]string{{"--max-record", "lots"}, {"--max-decompressed", "-1MiB"}, {"--timeout", "0s"}, {"--resume"}, {"--resume", "-o", filepath.Join(t.TempDir(), "x.csv"), "--format", "csv"}} {
		if code, _, errs := run(t, "", append(append([]string{"score"}, bad...), seed)...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d; stderr: %s", bad, code, ExitUsage, errs)
		}
	}
	for _, tc := range []struct {
		in   string
		want int64
	}{{"16MiB", 16 << 20}, {"1 GiB", 1 << 30}, {"500KB", 500_000}, {"123", 123}, {"2GB", 2e9}} {
		if got, err := parseSize(tc.in); err != nil || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

// TestScoreBadModels loads the broken model files of testdata/bad with
// --model: each is refused before any input is read, with a clear error.
func TestScoreBadModels(t *testing.T) {
	seed := root + "testdata/seeds/002_fb87b344464e1c20.txt"
	for _, tc := range []struct{ file, want string }{
		{"model-wrong-columns.json", "does not fit this spinscan's features: model lacks column paraphrase.has_peer; model has unknown column no.such.column"},
		{"model-nan-weights.json", "line 253, column 5: model: decode: invalid character 'N'"},
		{"model-inf-bias.json", "cannot unmarshal number 1e999 into Go struct field Model.bias"},
		{"model-truncated.json", "the file ends inside the JSON (truncated?)"},
		{"model-short-weights.json", "weights[0] has 57 values, want 58 inputs"},
		{"model-unknown-class.json", `class "cat" is not a spinscan label`},
	} {
		t.Run(tc.file, func(t *testing.T) {
			code, out, errs := run(t, "", "score", "--model", badDir+tc.file, seed)
			if code != ExitFailure {
				t.Errorf("exit %d, want %d", code, ExitFailure)
			}
			if !strings.Contains(errs, tc.file) || !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q, want the file name and %q", errs, tc.want)
			}
			if out != "" {
				t.Errorf("rows written: %.200s", out)
			}
		})
	}
}

// resumeInput writes a JSONL crawl of n pages with ids prefix-000 on
// (variants of the seeds, so that they cluster) and returns its path.
func resumeInput(t *testing.T, dir, prefix string, n int) string {
	t.Helper()
	seeds, _ := filepath.Glob(root + "testdata/seeds/*.txt")
	if len(seeds) == 0 {
		t.Fatal("no seeds")
	}
	var b strings.Builder
	for i := range n {
		text, err := os.ReadFile(seeds[i%len(seeds)])
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, `{"id":"%s-%03d","url":"https://site%d.example/story","text":%s}`+"\n", prefix, i, i, jsonString(string(text)+fmt.Sprintf("\nPage %d of this crawl.", i)))
	}
	p := filepath.Join(dir, "crawl.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestScoreResumeAfterKill kills a scoring run with SIGKILL after some rows
// are written, tears its last line, resumes it with --resume and compares
// the result with an uninterrupted run: the same bytes.
func TestScoreResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the CLI three times")
	}
	const n = 10
	dir := t.TempDir()
	input := resumeInput(t, dir, "page", n)
	clean := filepath.Join(dir, "clean.jsonl")
	if code, _, errs := run(t, "", "score", "-j", "1", "-o", clean, input); code != ExitOK {
		t.Fatalf("clean run: exit %d: %s", code, errs)
	}
	want, _ := os.ReadFile(clean)

	out := filepath.Join(dir, "out.jsonl")
	args, _ := json.Marshal([]string{"score", "-j", "1", "-o", out, input})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(args), childDelayEnv+"=50ms")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once at least 3 rows are in the partial file.
	deadline := time.Now().Add(60 * time.Second)
	rows := 0
	for rows < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
		b, _ := os.ReadFile(out + partialSuffix)
		rows = bytes.Count(b, []byte("\n"))
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if rows < 3 {
		t.Fatalf("no rows written within a minute; stderr: %s", stderr.String())
	}
	if exists(out) {
		t.Fatalf("the killed run finished (%s exists); stderr: %s", out, stderr.String())
	}
	part, err := os.ReadFile(out + partialSuffix)
	if err != nil {
		t.Fatal(err)
	}
	kept := bytes.Count(part, []byte("\n"))
	if kept >= n || !bytes.HasPrefix(want, part[:bytes.LastIndexByte(part, '\n')+1]) {
		t.Fatalf("the partial file (%d rows) is not a prefix of the clean output", kept)
	}
	// Tear the last line, as a kill inside a write would.
	f, _ := os.OpenFile(out+partialSuffix, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"id":"page-0`)
	f.Close()

	// A different input must not be appended to it.
	other := resumeInput(t, t.TempDir(), "other", 3)
	if code, _, errs := run(t, "", "score", "-j", "1", "--resume", "-o", out, other); code != ExitFailure || !strings.Contains(errs, "does not match the partial output") {
		t.Errorf("resume on another input: exit %d, stderr %s", code, errs)
	}

	code, _, errs := run(t, "", "score", "-j", "1", "--resume", "-o", out, input)
	if code != ExitOK {
		t.Fatalf("resume: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, fmt.Sprintf("resuming after %d rows", kept)) {
		t.Errorf("stderr: %s", errs)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("resumed output (%d rows, %d bytes) differs from the clean run (%d rows, %d bytes)",
			bytes.Count(got, []byte("\n")), len(got), bytes.Count(want, []byte("\n")), len(want))
	}
	if exists(out + partialSuffix) {
		t.Error("the partial file is left after the run finished")
	}
	t.Logf("killed after %d rows of %d; resumed output identical", kept, n)
}

// TestScoreOutputAtomic checks that a failed run leaves no half-written
// output under the final name, and that a run whose inputs cannot be read
// leaves nothing behind.
func TestScoreOutputAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rows.jsonl")
	rep := filepath.Join(dir, "report.html")
	code, _, _ := run(t, "", "score", "-o", out, "--report", rep, filepath.Join(dir, "absent.html"))
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	hidden, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left)+len(hidden) > 0 {
		t.Errorf("files left after a failed run: %v %v", left, hidden)
	}
	// Partial failures still commit the output (their rows carry errors).
	code, _, _ = run(t, "", "score", "-o", out, "--report", rep, badDir+"broken-lines.jsonl")
	if code != ExitPartial || !exists(out) || !exists(rep) || exists(out+partialSuffix) {
		t.Errorf("exit %d; output %v, report %v, partial %v", code, exists(out), exists(rep), exists(out+partialSuffix))
	}
}
