package dates

import (
	"time"

	dps "github.com/markusmobius/go-dateparser"
)

// ParseVisible reads a date as a reader sees it ("Friday, 22 November
// 2024", "Date:2025-04-24 12:02:16", "22.11.2024") with go-dateparser. It
// wants a day, a month and a year; ok is false otherwise.
func ParseVisible(s string) (time.Time, bool) {
	if len(s) < 6 || len(s) > 80 {
		return time.Time{}, false
	}
	if t, ok := parseMarkupDate(s); ok {
		return t, true
	}
	cfg := &dps.Configuration{
		StrictParsing:         true,
		IgnoreSurroundingText: true,
		CurrentTime:           time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	d, err := dps.Parse(cfg, s)
	if err != nil || d.IsZero() {
		return time.Time{}, false
	}
	t := d.Time
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}
