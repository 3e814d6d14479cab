package translation

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// speechVerbs are the verbs of quote attributions.
const speechVerbs = `said|says|added|adds|recalled|recalls|explained|explains|noted|notes|stressed|stresses|told|described|continued|argued|insisted|warned|concluded|admitted|emphasized|emphasised|stated|declared|remarked|observed|commented|replied|answered|wrote|underlined|underscored|acknowledged|asserted|assured|believes|considered|highlighted|pointed out|recounted|revealed|specified|summarized|urged`

var (
	// pronounAttr matches "he said", "she also recalled", "said he".
	pronounAttr = regexp.MustCompile(`(?i)\b(?:(he|she)\s+(?:also\s+|then\s+|later\s+)?(?:` + speechVerbs + `)|(?:` + speechVerbs + `)\s+(he|she))\b`)
	// otherAttr matches attributions to anyone else: a capitalised name or
	// a noun phrase before the verb ("Putin said", "the Russian leader
	// said"), a name after it ("said Gabuev"), or another pronoun.
	otherAttr = regexp.MustCompile(`\b(?:(?:[A-Z][\p{L}'’-]+|I|we|they|leader|official|minister|president|spokesman|spokeswoman|spokesperson)\s+(?:also\s+)?(?:` + speechVerbs + `)|(?:` + speechVerbs + `)\s+(?:[A-Z][\p{L}'’-]+|the\s+\p{L}+))\b`)
)

// hasHeShe reports whether s holds "he" or "she", in any case, as a word
// in the sense of the regexp \b (ASCII letters, digits and underscore):
// pronounAttr needs one, and most sentences have none, so this scan spares
// the regexp on them (it was 2% of the CPU of a gold-crawl run).
func hasHeShe(s string) bool {
	for i := 0; i+2 <= len(s); i++ {
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		n := 0
		switch {
		case (s[i]|0x20) == 'h' && (s[i+1]|0x20) == 'e':
			n = 2
		case i+3 <= len(s) && (s[i]|0x20) == 's' && (s[i+1]|0x20) == 'h' && (s[i+2]|0x20) == 'e':
			n = 3
		default:
			continue
		}
		if i+n == len(s) || !isWordByte(s[i+n]) {
			return true
		}
	}
	return false
}

// isWordByte reports whether b is an ASCII word character (regexp \w).
func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || (b|0x20) >= 'a' && (b|0x20) <= 'z'
}

// Switch is one speaker's pronoun switching between two attributions.
type Switch struct {
	// First and Second are the two attributions ("he said", "she
	// recalled").
	First, Second string
}

// switchWindow is how many sentences apart two pronoun attributions may be
// and still be taken for the same speaker.
const switchWindow = 2

// PronounSwitches finds speakers whose pronoun switches between quote
// attributions: "he said" followed within two sentences, with no
// attribution to anyone else between, by "she recalled". Machine
// translation does this when the source language marks gender differently
// (a Portuguese or Russian verb form with a dropped subject).
func PronounSwitches(sents []string) []Switch {
	type event struct {
		sent, pos int
		pronoun   string // "he", "she", or "" for anyone else
		text      string
	}
	// Pronoun attributions first: a switch needs two, and most pages have
	// fewer, which spares the costlier search for other attributions.
	pronouns := make([][]event, len(sents))
	npro := 0
	for i, s := range sents {
		if !hasHeShe(s) {
			continue
		}
		for _, m := range pronounAttr.FindAllStringSubmatchIndex(s, -1) {
			pro := ""
			if m[2] >= 0 {
				pro = s[m[2]:m[3]]
			} else {
				pro = s[m[4]:m[5]]
			}
			pronouns[i] = append(pronouns[i], event{sent: i, pos: m[0], pronoun: strings.ToLower(pro), text: s[m[0]:m[1]]})
			npro++
		}
	}
	if npro < 2 {
		return nil
	}
	var evs []event
	for i, s := range sents {
		var here []event
		for _, m := range otherAttr.FindAllStringIndex(s, -1) {
			if w := strings.ToLower(strings.Fields(s[m[0]:m[1]])[0]); w == "he" || w == "she" {
				continue
			}
			here = append(here, event{sent: i, pos: m[0]})
		}
		here = append(here, pronouns[i]...)
		slices.SortStableFunc(here, func(a, b event) int { return a.pos - b.pos })
		evs = append(evs, here...)
	}
	var out []Switch
	var last *event
	for i := range evs {
		e := &evs[i]
		if e.pronoun == "" {
			// A pronoun attribution overlapping "said he" is not someone else.
			if last != nil && last.sent == e.sent && e.pos <= last.pos+len(last.text) && e.pos >= last.pos {
				continue
			}
			last = nil
			continue
		}
		if last != nil && e.sent-last.sent <= switchWindow && e.pronoun != last.pronoun {
			out = append(out, Switch{First: last.text, Second: e.text})
		}
		last = e
	}
	return out
}

// lowerStart matches a word, a full stop, a space and a lower-case word.
var lowerStart = regexp.MustCompile(`(\p{L}{2,})\.[ \t]+(\p{Ll}\p{L}*)`)

// abbreviations may end in a full stop inside a sentence.
var abbreviations = map[string]bool{
	"etc": true, "vs": true, "approx": true, "incl": true, "inc": true, "no": true, "nos": true,
	"st": true, "mr": true, "mrs": true, "ms": true, "dr": true, "jr": true, "sr": true, "al": true,
	"fig": true, "vol": true, "cf": true, "ca": true, "co": true, "corp": true, "ltd": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "gen": true, "gov": true,
	"sen": true, "rep": true, "lt": true, "col": true, "capt": true, "prof": true, "dept": true,
	"est": true, "min": true, "max": true, "p": true, "pp": true, "op": true, "ed": true, "eds": true,
	"mt": true, "ft": true, "km": true, "kg": true, "oz": true, "lb": true, "lbs": true, "mln": true,
	"bn": true, "mn": true, "rs": true, "govt": true, "avg": true, "tel": true, "ext": true,
}

// LowerStarts returns the places in text where a sentence starts in lower
// case after a full stop ("rights issues. the status of Hong Kong"), which
// MT leaves when it splits or joins a source sentence, excluding
// abbreviations ("approx. two").
func LowerStarts(text string) []string {
	var out []string
	for _, m := range lowerStart.FindAllStringSubmatchIndex(text, -1) {
		prev := text[m[2]:m[3]]
		if abbreviations[strings.ToLower(prev)] || !isLowerWord(prev) && len(prev) < 4 {
			continue
		}
		out = append(out, context(text, m[2], m[5]))
	}
	return out
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// context returns text[i:j] widened by a few words each side, within its
// line.
func context(text string, i, j int) string {
	const pad = 30
	a, b := max(0, i-pad), min(len(text), j+pad)
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	if k := strings.LastIndexByte(text[a:i], '\n'); k >= 0 {
		a += k + 1
	} else if a > 0 {
		if sp := strings.IndexByte(text[a:i], ' '); sp >= 0 {
			a += sp + 1
		}
	}
	if k := strings.IndexByte(text[j:b], '\n'); k >= 0 {
		b = j + k
	} else if b < len(text) {
		if sp := strings.LastIndexByte(text[j:b], ' '); sp >= 0 {
			b = j + sp
		}
	}
	return strings.TrimSpace(text[a:b])
}

// QuoteBreaks returns the places where an opening quote mark “ comes while
// a quote is already open on the same paragraph (“… and also “It is …”), or
// a closing ” comes with none open, which MT leaves when it moves or
// duplicates quote marks. Only English typographic quotes are read: a
// straight " cannot tell opening from closing, and « » „ are counted by
// ForeignStyles.
func QuoteBreaks(text string) []string {
	var out []string
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		open := false
		for i, r := range line {
			switch r {
			case '“':
				if open {
					out = append(out, context(text, off+i, off+i+utf8.RuneLen(r)))
				}
				open = true
			case '”':
				if !open {
					out = append(out, context(text, off+i, off+i+utf8.RuneLen(r)))
				}
				open = false
			}
		}
		off += len(line)
	}
	return out
}

// foreignStyle matches quote marks, numbers and dates written the
// continental way: « », „, 1.234.567 or 1.234,5, 3,5 percent, 22.10.2023.
var foreignStyle = regexp.MustCompile(`[«»„]|\b\d{1,3}(?:\.\d{3})+,\d+\b|\b\d{1,3}(?:\.\d{3}){2,}\b|\b\d+,\d{1,2}\s?(?:%|percent|per cent|million|billion|thousand|euros?|dollars?|rubles?|hryvnias?|yen)|\b\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\b`)

// ForeignStyles returns the foreign quote, number and date styles of text.
func ForeignStyles(text string) []string {
	var out []string
	for _, m := range foreignStyle.FindAllStringIndex(text, -1) {
		out = append(out, context(text, m[0], m[1]))
	}
	return out
}

// foreignOutlets are news agencies and outlets that publish in languages
// other than English; an attribution to one of them on an English page
// says the text came through translation.
const foreignOutlets = `TSF|Lusa|EFE|ANSA|dpa|DPA|MAP|TASS|ТАСС|RIA Novosti|RIA|Interfax|Ukrinform|UNIAN|Kyodo|Jiji|Yonhap|Xinhua|Anadolu|AA|PAP|ČTK|CTK|MTI|Agerpres|APA|SDA|ATS|Belga|ANP|NTB|TT|STT|HINA|Tanjug|BTA|APS|TAP|MENA|WAM|SPA|IRNA|Notimex|Télam|Telam|Agência Brasil|Agencia Brasil|Europa Press|RTP|SIC|Observador|Público|Expresso|Folha|Estadão|Globo|G1|El País|El Mundo|Le Monde|Le Figaro|Libération|Der Spiegel|Spiegel|FAZ|Süddeutsche|Bild|Corriere della Sera|La Repubblica|Kommersant|Izvestia|RBC|Vedomosti|Meduza|NHK|Asahi|Mainichi|Yomiuri|Nikkei|Sankei`

// foreignSource matches an attribution line: "Source: TSF", "Fonte: Lusa",
// "With MAP", "(EFE)", "— Lusa". An agency's dateline ("MADRID (EFE) —",
// "BEIJING, Dec. 7 (Xinhua) --") is not one: the agencies' English
// services write their datelines so, and an English page that opens with
// one runs the agency's English copy (the paraphrase family reads it as
// an agency's credit).
var foreignSource = regexp.MustCompile(`^(?:(?i:source|sources|fonte|fuente|quelle|источник|джерело|via|with|com|con|avec|mit|по материалам|by)\s*:?\s*(?:` + foreignOutlets + `)(?:\s*(?:[/,&]|and|e|y)\s*(?:` + foreignOutlets + `|AFP|Reuters|AP))*\.?|[(\[](?:` + foreignOutlets + `)[)\]]|[—–-]\s*(?:` + foreignOutlets + `)\.?)$`)

// ForeignSources returns the short lines that attribute the page to a
// foreign outlet or agency ("Source: TSF", "(EFE)").
func ForeignSources(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if len(strings.Fields(l)) <= 8 && foreignSource.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}
