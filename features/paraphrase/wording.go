package paraphrase

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spinscan/spinscan/features/lex"
)

// spinnerWords maps unusual, inflated or archaic substitutes that article
// spinners and LLM rewriters put in place of common words to the plain word
// (stem) they replace. The replacement is used for alignment (as a synonym)
// and the key's presence counts as spinner wording.
//
// Sources and reasoning:
//   - the examples named in issue 3 ("erstwhile", "amidst", "endeavored",
//     "slated to convene", "commenced"), which come from the seed pages, so
//     the spinner_words column is not an independent test on the seeds;
//   - words whose frequency jumped in LLM-edited text (Liang et al. 2024,
//     "Mapping the increasing use of LLMs in scientific papers"; Kobak et
//     al. 2024, "Delving into ChatGPT usage in academic writing"): delve,
//     underscore, showcase, pivotal, realm, intricate, meticulous,
//     commendable, bolster, foster;
//   - thesaurus swaps typical of synonym spinners (Spinbot/SpinnerChief
//     style, as in the Wahle et al. 2022 spun corpus): utilize, commence,
//     endeavor, whilst, amongst, henceforth, aforementioned, myriad,
//     plethora, forthwith, subsequently, numerous, procure.
//
// Keys are lower-case words; values are the stems they are aligned with.
var spinnerWords = map[string]string{
	"erstwhile": "former", "amidst": "amid", "amongst": "among", "whilst": "while",
	"endeavor": "tri", "endeavored": "tri", "endeavoured": "tri", "endeavors": "tri", "endeavour": "tri",
	"commence": "begin", "commenced": "begin", "commences": "begin", "commencing": "begin",
	"slated": "expect", "convene": "meet", "convened": "meet", "convening": "meet",
	"utilize": "use", "utilized": "use", "utilizes": "use", "utilizing": "use", "utilise": "use",
	"henceforth": "henceforth", "aforementioned": "aforement", "forthwith": "immedi",
	"myriad": "mani", "plethora": "mani", "procure": "get", "procured": "get",
	"delve": "examin", "delves": "examin", "delving": "examin",
	"underscore": "underscor", "underscores": "underscor", "underscoring": "underscor",
	"showcase": "show", "showcases": "show", "showcasing": "show",
	"pivotal": "key", "realm": "area", "realms": "area", "intricate": "complex",
	"meticulous": "care", "meticulously": "care", "commendable": "good",
	"bolster": "strengthen", "bolstered": "strengthen", "bolstering": "strengthen",
	"foster": "encourag", "fostering": "encourag", "fostered": "encourag",
	"queried": "ask", "disclosed": "said", "undertook": "made", "undertake": "make",
	"forthcoming": "come", "focal": "main", "sway": "influenc", "levied": "impos",
	"antagonists": "rival", "furthermore": "also", "moreover": "also",
}

// functionLike are common words that the Snowball stop list misses but that
// spinners leave in place (immutables in the DSpin sense, with the stop list
// and names).
var functionLike = map[string]bool{"said": true, "says": true, "also": true, "would": true, "could": true, "will": true, "one": true, "two": true}

// lyExceptions are common words ending in -ly that are not adverbs or that
// often precede a noun legitimately.
var lyExceptions = map[string]bool{
	"only": true, "early": true, "likely": true, "family": true, "daily": true, "weekly": true,
	"monthly": true, "yearly": true, "holy": true, "ugly": true, "friendly": true, "lovely": true,
	"elderly": true, "italy": true, "july": true, "reply": true, "supply": true, "rally": true,
	"ally": true, "assembly": true, "lonely": true, "costly": true, "deadly": true, "orderly": true,
	"timely": true, "kindly": true, "manly": true, "hourly": true, "quarterly": true, "nightly": true,
	"comply": true, "apply": true, "fly": true, "sly": true, "poly": true, "burly": true, "jolly": true,
	"unlikely": true, "only-": true, "bodily": true, "worldly": true, "scholarly": true, "curly": true,
	"homely": true, "lively": true, "motherly": true, "fatherly": true, "earthly": true, "heavenly": true,
}

// nounSuffixes mark a word as a noun for the "adverb before noun" check.
var nounSuffixes = []string{"tion", "sion", "ment", "ness", "ity", "ance", "ence"}

// anConsonantOK are consonant-initial words that legitimately follow "an".
var anConsonantOK = []string{"hour", "honest", "honor", "honour", "heir", "herb"}

// aVowelOK are vowel-initial words that legitimately follow "a".
var aVowelOK = []string{"one", "once", "uni", "use", "usu", "eu", "ewe", "uk", "us", "ufo", "ura", "uti", "ubi", "uro"}

// englishWording reports whether the English wording checks (spinner
// words, broken collocations) apply to a page of language lang: English,
// or a page whose language is unknown.
func englishWording(lang string) bool {
	return lang == "" || lang == "en"
}

// brokenCollocations returns the broken collocations of a sentence: "an"
// before a consonant sound ("an sign"), "a" before a vowel ("a apple"), an
// -ly adverb straight before a -tion/-ment/... noun ("locally irritation"),
// and doubled words ("the the").
func brokenCollocations(s string) []string {
	toks := lex.Tokens(s)
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		a, b := strings.ToLower(toks[i]), toks[i+1]
		lb := strings.ToLower(b)
		first, _ := utf8.DecodeRuneInString(b)
		switch {
		case a == "an" && unicode.IsLower(first) && !strings.ContainsRune("aeiou", first) && !hasAnyPrefix(lb, anConsonantOK):
			out = append(out, toks[i]+" "+b)
		case a == "a" && toks[i] == "a" && unicode.IsLower(first) && strings.ContainsRune("aeiou", first) && !hasAnyPrefix(lb, aVowelOK):
			out = append(out, toks[i]+" "+b)
		case len(a) > 4 && strings.HasSuffix(a, "ly") && !lyExceptions[a] && hasAnySuffix(lb, nounSuffixes) && unicode.IsLower(first):
			out = append(out, toks[i]+" "+b)
		case a == lb && lex.IsFunction(a) && !lex.IsNumber(a) && a != "that" && a != "had":
			out = append(out, toks[i]+" "+b)
		}
	}
	return out
}

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

// wireDateline matches a news-agency dateline credit at the start of a
// story, in the two forms agencies write it: a place, then the agency and
// a dash ("TAIPEI, Taiwan (AP) —", "LONDON (Reuters) -", "TOKYO (Kyodo)
// --"); or a place and the day, then the agency, with or without a dash or
// colon ("BEIJING, Dec. 7 (Xinhua) --", "New Delhi, Dec 7 (PTI) The ...",
// "New Delhi [India], December 7 (ANI): ..."). A bare "(AP)" inside a
// sentence is not a dateline: the place must open the line, and without a
// day the dash must follow.
var wireDateline = regexp.MustCompile(`(?m)^(?:` +
	// A place, then the agency and a dash.
	`[\p{Lu}][\p{Lu} .,'’\p{L}-]{0,60}\((` + wireAgencyAlt + `)\)\s*(?:--|[—–-])` +
	// Capitalised place words, a comma and the day, then the agency.
	`|[\p{Lu}][\p{L}.'’-]*(?:[ ,]+[\p{Lu}\[][\p{L}.'’\]-]*){0,5},\s*` + wireMonths +
	`\.?\s+\d{1,2}(?:,\s*\d{4})?\s*\((` + wireAgencyAlt + `)\))`)

// wireMonths are the English month names and their abbreviations, as a
// dated dateline writes them ("Dec.", "Sept", "December").
const wireMonths = `(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*`

// wireAgencies are the agencies wireDateline knows: the world agencies and
// the national ones whose English copy is syndicated widely (South and
// East Asia, Europe, Australia).
var wireAgencies = []string{"AP", "Reuters", "AFP", "UPI", "dpa", "DPA", "Xinhua", "Bloomberg", "CNN",
	"Yonhap", "Kyodo", "PTI", "IANS", "ANI", "EFE", "ANSA", "AAP", "Bernama", "TASS"}

var wireAgencyAlt = strings.Join(wireAgencies, "|")

// wireMarks are the agencies in parentheses, "(AP)".
var wireMarks = func() []string {
	out := make([]string, len(wireAgencies))
	for i, a := range wireAgencies {
		out[i] = "(" + a + ")"
	}
	return out
}()

// mayHaveWire reports whether text holds a parenthesised agency name, as
// every wireDateline match does: substring searches are far cheaper than
// the regexp on the many texts that have none.
func mayHaveWire(text string) bool {
	for _, m := range wireMarks {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

// wireSignoff matches a closing agency credit on a line of its own or at
// the end of the text's last paragraph, as newspapers credit the agency
// whose story they run: a dash and the agency ("... showed no sign of
// ceasing. — Reuters", "—PTI"), the agency alone or in parentheses
// ("(AFP)", "dpa"), two agencies ("dpa/AFP"), and Reuters' credit of its
// reporters and editors ("(Reporting by ...; Editing by ...)"). A mention
// of the agency inside a sentence ("he told The Associated Press") is not
// a credit.
var wireSignoff = func() *regexp.Regexp {
	agency := `(` + wireAgencyAlt + `)(?:\s*/\s*(?:` + wireAgencyAlt + `))?`
	return regexp.MustCompile(
		// A dash and the agency, after a space or a sentence's end.
		`(?:^|[\s.!?"”’])(?:--|[—–-])\s*` + agency + `\.?$` +
			// The agency in parentheses, after a sentence's end or alone.
			`|(?:^|[.!?"”’]\s*)\(` + agency + `\)\.?$` +
			// The agency alone (group 3: signoff may refuse it).
			`|^` + agency + `\.?$` +
			// Reuters' credit of its reporters and editors.
			`|^\((?:Additional )?[Rr]eporting by [^)]*[Ee]diting by [^)]*\)$`)
}()

// wireCopyright matches the Associated Press's copyright line, which a
// page that runs an AP story carries under it ("Copyright 2023 The
// Associated Press. All rights reserved.").
var wireCopyright = regexp.MustCompile(`(?i)copyright\s+(?:©\s*)?\d{4},?\s+the\s+associated\s+press`)

// signoffLines is how many of the text's last lines may hold a closing
// credit: the main text's last paragraph, and a line or two of page text
// after it (a saved page's share or tag line).
const signoffLines = 3

// pageCredit finds the agency credit of a page and returns its line and
// the agency, or "", "": in the main text (a dateline, or a closing credit
// on its last lines), else on the two lines of the page's visible text
// that follow the main text, where a credit set apart from the article
// ("(AP)" on a line of its own) lands when the extractor leaves it out.
// There, the agency's bare name is no credit: under a page's last photo
// it names the photo's source.
func pageCredit(raw, text string) (line, agency string) {
	if line, agency = wireCredits(text); agency != "" {
		return line, agency
	}
	text = strings.TrimSpace(text)
	last := text[strings.LastIndexByte(text, '\n')+1:]
	if len(last) < minCreditAnchor {
		return "", ""
	}
	i := strings.LastIndex(raw, last)
	if i < 0 {
		return "", ""
	}
	return signoff(raw[i+len(last):], 2, false)
}

// minCreditAnchor is the shortest last line of a main text that pageCredit
// looks up in the page's visible text: a shorter one ("Share") may occur
// anywhere.
const minCreditAnchor = 20

// wireCredits finds the agency credit of text and returns its line and
// the agency, or "", "".
func wireCredits(text string) (line, agency string) {
	if mayHaveWire(text) {
		if m := wireDateline.FindStringSubmatch(text); m != nil {
			return m[0], m[1] + m[2] // one of the two forms matched
		}
	}
	if strings.Contains(text, "ssociated") || strings.Contains(text, "SSOCIATED") {
		if m := wireCopyright.FindString(text); m != "" {
			return m, "AP"
		}
	}
	end := len(text)
	for i := 0; i < signoffLines && end > 0; {
		start := strings.LastIndexByte(text[:end], '\n') + 1
		l := strings.TrimSpace(text[start:end])
		end = max(start-1, 0)
		if l == "" {
			continue
		}
		i++
		if line, agency = signoff(l, 1, true); agency != "" {
			return line, agency
		}
	}
	return "", ""
}

// mayEndInCredit reports whether line could end in a closing credit: an
// agency's name, or Reuters' "Editing by", in its last 80 bytes, as every
// wireSignoff match has.
func mayEndInCredit(line string) bool {
	tail := line[max(0, len(line)-80):]
	return strings.Contains(tail, "diting by") || slices.ContainsFunc(wireAgencies, func(a string) bool {
		return strings.Contains(tail, a)
	})
}

// signoff looks for a closing credit (wireSignoff) on the first n
// non-empty lines of text and returns the line (its end, if long) and the
// agency, or "", "". A line that is the agency's bare name counts only
// with bare.
func signoff(text string, n int, bare bool) (line, agency string) {
	for l := range strings.Lines(text) {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		// mayEndInCredit first: the expression would try every position
		// of a long last paragraph.
		if mayEndInCredit(l) {
			if m := wireSignoff.FindStringSubmatch(l); m != nil && (bare || m[3] == "") {
				agency = "Reuters" // the reporting and editing credit
				if a := m[1] + m[2] + m[3]; a != "" {
					agency = a
				}
				return clipStart(l, 60), agency
			}
		}
		if n--; n == 0 {
			break
		}
	}
	return "", ""
}

// clipStart keeps the last n bytes of s (on a rune boundary), where a
// closing credit is.
func clipStart(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return "…" + s[i:]
}

// normalSpace lower-cases s and collapses its runs of white space, for
// comparing a sentence with the page's title or with another sentence.
func normalSpace(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// isTitleSentence reports whether a sentence (its sorted stems) is the
// page's title or opens with it: it holds at least 80% of the title's
// content stems, or the title holds 80% of its own (a title with the
// site's name added). Titles of fewer than three content stems match
// nothing.
func isTitleSentence(sent, title []string) bool {
	if len(title) < 3 || len(sent) == 0 {
		return false
	}
	n := float64(overlap(sent, title))
	return n >= 0.8*float64(len(title)) || n >= 0.8*float64(len(sent))
}

// llmKinds are what a language model's reply leaves on a page that
// publishes it unread, as AI news farms do: the model speaking of itself,
// asking for the text it was to rewrite, announcing its rewrite, or
// refusing the request. Each has substrings (of the usual casings) that
// any match contains, so the expressions run only on the pages that have
// one.
var llmKinds = []struct {
	what string
	gatedRe
}{
	{"the model speaks of itself", gatedRe{[]string{"an AI", "an ai", "an Ai", "cut-off", "cutoff", "last knowledge", "last training", "y last update"},
		regexp.MustCompile(`(?i)\bas an AI(?: language)? model\b|\bI(?:'m|’m| am) an AI\b|\bmy (?:knowledge|training)(?: data)? cut-?off\b|\bas of my last (?:knowledge |training )?update\b`)}},
	{"it asks for the text to rewrite", gatedRe{[]string{"lease provide", "LEASE PROVIDE", "nce you provide", "was provided", "ext Provided", "ext provided"},
		regexp.MustCompile(`(?i)\bplease provide (?:me with )?(?:the|your) (?:text|article|content|source)\b|\bonce you provide (?:the|it|me)\b|\bno (?:source |input )?text was provided\b|\b(?:input|source) text provided:`)}},
	{"it announces its rewrite", gatedRe{[]string{"rewritten", "revised", "paraphrased", "rephrased", "reworded", "ummari", "lagiarism", "ptimi"},
		regexp.MustCompile(`(?im)^(?:(?:sure|certainly|of course|absolutely)[!,.] +)?here(?:'s|’s| is) (?:a|an|the|your) (?:[\w-]+,? ){0,2}?(?:rewritten|revised|paraphrased|rephrased|reworded|summari[sz]ed|plagiarism-free|seo-optimi[sz]ed)\b[^.\n]{0,60}?\b(?:version|article|text|story|piece|content|summary|report)\b`)}},
	{"it refuses the request", gatedRe{[]string{"fulfill", "comply with", "assist with", "complete this", "complete your", "complete the", "complete that"},
		regexp.MustCompile(`(?i)\bI (?:cannot|can't|can’t|can not|am unable to) (?:fulfill|complete|comply with|assist with) (?:this|your|that|the) request\b`)}},
}

// llmScaffold matches a line that is the label of a news template a model
// was asked to fill ("Headline:", "Lede", "**Meta Description:**"); two
// different labels on a page are a leftover (one "Headline:" may be an
// editor's).
var llmScaffold = regexp.MustCompile(`(?im)^(?:\*\*|#+ *)?(headline|lede|body paragraphs?|subheading|meta description|seo title|focus keywords?)(?:\*\*)?(?::|\s*$)`)

// llmLabels are substrings (of the usual casings) that a page with two
// llmScaffold labels contains.
var llmLabels = []string{"Headline", "HEADLINE", "Lede", "LEDE", "Body Paragraph", "BODY PARAGRAPH", "Subheading", "SUBHEADING",
	"Meta Description", "META DESCRIPTION", "SEO Title", "SEO TITLE", "Focus Keyword", "FOCUS KEYWORD"}

// llmArtifacts returns the LLM leftovers of text (llmKinds, and the
// template labels of llmScaffold), each as a short description with the
// words that show it. The caller passes the page's whole visible text: an
// extractor may take a reply's first line ("Here is a rewritten version of
// the article:") for a heading and leave it out of the main text.
func llmArtifacts(text string) []string {
	var found []string
	for _, k := range llmKinds {
		if m := k.find(text); m != "" {
			found = append(found, fmt.Sprintf("%s (%q)", k.what, m))
		}
	}
	if containsAny(text, llmLabels) {
		labels := map[string]bool{}
		for _, m := range llmScaffold.FindAllStringSubmatch(text, -1) {
			labels[strings.ToLower(m[1])] = true
		}
		if len(labels) >= 2 {
			names := make([]string, 0, len(labels))
			for l := range labels {
				names = append(names, l)
			}
			slices.Sort(names)
			found = append(found, "template labels: "+strings.Join(names, ", "))
		}
	}
	return found
}

// gatedRe is an expression and substrings that any of its matches
// contains: the expression runs only on the texts that have one, as
// substring searches are far cheaper.
type gatedRe struct {
	cheap []string
	re    *regexp.Regexp
}

// find returns the first match of g in text, or "".
func (g gatedRe) find(text string) string {
	if !containsAny(text, g.cheap) {
		return ""
	}
	return g.re.FindString(text)
}

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs []string) bool {
	return slices.ContainsFunc(subs, func(sub string) bool { return strings.Contains(s, sub) })
}

// padPhrases match the formulas a scraper or a content farm wraps a copied
// story in, to make it look like a page of its own: an opening that
// promises to explain the news ("In this article, we will explain …"), a
// closing that asks readers to comment or share, says the page will be
// updated, or sums up ("In conclusion, …", "Only time will tell"). A
// writer of an original may use one too, so they are no column the model
// reads: they weigh only in which of two copies of one text is the copy
// (derivedness), where the source is the one without them. Each has
// substrings (of the usual casings) that any match contains.
var padPhrases = []gatedRe{
	{[]string{"n this article", "n this post", "n this piece"},
		regexp.MustCompile(`(?i)\bin this (?:article|post|piece),? (?:we|I)(?:'ll|’ll| will| are going to)? (?:explain|discuss|look at|cover|tell you|break down|take a (?:closer )?look|explore|share)\b`)},
	{[]string{"ou need to know"}, regexp.MustCompile(`(?i)\b(?:here is|here's|here’s) (?:everything|all) you need to know\b`)},
	{[]string{"hat do you think", "et us know", "et me know"},
		regexp.MustCompile(`(?i)\bwhat do you think (?:about|of) this (?:news|story|article|update|decision)\?|\blet (?:us|me) know (?:your thoughts |what you think )?in the comments\b`)},
	{[]string{"orget to share", "hare this"},
		regexp.MustCompile(`(?i)\b(?:do not|don't|don’t) forget to share this\b|\bshare this (?:article|post|news|story) with your (?:friends|family)\b`)},
	{[]string{"tay tuned", "tay with us"}, regexp.MustCompile(`(?i)\bstay tuned (?:for|to) (?:more|further|the latest)\b|\bstay with us for more\b|\bso stay tuned\b`)},
	{[]string{"e will keep"}, regexp.MustCompile(`(?i)\bwe will keep (?:updating|you updated|this (?:page|article|post) updated)\b`)},
	{[]string{"n conclusion", "N CONCLUSION"}, regexp.MustCompile(`(?i)(?:^|[.!?]\s+)in conclusion,`)},
	{[]string{"nly time will tell"}, regexp.MustCompile(`(?i)\bonly time will tell\b`)},
	{[]string{"ollowing the news"}, regexp.MustCompile(`(?i)\bif you have been following the news\b`)},
}

// padding returns the padding formulas of text (padPhrases), at most one
// match of each kind.
func padding(text string) []string {
	var found []string
	for _, p := range padPhrases {
		if m := p.find(text); m != "" {
			found = append(found, strings.TrimLeft(m, ".!? \n\t"))
		}
	}
	return found
}
