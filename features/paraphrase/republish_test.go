package paraphrase

import (
	"testing"
	"unicode/utf8"
)

// TestRepublished checks the republication notes a page may carry, on the
// lines where real pages put them, and the lines that are no such note.
func TestRepublished(t *testing.T) {
	body := "The agency said the plan would take effect next year.\nOfficials did not say how much it would cost.\n"
	for _, tc := range []struct {
		name, domain, raw, text string
		outlet                  string // "" with found: a note naming no outlet
		found                   bool
	}{
		{"closing line naming the outlet", "example-science.com", "", body + "This article was originally published by Futurism. Read the original article.", "Futurism", true},
		{"byline line naming a domain", "example-times.com", "By a staff writer\nThis story was originally published at nytimes.com. Read it here.\n" + body, body, "nytimes.com", true},
		{"Creative Commons republisher", "", "", body + "This article is republished from The Conversation under a Creative Commons license.", "The Conversation", true},
		{"a version of the story", "example.org", "", body + "A version of this story first appeared in Grist.", "Grist", true},
		{"short form, another site", "example.com", "", body + "Originally published on Live Science.", "Live Science", true},
		{"short form, the outlet's own site", "www.livescience.com", "", body + "Originally published on Live Science.", "", false},
		{"own site with a country ending", "www.thesun.co.uk", "", body + "Continue reading at The Sun", "", false},
		{"feed footer kept by a scraper", "farm.example", "", body + "The post Officials approve the plan appeared first on Example Daily News.", "Example Daily News", true},
		{"note closing the last paragraph", "farm.example", "", "Officials did not say how much it would cost. This article first appeared in The Record.", "The Record", true},
		{"with permission", "farm.example", "", "Republished with permission from Kaiser Health News.\n" + body, "Kaiser Health News", true},
		{"link back naming no outlet", "farm.example", "", body + "Read original article here", "", true},
		{"note only in the visible text", "farm.example", body + "Share this\nThis article originally appeared on Example Wire.\nTags", body, "Example Wire", true},
		{"a date, not an outlet", "example.com", "", "First published on Apr 8, 2020 04:25 pm\n" + body, "", false},
		{"the outlet's own earlier edition", "example.com", "", body + "This article was originally published on our site in 2019.", "", false},
		{"print edition", "example.com", "", body + "This story was first published in the print edition.", "", false},
		{"another text's first publication", "example.com", "", "The study was first published in Nature last year.\n" + body, "", false},
		{"the source's note of a copy elsewhere", "example.org", "", body + "This article was reprinted on Wired.com.", "", false},
		{"reprinted by permission", "farm.example", "", body + "Reprinted by permission of The Example Review.", "The Example Review", true},
		{"a translation's note", "example.com", "", body + "This article was originally published in Spanish.", "", false},
		{"a weekday", "example.com", "", body + "This story was first published on Sunday.", "", false},
		{"an outlet named for a day", "farm.example", "", body + "This article first appeared in Sunday Times Weekly.", "Sunday Times Weekly", true},
		{"an outlet that opens like a month", "farm.example", "", body + "This article was originally published by Deccan Herald.", "Deccan Herald", true},
		{"an excerpt's link to its whole text", "press.example", "", body + "Read Full Story: https://www.example-journal.com/2022/11/16/story", "example-journal.com", true},
		{"a teaser link on the outlet's own page", "example.com", "", body + "Read full article", "", false},
		{"no note", "example.com", "", body, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line, outlet := republished(tc.domain, tc.raw, tc.text)
			if found := line != ""; found != tc.found || outlet != tc.outlet {
				t.Errorf("republished = %q, %q, %v; want outlet %q, found %v", line, outlet, found, tc.outlet, tc.found)
			}
		})
	}
}

// TestOwnSite checks which outlet names a domain is the own site of.
func TestOwnSite(t *testing.T) {
	for _, tc := range []struct {
		domain, outlet string
		want           bool
	}{
		{"www.livescience.com", "Live Science", true},
		{"www.thesun.co.uk", "The Sun", true},
		{"www.nytimes.com", "nytimes.com", true},
		{"www.nytimes.com", "The New York Times", false}, // the name's letters differ from the domain's
		{"www.seattletimes.com", "nytimes.com", false},
		{"www.sciencealert.com", "Futurism", false},
		{"", "Futurism", false},
		{"futurism.com", "Futurism", true},
	} {
		if got := ownSite(tc.domain, tc.outlet); got != tc.want {
			t.Errorf("ownSite(%q, %q) = %v, want %v", tc.domain, tc.outlet, got, tc.want)
		}
	}
}

// FuzzRepublished checks that any text, however broken, gives a note and
// an outlet that hold together: no outlet without a note, an outlet that
// is never the page's own site, and a note line of bounded length.
func FuzzRepublished(f *testing.F) {
	for _, s := range []string{
		"This article was originally published by Futurism. Read the original article.",
		"Originally published on Live Science.",
		"The post A title appeared first on Example News.",
		"Read Full Story: https://www.example.com/a",
		"Read original article here",
		"This story was first published on \xff\xfe Sunday.",
	} {
		f.Add("example.org", s)
	}
	f.Fuzz(func(t *testing.T, domain, text string) {
		line, outlet := republished(domain, text, text)
		if line == "" && outlet != "" {
			t.Fatalf("outlet %q without a note", outlet)
		}
		if outlet != "" && ownSite(domain, outlet) {
			t.Fatalf("outlet %q is %q's own site", outlet, domain)
		}
		if utf8.RuneCountInString(line) > 121 {
			t.Fatalf("note line of %d runes", utf8.RuneCountInString(line))
		}
	})
}
