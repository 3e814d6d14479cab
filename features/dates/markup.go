package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/internal/htmltext"
)

// Source names where a candidate date was found.
type Source string

// The places a page states its own date.
const (
	SourceURL      Source = "url"      // a /2023/11/08/ date in the page address
	SourceMeta     Source = "meta"     // <meta> publication date (article:published_time, …)
	SourceJSONLD   Source = "json-ld"  // schema.org datePublished / dateCreated
	SourceItemprop Source = "itemprop" // microdata itemprop=datePublished
	SourceTime     Source = "time"     // the first <time datetime> element
	SourceModified Source = "modified" // a last-modified date (meta or JSON-LD)
	SourceHTMLDate Source = "htmldate" // go-htmldate, via trafilatura's metadata
	SourceStamp    Source = "stamp"    // a visible stamp in page text ("Date:2025-04-24")
	SourceRecord   Source = "record"   // the record's own date
)

// Candidate is one date a page states for itself.
type Candidate struct {
	Source Source
	Time   time.Time
	// Text is the string the date was read from.
	Text string
}

var (
	urlDateRE  = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)
	urlDateSep = regexp.MustCompile(`/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/`)
	jsonLDRE   = regexp.MustCompile(`"(datePublished|dateCreated|uploadDate|dateModified)"\s*:\s*"([^"]{6,40})"`)
	isoDayRE   = regexp.MustCompile(`^\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})`)
)

// URLDate returns the full date (year, month and day) written in a page
// address, as in /2023/11/08/ or /20231108/; ok is false when there is none.
// Archive addresses (web.archive.org/web/20160218174457/…) are read after
// the capture stamp.
func URLDate(u string) (time.Time, bool) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if strings.HasPrefix(u, "web.archive.org/web/") {
		rest := strings.TrimPrefix(u, "web.archive.org/web/")
		if j := strings.Index(rest, "/"); j >= 0 {
			u = rest[j+1:]
			if i := strings.Index(u, "://"); i >= 0 {
				u = u[i+3:]
			}
		}
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "/"); i >= 0 {
		u = u[i:]
	} else {
		return time.Time{}, false
	}
	m := urlDateSep.FindStringSubmatch(u)
	if m == nil {
		m = urlDateRE.FindStringSubmatch(u)
	}
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// metaPublished are <meta> names and properties that state a publication
// date, lower-cased.
var metaPublished = map[string]bool{
	"article:published_time": true, "og:published_time": true, "og:article:published_time": true,
	"datepublished": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"publish_date": true, "published_time": true, "article.published": true,
	"date": true, "dc.date": true, "dc.date.issued": true, "dcterms.date": true,
	"dcterms.issued": true, "dcterms.created": true, "dc.date.created": true,
	"sailthru.date": true, "parsely-pub-date": true, "article:published": true,
	"article_date_original": true, "originalpublicationdate": true,
	"citation_publication_date": true, "citation_date": true, "date_published": true,
	"published-date": true, "datecreated": true, "created": true, "creation_date": true,
	"publication_date": true, "cxenseparse:recs:publishtime": true, "bt:pubdate": true,
}

var metaModified = map[string]bool{
	"article:modified_time": true, "og:updated_time": true, "datemodified": true,
	"dcterms.modified": true, "last-modified": true, "lastmod": true, "dc.date.modified": true,
}

// Markup returns the dates doc's markup states (MarkupCandidates without
// the address), for extraction to keep in Page.Markup.
func Markup(doc *html.Node) []features.MarkupDate {
	var out []features.MarkupDate
	for _, c := range MarkupCandidates(doc, "") {
		out = append(out, features.MarkupDate{Source: string(c.Source), Time: c.Time, Text: c.Text})
	}
	return out
}

// pageCandidates returns the dates p's address and markup state (what
// MarkupCandidates finds in its tree, as kept in p.Markup at extraction).
func pageCandidates(p *features.Page) []Candidate {
	var out []Candidate
	if t, ok := URLDate(p.URL); ok {
		out = append(out, Candidate{SourceURL, t, p.URL})
	}
	for _, d := range p.Markup.Dates {
		out = append(out, Candidate{Source(d.Source), d.Time, d.Text})
	}
	return out
}

// MarkupCandidates returns the dates doc and its address state for the
// page: the URL date, publication and modification dates in <meta> tags,
// JSON-LD and microdata, and the first <time datetime>. A nil doc yields
// the URL date only. The walk stops after maxNodes nodes.
func MarkupCandidates(doc *html.Node, pageURL string) []Candidate {
	var out []Candidate
	if t, ok := URLDate(pageURL); ok {
		out = append(out, Candidate{SourceURL, t, pageURL})
	}
	if doc == nil {
		return out
	}
	firstTime := false
	n := 0
	var walk func(*html.Node, int)
	walk = func(nd *html.Node, depth int) {
		n++
		if n > maxNodes || depth > 256 {
			return
		}
		if nd.Type == html.ElementNode {
			switch nd.Data {
			case "meta":
				key := strings.ToLower(attr(nd, "property") + attr(nd, "name") + attr(nd, "itemprop") + attr(nd, "http-equiv"))
				val := attr(nd, "content")
				switch {
				case metaPublished[key]:
					if t, ok := parseMarkupDate(val); ok {
						out = append(out, Candidate{SourceMeta, t, val})
					}
				case metaModified[key]:
					if t, ok := parseMarkupDate(val); ok {
						out = append(out, Candidate{SourceModified, t, val})
					}
				}
			case "script":
				if strings.Contains(strings.ToLower(attr(nd, "type")), "ld+json") && nd.FirstChild != nil {
					for _, m := range jsonLDRE.FindAllStringSubmatch(nd.FirstChild.Data, 8) {
						if t, ok := parseMarkupDate(m[2]); ok {
							src := SourceJSONLD
							if m[1] == "dateModified" {
								src = SourceModified
							}
							out = append(out, Candidate{src, t, m[2]})
						}
					}
				}
				return
			case "style", "noscript", "template", "svg":
				return
			}
			if ip := strings.ToLower(attr(nd, "itemprop")); (ip == "datepublished" || ip == "datecreated") && nd.Data != "meta" {
				val := attr(nd, "datetime")
				if val == "" {
					val = attr(nd, "content")
				}
				if val == "" {
					val = htmltext.Of(nd, 200)
				}
				if t, ok := parseMarkupDate(val); ok {
					out = append(out, Candidate{SourceItemprop, t, val})
				} else if t, ok := ParseVisible(val); ok {
					out = append(out, Candidate{SourceItemprop, t, val})
				}
			}
			if nd.Data == "time" && !firstTime {
				if val := attr(nd, "datetime"); val != "" {
					if t, ok := parseMarkupDate(val); ok {
						firstTime = true
						out = append(out, Candidate{SourceTime, t, val})
					}
				}
			}
		}
		for c := nd.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return out
}

// maxNodes bounds the DOM walks on huge pages.
const maxNodes = 200000

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// parseMarkupDate reads a machine-readable date (ISO 8601 in its common
// variants). The calendar day is the one written, whatever the offset: a
// page dated "2020-07-09T01:00:00+02:00" was published on 9 July where it
// was written.
func parseMarkupDate(s string) (time.Time, bool) {
	m := isoDayRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || unixZero(t) {
		return time.Time{}, false
	}
	return t, true
}

// unixZero reports whether a machine-readable date is the Unix epoch, a
// timestamp of 0 written in some time zone (1 January 1970, or 31
// December 1969 west of Greenwich): a CMS's empty date field
// ("datePublished": "1970-01-01T01:00:00+01:00"), not a claim.
func unixZero(t time.Time) bool {
	y, m, d := t.Date()
	return (y == 1970 && m == time.January && d == 1) || (y == 1969 && m == time.December && d == 31)
}

var utcLateRE = regexp.MustCompile(`^((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):\d{2}(?::\d{1,2}(?:\.\d+)?)?(?:Z|\+00:?00)$`)

// utcLate reads a UTC timestamp written late in the evening (22:00 or
// later; one-digit seconds, "23:15:0Z", are accepted as some CMSs write
// them) and returns the next day: where most pages in a crawl are written
// (Europe, Africa, Asia) it is already the next day.
func utcLate(s string) (time.Time, bool) {
	m := utcLateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, false
	}
	h, _ := strconv.Atoi(m[4])
	if h < 22 {
		return time.Time{}, false
	}
	t, ok := ymd(m[1], m[2], m[3])
	if !ok {
		return time.Time{}, false
	}
	return t.AddDate(0, 0, 1), true
}
