package translation

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
	"github.com/spinscan/spinscan/features/translation/internal/ngram"
)

func TestPronounSwitches(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"switch", `"I don't expect an alliance," he said. "Both preach autonomy," she recalled.`, 1},
		{"consistent", `"I don't expect an alliance," he said. "Both preach autonomy," he added.`, 0},
		{"new speaker between", `"We will win," he said. Warren said she disagreed. "Not so," she said.`, 0},
		{"named then pronoun", `Gabuev said the ties will grow. "More cooperation," she said.`, 0},
		{"far apart", `"Yes," he said. The rain fell. The talks went on. Nobody came. "No," she said.`, 0},
		{"inverted", `"A," said he. "B," she noted.`, 1},
		{"no attribution", `He went home. She stayed.`, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PronounSwitches(lex.Sentences(tc.text))
			if len(got) != tc.want {
				t.Errorf("got %d switches %+v, want %d", len(got), got, tc.want)
			}
		})
	}
}

func TestLowerStarts(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"disputes over human rights issues. the status of Hong Kong", 1},
		{"The talks ended. The status is unclear.", 0},
		{"It costs approx. two dollars, etc. and more.", 0},
		{"Meet at 5 p.m. on Monday.", 0},
		{"Visit example.com today.", 0},
		{"Soviet Union. mainly located in Central Asia", 1},
		{"", 0},
	}
	for _, tc := range tests {
		if got := LowerStarts(tc.text); len(got) != tc.want {
			t.Errorf("LowerStarts(%q) = %q, want %d", tc.text, got, tc.want)
		}
	}
}

func TestQuoteBreaks(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"a “safe neighbour which supports us and also “It is a source.”", 1},
		{"“One,” he said. “Two,” she said.", 0},
		{"a closing” with none open", 1},
		{"“open on one line\n“and again on the next”", 0},
		{`"straight quotes" are not read`, 0},
	}
	for _, tc := range tests {
		if got := QuoteBreaks(tc.text); len(got) != tc.want {
			t.Errorf("QuoteBreaks(%q) = %q, want %d", tc.text, got, tc.want)
		}
	}
}

func TestForeignStyles(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"he called it «a crime»", 2},
		{"„Guten Tag“", 1},
		{"prices rose 3,5 percent", 1},
		{"a total of 1.234.567 people", 1},
		{"budget of 1.234,50 euros", 1},
		{"on 22.10.2023 the forum opened", 1},
		{"75,000 people and 3.5 percent on 10/22/2023", 0},
	}
	for _, tc := range tests {
		if got := ForeignStyles(tc.text); len(got) != tc.want {
			t.Errorf("ForeignStyles(%q) = %q, want %d", tc.text, got, tc.want)
		}
	}
}

func TestForeignSources(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Source: TSF", true},
		{"Fonte: Lusa", true},
		{"With MAP", true},
		{"(EFE)", true},
		{"MADRID (EFE) — The government said on Monday that", false}, // the agency's English service
		{"BEIJING, Dec. 7 (Xinhua) -- China's exports rose", false},
		{"Source: Reuters", false},
		{"This was reported by TASS, citing the ministry.", false},
		{"Sources say the deal is off", false},
	}
	for _, tc := range tests {
		if got := len(ForeignSources([]string{tc.line})) > 0; got != tc.want {
			t.Errorf("ForeignSources(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestForeignSpans(t *testing.T) {
	lm := loadLM(t)
	tests := []struct {
		sent string
		want bool
	}{
		{"Президент заявил об этом в понедельник.", true},
		{"これは日本語の文です。", true},
		{"O governo anunciou medidas hoje.", true},
		{"The government announced measures today.", false},
		{"Putin met Xi.", false},
	}
	for _, tc := range tests {
		if got := len(ForeignSpans([]string{tc.sent}, lm)) > 0; got != tc.want {
			t.Errorf("ForeignSpans(%q) = %v, want %v", tc.sent, got, tc.want)
		}
	}
}

func TestProfile(t *testing.T) {
	tests := []struct {
		text string
		want Style
	}{
		{"", Style{}},
		{"It's the end of the road, don't go.", Style{Function: 3.0 / 8, Of: 100.0 / 8, Commas: 100.0 / 8, Contractions: 200.0 / 8, Variety: 7.0 / 8}},
		{"75,000 extraordinarily", Style{Long: 0.5, Variety: 1}},
	}
	for _, tc := range tests {
		got := Profile(tc.text)
		if !close(got.Function, tc.want.Function) || !close(got.Of, tc.want.Of) || !close(got.Commas, tc.want.Commas) ||
			!close(got.Long, tc.want.Long) || !close(got.Contractions, tc.want.Contractions) || !close(got.Variety, tc.want.Variety) {
			t.Errorf("Profile(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

func close(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func loadLM(t testing.TB) *ngram.Model {
	lm, err := ngram.Decode(englishLM)
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return lm
}

// TestModel checks the embedded model decodes, round-trips and scores a
// fluent English sentence above its words shuffled.
func TestModel(t *testing.T) {
	lm := loadLM(t)
	if u, b, tr := lm.Sizes(); u < 1000 || b < 10000 || tr < 10000 {
		t.Fatalf("model too small: %d %d %d", u, b, tr)
	}
	var buf bytes.Buffer
	if err := lm.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	again, err := ngram.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	s := "The president said on Monday that the government would not change its policy."
	if lm.Sentence(s) != again.Sentence(s) {
		t.Error("round trip changed scores")
	}
	words := strings.Fields(s)
	slices.Reverse(words)
	fluent, salad := lm.Sentence(s), lm.Sentence(strings.Join(words, " "))
	if fluent.LogProb <= salad.LogProb {
		t.Errorf("fluent %.2f not above reversed %.2f", fluent.LogProb, salad.LogProb)
	}
	if _, err := ngram.Decode([]byte("junk")); err == nil {
		t.Error("Decode accepted junk")
	}
}

// TestNeverPanics runs the family on odd pages.
func TestNeverPanics(t *testing.T) {
	fam := Family()
	huge := strings.Repeat("word. another “quote « here ", 20000)
	pages := []*features.Page{
		{}, {Lang: "en"}, {Lang: "en", Text: "."}, {Lang: "ru", Text: "Привет"},
		{Lang: "en", Text: huge, Sentences: lex.Sentences(huge)},
		{Text: "no lang set, but this is English text of the usual kind"},
	}
	ctx := &features.Context{Peers: []*features.Page{nil, {Lang: "ru", ID: "src"}}}
	for _, p := range pages {
		vals := make([]float64, len(fam.Columns))
		var r features.Result
		fam.Extract(p, ctx, vals, &r)
		fam.Extract(p, nil, vals, &r)
	}
	fam.Extract(nil, nil, make([]float64, len(fam.Columns)), &features.Result{})
}

// TestPeerOtherLang checks the cross-lingual peer column.
func TestPeerOtherLang(t *testing.T) {
	fam := Family()
	col := slices.Index(fam.Columns, ColPeerOtherLang)
	p := textPage("p", "The president said on Monday that the talks would resume next week.")
	for _, tc := range []struct {
		peers []*features.Page
		want  float64
	}{
		{nil, 0},
		{[]*features.Page{{ID: "en", Lang: "en"}}, 1 - 1},
		{[]*features.Page{{ID: "pt", Lang: "pt"}}, 1},
	} {
		vals := make([]float64, len(fam.Columns))
		var r features.Result
		fam.Extract(p, &features.Context{Peers: tc.peers}, vals, &r)
		if vals[col] != tc.want {
			t.Errorf("peers %v: got %v, want %v", tc.peers, vals[col], tc.want)
		}
	}
}

// TestHasHeShe checks the prefilter of PronounSwitches against the regexp
// it spares: wherever pronounAttr matches, hasHeShe must be true.
func TestHasHeShe(t *testing.T) {
	word := regexp.MustCompile(`(?i)\b(?:he|she)\b`)
	for _, s := range []string{
		"He said so.", "said she", "SHE recalled", "The theme, then.", "she", "he",
		"shepherd", "ahead", "the he-goat", "(she)", "_he", "he_", "2he", "éhe said",
		"They said", "", "h", "sh", "Whe said", "she's", "he’d", "„he said“",
	} {
		if got, want := hasHeShe(s), word.MatchString(s); got != want {
			t.Errorf("hasHeShe(%q) = %v, regexp %v", s, got, want)
		}
		if pronounAttr.MatchString(s) && !hasHeShe(s) {
			t.Errorf("pronounAttr matches %q but hasHeShe is false", s)
		}
	}
}

// Two kinds of artifact, a forum post's lower-case start and stray quote,
// do not raise the flag; a third, a foreign outlet's attribution line,
// does.
func TestArtifactFlag(t *testing.T) {
	const post = "The shop changed its rules last week and many sellers are unhappy.\n" +
		"They will face liability lawsuits from consumers. this will hurt small sellers.\n" +
		"One seller wrote a “safe place for us and also “It is over.” after the change.\n"
	tests := []struct {
		name, text string
		flagged    bool
	}{
		{"two kinds", post, false},
		{"three kinds", post + "Source: TSF\n", true},
	}
	fam := Family()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &features.Page{ID: "p", Lang: "en", Text: tc.text, Raw: tc.text}
			vals := make([]float64, len(fam.Columns))
			var r features.Result
			fam.Extract(p, &features.Context{}, vals, &r)
			kinds := vals[slices.Index(fam.Columns, ColArtifactKinds)]
			if want := map[bool]float64{false: 2, true: 3}[tc.flagged]; kinds != want {
				t.Errorf("%v kinds of artifact, want %v", kinds, want)
			}
			if got := slices.Contains(r.Flags, Flag); got != tc.flagged {
				t.Errorf("translation_artifacts %v with %v kinds, want %v (evidence %q)", got, kinds, tc.flagged, r.Evidence)
			}
		})
	}
}
