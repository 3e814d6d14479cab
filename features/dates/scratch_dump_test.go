package dates

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func TestScratchDump(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	root := "../../../shared/corpus/web-pages-gold"
	f, err := os.Open(filepath.Join(root, "manifest.jsonl"))
	if err != nil {
		t.Skip(err)
	}
	type man struct {
		ID, Path, URL, Lang string
		Gold                struct {
			D string `json:"htmldate_publication_date"`
			S string `json:"htmldate_set"`
		}
	}
	var ms []man
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var m man
		json.Unmarshal(sc.Bytes(), &m)
		if m.Gold.D != "" {
			ms = append(ms, m)
		}
	}
	out := make([]map[string]any, len(ms))
	var wg sync.WaitGroup
	ch := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ch {
				m := ms[i]
				fz, _ := os.Open(filepath.Join(root, m.Path))
				zr, _ := gzip.NewReader(fz)
				b, _ := io.ReadAll(zr)
				fz.Close()
				rec := map[string]any{"id": m.ID, "url": m.URL, "gold": m.Gold.D, "set": m.Gold.S}
				for _, v := range []struct {
					n         string
					ext, orig bool
				}{{"fo", false, true}, {"eo", true, true}, {"fl", false, false}, {"el", true, false}} {
					doc, _ := html.Parse(bytes.NewReader(b))
					r, err := htmldate.FromDocument(doc, htmldate.Options{URL: m.URL, UseOriginalDate: v.orig, SkipExtensiveSearch: !v.ext})
					if err == nil && !r.IsZero() {
						rec[v.n] = r.DateTime.Format("2006-01-02")
					}
				}
				doc, _ := html.Parse(bytes.NewReader(b))
				opts := trafilatura.Options{HtmlDateOptions: HTMLDateOptions(), Focus: trafilatura.Balanced}
				if u, err := url.ParseRequestURI(m.URL); err == nil {
					opts.OriginalURL = u
				}
				res, err := trafilatura.ExtractDocument(doc, opts)
				if err == nil && res != nil && !res.Metadata.Date.IsZero() {
					rec["traf"] = res.Metadata.Date.Format("2006-01-02")
				}
				if err == nil && res != nil {
					rec["title"] = res.Metadata.Title
					rec["text"] = res.ContentText
				}
				doc2, _ := html.Parse(bytes.NewReader(b))
				var cs []string
				for _, c := range MarkupCandidates(doc2, m.URL) {
					cs = append(cs, string(c.Source)+"="+c.Time.Format("2006-01-02")+"="+c.Text)
				}
				rec["cands"] = cs
				var ss []string
				vis := scratchVisible(doc2)
				rec["raw"] = vis
				for k, st := range Stamps(vis, m.Lang == "en") {
					if k >= 40 {
						break
					}
					al := ""
					if st.Alone {
						al = "A"
					}
					ss = append(ss, st.Time.Format("2006-01-02")+"|"+strconv.Itoa(st.Line)+"|"+st.Label+"|"+al+"|"+st.Text)
				}
				rec["stamps"] = ss
				out[i] = rec
			}
		}()
	}
	for i := range ms {
		ch <- i
	}
	close(ch)
	wg.Wait()
	o, _ := os.Create("/tmp/dwork/dump.jsonl")
	enc := json.NewEncoder(o)
	for _, r := range out {
		enc.Encode(r)
	}
	o.Close()
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true,
	"article": true, "header": true, "footer": true, "blockquote": true,
	"ul": true, "ol": true, "table": true, "details": true, "summary": true,
	"dt": true, "dd": true, "nav": true, "aside": true, "main": true, "form": true,
}

func scratchVisible(doc *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		switch n.Type {
		case html.TextNode:
			t := strings.Join(strings.Fields(n.Data), " ")
			if t != "" {
				if b.Len() > 0 {
					last := b.String()[b.Len()-1]
					if last != '\n' && last != ' ' {
						b.WriteByte(' ')
					}
				}
				b.WriteString(t)
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "head", "svg", "iframe":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] && b.Len() > 0 && b.String()[b.Len()-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	walk(doc, 0)
	return strings.TrimSpace(b.String())
}
