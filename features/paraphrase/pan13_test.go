package paraphrase

import (
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features"
	fextract "github.com/spinscan/spinscan/features/extract"
	"github.com/spinscan/spinscan/features/lex"
)

// TestMeasurePAN13 measures how many PAN13 (no-obfuscation) gold passages
// the alignment finds verbatim inside their suspicious documents: each
// suspicious document is run through the family with its gold source
// document as its only peer, and a gold passage counts as found when at
// least half of its words fall in sentences the alignment marks verbatim.
// The PAN13 documents are hard-wrapped plain text; the measurement is made
// on the pages as extraction reads them (which joins the wrapped lines back
// into paragraphs, see extract.Segment) and, as the upper bound, with all
// whitespace collapsed.
// SPINSCAN_EVAL=1 go test ./features/paraphrase -run MeasurePAN13 -v
func TestMeasurePAN13(t *testing.T) {
	measuring(t)
	for _, joined := range []bool{false, true} {
		measurePAN13(t, joined)
	}
}

// extractedPage reads text as the engine reads a saved-text record.
func extractedPage(t *testing.T, id, text string) *features.Page {
	p, err := fextract.Extract(features.Record{ID: id, Kind: features.KindText, Body: []byte(text)})
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return p
}

func measurePAN13(t *testing.T, joined bool) {
	ss := readSamples(t, "pan13-text-alignment-noobf", "samples.jsonl")
	byID := map[string]sample{}
	for _, s := range ss {
		byID[s.ID] = s
	}
	fam := Family()
	type key struct{ susp, src string }
	cache := map[key][]features.Aligned{}
	var cases, found, verbWords, passWords int
	for _, s := range ss {
		// pan13:case:s00168:r00041:4600:copy
		parts := strings.Split(s.ID, ":")
		if len(parts) != 6 || parts[1] != "case" || parts[5] != "copy" {
			continue
		}
		k := key{"pan13:suspicious-document" + parts[2][1:], "pan13:source-document" + parts[3][1:]}
		susp, ok1 := byID[k.susp]
		src, ok2 := byID[k.src]
		if !ok1 || !ok2 {
			continue
		}
		al, ok := cache[k]
		if !ok {
			st, qt := susp.Text, src.Text
			if joined {
				st, qt = strings.Join(strings.Fields(st), " "), strings.Join(strings.Fields(qt), " ")
			}
			p, q := textPage(susp.ID, "en", st), textPage(src.ID, "en", qt)
			if !joined {
				// As the engine reads a saved-text record.
				p, q = extractedPage(t, susp.ID, st), extractedPage(t, src.ID, qt)
			}
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, &features.Context{Cluster: "x", Peers: []*features.Page{q}}, vals, &r)
			al = r.Aligned
			cache[k] = al
		}
		var verb strings.Builder
		for _, a := range al {
			if a.Kind == "verbatim" {
				verb.WriteString(" " + strings.Join(lex.Words(a.Sentence), " ") + " ")
			}
		}
		vs := verb.String()
		words := lex.Words(s.Text)
		in := 0
		// A passage word is covered when the 3-gram starting at it lies in
		// a verbatim sentence.
		for i := range words {
			j := min(len(words), i+3)
			if strings.Contains(vs, " "+strings.Join(words[i:j], " ")+" ") {
				in++
			}
		}
		cases++
		passWords += len(words)
		verbWords += in
		if len(words) > 0 && 2*in >= len(words) {
			found++
		}
	}
	if cases == 0 {
		t.Skip("no PAN13 cases")
	}
	t.Logf("pan13 noobf (whitespace collapsed: %v): %d gold passages in %d (suspicious, source) pairs; found verbatim %d (%.3f); passage words in verbatim sentences %.3f",
		joined, cases, len(cache), found, float64(found)/float64(cases), float64(verbWords)/float64(max(1, passWords)))
}
