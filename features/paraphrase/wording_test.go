package paraphrase

import (
	"slices"
	"testing"

	"github.com/spinscan/spinscan/features"
)

func TestWireCredit(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"TAIPEI, Taiwan (AP) — Taiwan's president said on Monday...", "AP"},
		{"First line.\nLONDON (Reuters) - Shares fell.", "Reuters"},
		{"BERLIN (dpa) – Die Regierung...", "dpa"},
		{"The agency (AP) said so — in the middle of a line.", ""},
		{"TAIPEI, Taiwan (APx) — no agency", ""},
		{"TOKYO (Kyodo) -- Japan's government said...", "Kyodo"},
		{"BEIJING, Dec. 7 (Xinhua) -- China's exports rose...", "Xinhua"},
		{"SEOUL, Sept. 12 (Yonhap) -- North Korea fired...", "Yonhap"},
		{"New Delhi, Dec 7 (PTI) The government on Monday said...", "PTI"},
		{"Mumbai, December 7, 2023 (IANS) Shares rose.", "IANS"},
		{"New Delhi [India], December 7 (ANI): The minister said...", "ANI"},
		{"MADRID (EFE).- El Gobierno...", ""},
		{"Officials told reporters (PTI) nothing more.", ""},
		{"He said on Dec 7 (PTI) that...", ""},
		{"LONDON (Reuters) nothing follows the credit", ""},
		{"no dateline at all", ""},
		{"", ""},
		// Closing credits.
		{"Beijing has rejected Western criticism. — Reuters", "Reuters"},
		{"The talks end on Friday.\n—PTI", "PTI"},
		{"The talks end on Friday.\n\n(AFP)\nShare this article\n", "AFP"},
		{"Die Gespräche enden am Freitag.\ndpa/AFP", "dpa"},
		{"The talks end on Friday.\n(Reporting by Jane Doe; Editing by John Roe)", "Reuters"},
		{"The talks end on Friday.\nCopyright 2023 The Associated Press. All rights reserved.", "AP"},
		{"He said so in an interview with Reuters", ""},
		{"He told The Associated Press on Friday.", ""},
		{"The vote was 52-AP.", ""},
		{"Reuters\nThe talks end on Friday.\nThey went on.\nAnd on.", ""}, // not among the last three lines
	}
	for _, tc := range tests {
		if _, got := wireCredits(tc.text); got != tc.want {
			t.Errorf("wireCredits(%q) agency %q, want %q", tc.text, got, tc.want)
		}
		// The prefilter never hides a match of the regexp.
		if wireDateline.MatchString(tc.text) && !mayHaveWire(tc.text) {
			t.Errorf("mayHaveWire(%q) = false on a dateline", tc.text)
		}
	}
}

// A closing credit set apart from the article is found on the lines of
// the visible text that follow the main text, and nowhere else there.
func TestPageCredit(t *testing.T) {
	const body = "Beijing has rejected Western criticism of the partnership.\nThe forum runs through Wednesday."
	tests := []struct {
		name, raw, text, want string
	}{
		{"credit in the text", "", body + " — Reuters", "Reuters"},
		{"credit on the next line", "Menu\n" + body + "\n\n(AP)\nShare this story", body, "AP"},
		{"credit on the second line", "Menu\n" + body + "\nPhoto: archive\n— AFP", body, "AFP"},
		{"a photo's source under the text", "Menu\n" + body + "\nAFP\nShare", body, ""},
		{"credit further down", "Menu\n" + body + "\nShare\nTweet\n(AP)", body, ""},
		{"credit above the text", "(AP)\n" + body + "\nShare", body, ""},
		{"short last line", "Menu\nIt ran.\n(AP)", "It ran.", ""},
	}
	for _, tc := range tests {
		if _, got := pageCredit(tc.raw, tc.text); got != tc.want {
			t.Errorf("%s: pageCredit = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestBigramHashes(t *testing.T) {
	a := bigramHashes([]string{"the", "cat", "sat", "the", "cat"})
	if len(a) != 3 || !slices.IsSorted(a) {
		t.Errorf("bigramHashes: %d hashes (want 3 distinct: the cat, cat sat, sat the), sorted %v", len(a), slices.IsSorted(a))
	}
	b := bigramHashes([]string{"the", "cat", "ran"})
	// a: {the cat, cat sat, sat the}; b: {the cat, cat ran}: one shared.
	if got, want := bigramDice(a, b), 2*1.0/5; got != want {
		t.Errorf("bigramDice = %v, want %v", got, want)
	}
	if got := bigramDice(bigramHashes([]string{"word"}), bigramHashes([]string{"word"})); got != 1 {
		t.Errorf("one-word sentences: bigramDice = %v, want 1", got)
	}
	if got := bigramDice(nil, nil); got != 0 {
		t.Errorf("empty: bigramDice = %v, want 0", got)
	}
}

func TestPunctuation(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"", 0},
		{"No marks at all.", 0},
		{"One, two, three.", 2},
		{"A well-known man (really) said so.", 2},
		{"He came -- and went; she stayed: why?", 7},
		{"Dashes — en – and triple---plain.", 3},
		{"Four----hyphens count as two dashes.", 2},
	} {
		if got := punctuation(c.in); got != c.want {
			t.Errorf("punctuation(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestVerbatimAcrossBoundaries: a passage copied word for word but cut
// across the source's sentence boundaries is verbatim, not reworded.
func TestVerbatimAcrossBoundaries(t *testing.T) {
	src := analyze(textPage("src", "en", "The study was stopped early. Patients in the intensive arm died at a higher rate than those given standard care, the researchers said on Tuesday in a statement from the institute."))
	for _, c := range []struct {
		name, text, want string
	}{
		{"cut mid-sentence", "Stopped early. Patients in the intensive arm died at a higher rate than those given standard care.", "verbatim"},
		{"two sentences joined", "The study was stopped early and patients in the intensive arm died at a higher rate than those given standard care.", "verbatim"},
		{"own words", "Researchers halted the trial because people on the aggressive treatment died more often than the ones on usual care.", "unaligned"},
	} {
		d := analyze(textPage("copy", "en", c.text))
		ms := alignTo(d, src)
		last := ms[len(ms)-1]
		if last.kind != c.want {
			t.Errorf("%s: last sentence %q is %s (bigrams %.2f, stems %.2f), want %s", c.name, d.sents[len(d.sents)-1].text, last.kind, last.bigrams, last.stems, c.want)
		}
	}
	if got := contained([]uint64{1, 2, 3, 4}, []uint64{2, 3, 4, 9}); got != 0.75 {
		t.Errorf("contained = %v, want 0.75", got)
	}
}

// TestSubstitution checks which replaced span an evidence line shows: a
// balanced swap with a content word before a lopsided or function-word one.
func TestSubstitution(t *testing.T) {
	tests := []struct {
		name, page, peer string
		want             [2]string
		ok               bool
	}{
		{
			name: "balanced swap over a lopsided longer span",
			page: "The two countries formed a partnership in opposition to the West this week.",
			peer: "The two nations that are now complicated by the war formed an alliance against the West this week.",
			want: [2]string{"a partnership in opposition to", "an alliance against"},
			ok:   true,
		},
		{
			name: "a content word over function words alone",
			page: "It shows the significance of the term in the document.",
			peer: "It shows its importance of the term in the document.",
			want: [2]string{"the significance", "its importance"},
			ok:   true,
		},
		{
			name: "a lopsided span when it is the only one",
			page: "Officials met today.",
			peer: "Officials met yesterday at noon in the capital.",
			want: [2]string{"today", "yesterday at noon in the capital"},
			ok:   true,
		},
		{
			name: "words only added, none replaced",
			page: "Officials met.",
			peer: "Senior officials from both governments met.",
			ok:   false,
		},
		{
			name: "identical sentences",
			page: "Putin arrived in Beijing.",
			peer: "Putin arrived in Beijing.",
			ok:   false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := substitution(tt.page, tt.peer)
			if ok != tt.ok || got != tt.want {
				t.Errorf("substitution(%q, %q) = %q, %v; want %q, %v", tt.page, tt.peer, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestAgencySite(t *testing.T) {
	tests := []struct {
		domain, agency string
		want           bool
	}{
		{"apnews.com", "AP", true},
		{"english.kyodonews.net", "Kyodo", true},
		{"en.yna.co.kr", "Yonhap", true},
		{"english.news.cn", "Xinhua", true},
		{"ptinews.com", "PTI", true},
		{"thehindu.com", "PTI", false},
		{"notapnews.com", "AP", false},
		{"reuters.com", "AP", false},
		{"", "Reuters", false},
	}
	for _, tc := range tests {
		if got := agencySite(tc.domain, tc.agency); got != tc.want {
			t.Errorf("agencySite(%q, %q) = %v, want %v", tc.domain, tc.agency, got, tc.want)
		}
	}
	// Every agency the dateline knows has a site of its own.
	for _, a := range wireAgencies {
		if len(agencySites[a]) == 0 {
			t.Errorf("agency %q has no site in agencySites", a)
		}
	}
}

// The English wording checks stay off other languages ("an der" is
// German, "a un" Spanish), and one slip on a long page raises no flag.
func TestEnglishWording(t *testing.T) {
	long := "The council met on Monday. Schools asked for more teachers. The mayor spoke first. " +
		"Parents filled the hall by noon. A vote was delayed twice. Taxes will rise next spring. " +
		"The library keeps its hours. Bus routes change in May. Two members left early. " +
		"The debate ran past midnight. A final plan is due in June. "
	tests := []struct {
		name, lang, text string
		broken           bool // the broken_collocations column is above 0
		flagged          bool // spinner_wording raised
	}{
		{"english slips", "en", "There is an sign of locally irritation. The the results came later.", true, true},
		{"unknown language", "", "There is an sign of trouble in the city.", true, true},
		{"german", "de", "Er wartete an der Tür. Sie dachte an den Sommer und an die Kinder.", false, false},
		{"spanish", "es", "Fue a un concierto y luego a una fiesta con amigos.", false, false},
		{"german with english synonyms", "de", "Der Pivotal-Bericht kam. Sie commenced nichts.", false, false},
		{"one slip in twelve sentences", "en", long + "It was an sign.", true, false},
		{"one unusual synonym", "en", "The visit aimed at showcasing the partnership. Talks follow on Monday.", false, false},
		{"two unusual synonyms", "en", "The visit aimed at showcasing the partnership. Talks commenced on Monday.", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vals, r := extractWith(&features.Page{ID: "p", Lang: tc.lang, Text: tc.text})
			if got := vals[colBroken] > 0; got != tc.broken {
				t.Errorf("broken_collocations = %v, want above 0: %v", vals[colBroken], tc.broken)
			}
			if got := slices.Contains(r.Flags, "spinner_wording"); got != tc.flagged {
				t.Errorf("spinner_wording flagged %v, want %v (evidence %q)", got, tc.flagged, r.Evidence)
			}
		})
	}
}

// A lede that restates the headline glued to it, or a template line
// repeated word for word, is no restated opening; a reworded restatement
// is.
func TestRestatedOpening(t *testing.T) {
	const lede = "The city council approved a larger school budget on Monday night. " +
		"Parents had packed the hall for hours. "
	tests := []struct {
		name, title, text string
		restated          bool
	}{
		{"reworded restatement", "", lede + "On Monday night the council of the city passed a bigger budget for schools.", true},
		{"headline above the lede", "Council approves larger school budget",
			"Council approves larger school budget\nThe council approved a larger school budget on Monday. Parents had packed the hall.", false},
		{"the same text without its title", "",
			"Council approves larger school budget\nThe council approved a larger school budget on Monday. Parents had packed the hall.", true},
		{"headline with the site's name", "Council approves larger school budget | Springfield Post",
			"Council approves larger school budget. The council approved a larger school budget on Monday. Parents had packed the hall.", false},
		{"template line twice", "", "Sign in to comment with your Google account today. The vote ran late. " +
			"Sign in to comment with your Google account today.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := analyze(&features.Page{ID: "p", Lang: "en", Title: tc.title, Text: tc.text})
			if got := d.flagRestate >= restateFlag; got != tc.restated {
				t.Errorf("flagged restatement %.2f (sentences %v), want a restated opening: %v", d.flagRestate, d.flagPair, tc.restated)
			}
		})
	}
}

// extractWith runs the family on page p with peers (none: the page alone
// in its crawl) and returns its columns and result.
func extractWith(p *features.Page, peers ...*features.Page) ([]float64, features.Result) {
	fam := Family()
	vals := make([]float64, len(fam.Columns))
	var r features.Result
	c := &features.Context{}
	if len(peers) > 0 {
		c = &features.Context{Cluster: "s", Peers: peers}
	}
	fam.Extract(p, c, vals, &r)
	return vals, r
}

// Result.Copies names the peers that share the page's text, not those
// that only share its story.
func TestCopies(t *testing.T) {
	const text = "The council approved the school budget on Monday after a long debate. " +
		"Teachers will get more money next year, the mayor said. Critics warned about rising debt."
	page := &features.Page{ID: "page", Lang: "en", Text: text}
	copyPage := &features.Page{ID: "copy", Lang: "en", Text: text}
	topic := &features.Page{ID: "topic", Lang: "en", Text: "A school board in another city cut its budget. " +
		"Parents protested outside the hall on Tuesday. The vote was postponed until spring."}
	_, r := extractWith(page, copyPage, topic)
	if !r.Copies["copy"] || r.Copies["topic"] {
		t.Errorf("Copies = %v, want copy and not topic", r.Copies)
	}
	if _, r := extractWith(page); r.Copies != nil {
		t.Errorf("a page alone: Copies = %v, want nil", r.Copies)
	}
}

// LLM leftovers are found in the replies AI news farms publish unread, and
// not in the human text that shares their words.
func TestLLMArtifacts(t *testing.T) {
	tests := []struct {
		name, text string
		want       int // kinds found
	}{
		{"asks for the text", "Please provide me with the text you want me to rewrite as a news article. Once you provide it, I will write a headline.", 1},
		{"announces its rewrite", "Sure! Here's a rewritten version of the article:\n\nThe council met on Monday.", 1},
		{"speaks of itself", "The council met on Monday. As an AI language model, I cannot verify the latest figures.", 1},
		{"refuses", "I'm sorry, but I cannot fulfill this request.", 1},
		{"template labels", "Headline: Council approves budget\n\nLede\n\nThe council met on Monday.\n\nSubheading: What comes next", 1},
		{"in lower case", "the council met on monday. as an ai language model, i cannot verify the latest figures.", 1},
		{"two kinds", "Here is the rewritten article:\nAs an AI model, I have no news after 2023.", 2},
		{"an editor's headline line", "Headline: Council approves budget\nThe council met on Monday.", 0},
		{"human request", "Please provide your name and address to the clerk. The council met on Monday.", 0},
		{"here is in a sentence", "Here is the library, which keeps its hours. Here's a photo of the hall.", 0},
		{"here is a product", "Here's a unique item you don't see every day: a lamp shaped like a tap.", 0},
		{"an SEO version", "Here's a unique, SEO-optimized version of the article:\nThe council met.", 1},
		{"AI as a subject", "The company released an AI model on Monday. Its last update came in May.", 0},
		{"a refusal quoted in prose", "The mayor said she could not fulfill every request from parents.", 0},
	}
	for _, tc := range tests {
		if got := llmArtifacts(tc.text); len(got) != tc.want {
			t.Errorf("%s: %d kinds %q, want %d", tc.name, len(got), got, tc.want)
		}
	}
}

// Padding formulas are found in the text a farm wraps a copy in, and not
// in the news sentences that share their words.
func TestPadding(t *testing.T) {
	tests := []struct {
		name, text string
		want       int // kinds found
	}{
		{"promised explanation", "In this article, we will explain what the council decided.", 1},
		{"everything to know", "Here's everything you need to know about the vote.", 1},
		{"asks for comments", "What do you think about this news? Let us know in the comments below.", 1},
		{"asks to share", "Don't forget to share this article with your friends.", 1},
		{"updates promised", "We will keep updating this page as more becomes known, so stay tuned.", 2},
		{"sums up", "The vote is on Monday. In conclusion, only time will tell.", 2},
		{"a headline's promise", "Everything you need to know about the budget", 0},
		{"news about sharing", "The company will share this data with regulators, the minister said.", 0},
		{"a conclusion in a report", "The panel reached its conclusion, officials said.", 0},
		{"news in an article", "In this article of the constitution, the court found a right to vote.", 0},
	}
	for _, tc := range tests {
		if got := padding(tc.text); len(got) != tc.want {
			t.Errorf("%s: %d kinds %q, want %d", tc.name, len(got), got, tc.want)
		}
	}
}
