package paraphrase

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// republishNote matches a line, or the end of a paragraph, in which a page
// says its text was first published elsewhere, as syndication partners,
// Creative Commons republishers and feed scrapers write it: "This article
// was originally published by Futurism.", "This story was originally
// published at nytimes.com.", "This article is republished from The
// Conversation under a Creative Commons license.", "A version of this
// story first appeared in Grist.", "Originally published on Live
// Science.", "Republished with permission from …", "Continue reading at
// …", and the footer a WordPress feed puts under every post, which a
// scraper keeps: "The post … appeared first on …". Group 1 is the text
// after the preposition, where the outlet's name starts (outletName).
// "Read the original article." alone names no outlet (group 1 empty). A
// sentence about another text ("the study was first published in
// Nature") is not a note: the subject must be the page's own ("this
// article").
var republishNote = regexp.MustCompile(`(?i)(?:^|[.!?"”’)]\s+)(?:` +
	// "This article was originally published by", "A version of this
	// story first appeared in", "This article is republished from".
	`(?:an? (?:\w+ )?version of )?this (?:article|story|post|piece|column|essay|report|interview|op-ed|commentary|feature|blog post)` +
	`(?: was| is| has been| had been)?(?:` +
	`(?: (?:originally|first) (?:published|appeared|posted|ran)| (?:published|appeared|posted) (?:originally|first)) (?:on|in|at|by) ` +
	// "republished from" the source; "reprinted on" another site is
	// the converse, the source's own note of a copy.
	`| (?:republished|reprinted)(?: (?:with|by) (?:the )?permission)? (?:from|of|courtesy of) )` +
	// "Originally published on", "First appeared in", "Republished with
	// permission from", "Reprinted from".
	`|(?:originally|first) (?:published|posted|appeared) (?:on|in|at|by) ` +
	`|(?:republished|reprinted)(?: (?:with|by) (?:the )?permission)? (?:from|of|courtesy of) ` +
	// A scraped feed's footer; an excerpt's link to the rest.
	`|the post \S.{0,300} appeared first on ` +
	`|continue reading (?:at|on) |read (?:more|the (?:full|complete|original|rest of the) (?:article|story|post)) at ` +
	`)(.*)$` +
	// The link back to the original, with no outlet named.
	`|^read (?:the )?original (?:article|story|post)(?: here)?\.?()$`)

// readFullAt matches an excerpt's link to the whole text given as an
// address ("Read Full Story: https://…"), as a scraper of a news feed
// writes it; group 1 is the address's host. The words without an address
// ("Read full article") are a site's own teaser link.
var readFullAt = regexp.MustCompile(`(?i)^read (?:the )?(?:full|complete|original) (?:article|story|post) ?: *https?://([^/\s]+)`)

// republishCheap are substrings (of the usual casings) that a line
// republishNote matches contains, so the expression runs only on the
// lines that have one.
var republishCheap = []string{"riginally", "irst published", "irst appeared", "irst posted", "ppeared first",
	"epublished", "eprinted", "ublished first", "ppeared originally", "ontinue reading",
	"ead more at", "ead More at", "riginal article", "riginal story", "riginal post",
	"ull Story", "ull story", "ull article", "ull Article", "ead the rest", "omplete article at", "omplete story at"}

// maxNoteLine is the longest line republishNote is tried on: a note is a
// line of its own or closes a paragraph, and a long paragraph keeps it
// in its last bytes.
const maxNoteLine = 600

// republished finds a note on the page that its text was first published
// by another outlet (republishNote), and returns the note's line and the
// outlet's name ("" if the note names none), or "", "" if the page has no
// note. It reads the main text, then the page's whole
// visible text, where an extractor that drops a byline or a closing line
// in italics leaves the note. A note that names the page's own site
// ("Originally published on Live Science." on livescience.com, which its
// syndication partners carry) is no credit of another outlet.
func republished(domain, raw, text string) (line, outlet string) {
	for _, t := range []string{text, raw} {
		if t == "" || !containsAny(t, republishCheap) {
			continue
		}
		for l := range strings.Lines(t) {
			l = strings.TrimSpace(l)
			if !containsAny(l, republishCheap) {
				continue
			}
			note := l
			if len(l) > maxNoteLine {
				note = clipStart(l, maxNoteLine)
			}
			m := republishNote.FindStringSubmatchIndex(note)
			if m == nil {
				if u := readFullAt.FindStringSubmatch(note); u != nil && !ownSite(domain, u[1]) {
					return clip(note, 120), strings.TrimPrefix(strings.ToLower(u[1]), "www.")
				}
				continue
			}
			rest := ""
			if m[2] >= 0 {
				if rest = outletName(note[m[2]:m[3]]); rest == "" {
					continue // a date, "our site", "the print edition"
				}
			}
			if rest != "" && ownSite(domain, rest) {
				continue
			}
			return clip(strings.TrimLeft(note[m[0]:], ".!?\"”’) "), 120), rest
		}
	}
	return "", ""
}

// outletName cuts the name of an outlet from the text that follows a
// republication note's preposition ("Futurism. Read the original
// article.", "The Conversation under a Creative Commons license.",
// "nytimes.com. Read it here.") and returns it, or "" when the text does
// not start with one: a date ("November 19, 2019"), a word in lower case
// ("our site", "the print edition"). A domain name counts.
func outletName(s string) string {
	s = strings.TrimSpace(s)
	// The name ends at a sentence's end or at a clause that follows it.
	end := len(s)
	for _, sep := range []string{". ", ", ", "; ", " (", " under ", " on ", " in ", " and ", " as ", " with ", " | ", " - ", " — ", " – "} {
		if i := strings.Index(s, sep); i >= 0 && i < end {
			end = i
		}
	}
	s = strings.TrimRight(s[:end], ".!:)\"”’ ")
	if s == "" || utf8.RuneCountInString(s) > 60 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	domainLike := strings.Contains(s, ".") && !strings.Contains(s, " ")
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !domainLike {
		return ""
	}
	words := strings.Fields(strings.ToLower(s))
	if notOutlet[strings.TrimRight(words[0], ".")] || len(words) == 1 && notOutletAlone[words[0]] {
		return ""
	}
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return ""
	}
	return s
}

// notOutlet are the words that open a date, or a note about the page's own
// earlier edition, where an outlet's name would be ("First published on
// Apr 8, 2020", "originally published Monday", "on our site").
var notOutlet = fieldSet("jan january feb february mar march apr april may jun june jul july aug august " +
	"sep sept september oct october nov november dec december today yesterday our this print")

// notOutletAlone are the words that are no outlet's whole name: a day, a
// language ("This article was originally published in Spanish" is a
// translation's note, not a reprint's). "Sunday Times" is an outlet.
var notOutletAlone = fieldSet("monday tuesday wednesday thursday friday saturday sunday " +
	"english spanish french german portuguese italian russian chinese japanese korean arabic dutch polish " +
	"turkish ukrainian hindi urdu bengali persian farsi hebrew greek swedish norwegian danish finnish czech " +
	"romanian hungarian indonesian malay vietnamese thai catalan")

// fieldSet is the set of the space-separated words of s.
func fieldSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}

// ownSite reports whether a page on domain is the named outlet's own: the
// outlet's letters ("Live Science", "The Sun", "nytimes.com" without its
// ending) are in the domain's, or the domain's name is in the outlet's.
// A page of unknown domain is no outlet's own.
func ownSite(domain, outlet string) bool {
	if domain == "" {
		return false
	}
	key := strings.ToLower(outlet)
	if !strings.Contains(key, " ") && strings.Contains(key, ".") {
		key = siteLabel(key)
	}
	key = strings.TrimPrefix(lettersOnly(key), "the")
	d := strings.ToLower(strings.TrimPrefix(domain, "www."))
	name := lettersOnly(siteLabel(d))
	return len(key) >= 3 && strings.Contains(lettersOnly(d), key) ||
		len(name) >= 4 && strings.Contains(lettersOnly(strings.ToLower(outlet)), name)
}

// siteLabel is the name of a domain without its ending: "nytimes" for
// "www.nytimes.com", "thesun" for "thesun.co.uk".
func siteLabel(domain string) string {
	parts := strings.Split(domain, ".")
	if len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if n := len(parts); n > 1 && slices.Contains(secondLevel, parts[n-1]) {
		parts = parts[:n-1]
	}
	return parts[len(parts)-1]
}

// secondLevel are the labels under a country's ending that name no site
// ("co" in "thesun.co.uk").
var secondLevel = []string{"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go"}

// lettersOnly keeps the letters and digits of s.
func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}
