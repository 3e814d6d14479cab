// Package dates is the date anomalies feature family, and the place where
// spinscan decides a page's publication date.
//
// A page states dates for itself in several places: go-htmldate's choice
// (run once per page inside go-trafilatura with HTMLDateOptions), the
// record's own date, the address (/2023/11/08/), markup (meta tags,
// JSON-LD, microdata, <time>) and stamps in the visible text ("Date:
// 2025-04-24 12:02:16", a "Friday, 22 November 2024" header widget, a
// by-line). Find weighs them and picks the publication date.
//
// A page's text also says when it was written, without dates: "last
// February" beside Russia's invasion of Ukraine, "the 10th anniversary" of
// the Belt and Road Initiative. Implied reads such expressions against a
// small embedded table of dated world events (events.json) and Resolve,
// and the family sets the date the page claims against them, against its
// comment dates, the capture time and the earliest copy of the story in
// the crawl.
//
// Visible dates are parsed with github.com/markusmobius/go-dateparser.
// Everything here is safe for concurrent use.
package dates
