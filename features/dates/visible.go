package dates

import (
	"sync"
	"time"

	dps "github.com/markusmobius/go-dateparser"
)

// ParseVisible reads a date as a reader sees it ("Friday, 22 November
// 2024", "Date:2025-04-24 12:02:16", "22.11.2024") with go-dateparser. It
// wants a day, a month and a year; ok is false otherwise. Every locale
// go-dateparser knows is tried; see ParseVisibleIn.
func ParseVisible(s string) (time.Time, bool) {
	return ParseVisibleIn(s, "")
}

// ParseVisibleIn is ParseVisible for text in language lang (ISO 639-1):
// go-dateparser then tries only that language and English, not its
// hundreds of locales, which on a string that is no date costs it tens of
// times more. lang "" or a language go-dateparser does not know means all
// locales.
func ParseVisibleIn(s, lang string) (time.Time, bool) {
	if len(s) < 6 || len(s) > 80 {
		return time.Time{}, false
	}
	if t, ok := parseMarkupDate(s); ok {
		return t, true
	}
	for _, layout := range englishLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return parseWithDateparser(s, lang)
}

// englishLayouts are the common English forms of a visible date ("March 5,
// 2021", "5 Mar 2021"), read with the standard library before go-dateparser
// is asked: a string the standard library reads with one of them is a
// valid date with no other reading. On the web-pages-gold pages they take
// 2 180 of the 3 645 strings Stamps hands over, each with go-dateparser's
// own answer (TestEnglishLayouts), at a fraction of its cost.
var englishLayouts = []string{
	"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan. 2, 2006",
	"2 January 2006", "2 Jan 2006",
}

// parseWithDateparser is ParseVisibleIn's go-dateparser step.
func parseWithDateparser(s, lang string) (time.Time, bool) {
	cfg := &dps.Configuration{
		StrictParsing:         true,
		IgnoreSurroundingText: true,
		CurrentTime:           time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		Languages:             Languages(lang),
	}
	d, err := dps.Parse(cfg, s)
	if err != nil || d.IsZero() {
		return time.Time{}, false
	}
	t := d.Time
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

// knownLangs caches whether go-dateparser accepts a language code.
var knownLangs sync.Map // string → bool

// Languages returns the go-dateparser languages for text in lang (ISO
// 639-1): lang and English, or nil (all locales) when lang is empty or
// unknown to go-dateparser.
func Languages(lang string) []string {
	if lang == "" {
		return nil
	}
	ok, seen := knownLangs.Load(lang)
	if !seen {
		// A numeric date parses in every locale, so an error here means
		// the language itself was refused.
		_, err := dps.Parse(&dps.Configuration{Languages: []string{lang}}, "2020-01-15")
		ok = err == nil
		knownLangs.Store(lang, ok)
	}
	if !ok.(bool) {
		return nil
	}
	if lang == "en" {
		return []string{"en"}
	}
	return []string{lang, "en"}
}
