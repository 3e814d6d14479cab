// Command langid measures language ID on short spans for the LANGID.md
// decision: whatlanggo against lingua-go (all languages, high and low
// accuracy mode) on word spans of the WMT dev originals (en, ru, uk, ja).
// It is its own module so that lingua-go stays out of spinscan's go.mod.
// Usage: go run . CORPUS DETECTOR SPANWORDS (see LANGID.md).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/abadojack/whatlanggo"
	"github.com/pemistahl/lingua-go"
)

func main() {
	root, det := os.Args[1], os.Args[2]
	var spans []int
	for _, a := range strings.Split(os.Args[3], ",") {
		n, _ := strconv.Atoi(a)
		spans = append(spans, n)
	}
	type doc struct{ lang, text string }
	var docs []doc
	per := map[string]int{}
	for _, ds := range []string{"wmt22-general-mt", "wmt23-general-mt"} {
		f, _ := os.Open(filepath.Join(root, ds, "samples.jsonl"))
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var s struct {
				Lang, Path string
				Label      *string
				SourceID   string `json:"source_id"`
			}
			json.Unmarshal(sc.Bytes(), &s)
			if s.Label == nil || *s.Label != "original" || per[s.Lang] >= 60 {
				continue
			}
			b, err := os.ReadFile(filepath.Join(root, ds, s.Path))
			if err != nil {
				continue
			}
			per[s.Lang]++
			docs = append(docs, doc{s.Lang, string(b)})
		}
		f.Close()
	}
	var ms0 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	t0 := time.Now()
	var detect func(string) string
	switch det {
	case "whatlanggo":
		detect = func(s string) string { return whatlanggo.Detect(s).Lang.Iso6391() }
	case "lingua-all":
		d := lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithPreloadedLanguageModels().Build()
		detect = func(s string) string {
			l, ok := d.DetectLanguageOf(s)
			if !ok {
				return ""
			}
			return strings.ToLower(l.IsoCode639_1().String())
		}
	case "lingua-all-lowacc":
		d := lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithLowAccuracyMode().WithPreloadedLanguageModels().Build()
		detect = func(s string) string {
			l, ok := d.DetectLanguageOf(s)
			if !ok {
				return ""
			}
			return strings.ToLower(l.IsoCode639_1().String())
		}
	}
	detect("warm up")
	var ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms1)
	load := time.Since(t0)
	for _, n := range spans {
		ok, tot := map[string]int{}, map[string]int{}
		t1 := time.Now()
		calls := 0
		for _, d := range docs {
			var units []string
			if d.lang == "ja" {
				rs := []rune(strings.Join(strings.Fields(d.text), ""))
				for i := 0; i+2*n <= len(rs) && len(units) < 20; i += 2 * n * 5 {
					units = append(units, string(rs[i:i+2*n])) // ~2 characters a word
				}
			} else {
				ws := strings.Fields(d.text)
				for i := 0; i+n <= len(ws) && len(units) < 20; i += n * 5 {
					units = append(units, strings.Join(ws[i:i+n], " "))
				}
			}
			for _, u := range units {
				calls++
				tot[d.lang]++
				if detect(u) == d.lang {
					ok[d.lang]++
				}
			}
		}
		el := time.Since(t1)
		var parts []string
		all, allOK := 0, 0
		for _, l := range []string{"en", "ru", "uk", "ja"} {
			all += tot[l]
			allOK += ok[l]
			parts = append(parts, fmt.Sprintf("%s %.3f (%d)", l, float64(ok[l])/float64(max(1, tot[l])), tot[l]))
		}
		fmt.Printf("%s span=%d words: accuracy %.3f; %s; %.0f µs/call\n", det, n, float64(allOK)/float64(all), strings.Join(parts, ", "), float64(el.Microseconds())/float64(calls))
	}
	fmt.Printf("%s: heap after load %.1f MB, load %.1fs\n", det, float64(ms1.HeapAlloc-ms0.HeapAlloc)/1e6, load.Seconds())
}
