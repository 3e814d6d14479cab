package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

const chromiumPath = "/usr/bin/chromium"

// chromium runs Debian's headless Chromium on file with extra flags and
// returns its standard output. The profile lives in a fresh temporary
// directory and nothing is fetched from the network.
func chromium(t *testing.T, file string, flags ...string) []byte {
	t.Helper()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=5000", "--window-size=1400,3000",
	}, flags...)
	args = append(args, "file://"+file)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromiumPath, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return out
}

// TestBrowser renders the report of the seeds' rows plus a hostile row in
// headless Chromium and checks, in the DOM after the scripts ran, that
// every chart drew a canvas and that the hostile markup stayed text. It is
// skipped when Chromium is missing, unless SPINSCAN_BROWSER=1, which makes
// a missing Chromium a failure.
func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("SPINSCAN_BROWSER") == "1" {
			t.Fatalf("SPINSCAN_BROWSER=1 but %s is missing: %v", chromiumPath, err)
		}
		t.Skipf("%s missing (apt-get install chromium; SPINSCAN_BROWSER=1 makes this fail)", chromiumPath)
	}
	rows := append(readRows(t, "seeds.jsonl"), readRows(t, "hostile.jsonl")...)
	dir := t.TempDir()
	reports := map[string]func(*bytes.Buffer) error{
		"crawl":    func(b *bytes.Buffer) error { return Crawl(b, rows, Options{Title: "seeds plus a hostile page"}) },
		"training": func(b *bytes.Buffer) error { return Training(b, readTraining(t)) },
		"page":     func(b *bytes.Buffer) error { return Page(b, rows[len(rows)-1]) },
	}
	for name, write := range reports {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".html")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			wantCharts := regexp.MustCompile(`<div class="chart" id="`).FindAllIndex(buf.Bytes(), -1)
			dom := chromium(t, file, "--dump-dom")
			doc, err := html.Parse(bytes.NewReader(dom))
			if err != nil {
				t.Fatal(err)
			}
			var charts, drawn, injected int
			var title string
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					switch n.Data {
					case "div":
						if attr(n, "class") == "chart" {
							charts++
							if hasCanvas(n) {
								drawn++
							} else {
								t.Errorf("chart %s drew no canvas", attr(n, "id"))
							}
						}
					case "img", "svg", "iframe", "object", "embed", "textarea", "input", "form":
						injected++
						t.Errorf("injected <%s> in the rendered DOM", n.Data)
					case "title":
						if n.FirstChild != nil {
							title = n.FirstChild.Data
						}
					}
					for _, a := range n.Attr {
						if strings.HasPrefix(a.Key, "on") {
							t.Errorf("<%s %s=%q> in the rendered DOM", n.Data, a.Key, a.Val)
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			if charts != len(wantCharts) || charts == 0 {
				t.Errorf("rendered DOM has %d chart elements, the report %d", charts, len(wantCharts))
			}
			// The hostile title sets document.title to "pwned" if any of its
			// markup ran; escaped, it shows as literal text.
			if title == "pwned" {
				t.Errorf("a hostile script ran: document title %q", title)
			}
			if bytes.Contains(dom, []byte("pwned")) && !bytes.Contains(dom, []byte("document.title=")) {
				t.Error("hostile text vanished from the page")
			}
			t.Logf("%s: %d charts, %d drew a canvas, title %q", name, charts, drawn, title)
		})
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasCanvas(n *html.Node) bool {
	if n.Type == html.ElementNode && n.Data == "canvas" {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasCanvas(c) {
			return true
		}
	}
	return false
}
