package comments

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	dps "github.com/markusmobius/go-dateparser"
	"golang.org/x/net/html"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/dates"
)

// Limits keep Parse linear and bounded on huge pages.
const (
	maxComments     = 500
	maxHeaderWords  = 14
	maxHeaderChars  = 140
	maxCommentLines = 12
	maxDepth        = 400
)

// Parse finds the individual user comments of a page: for HTML pages (doc
// is the page's parsed tree) the comment items of doc (WordPress-style "comment" list items, schema.org
// Comment markup), falling back to one comment holding CommentText when
// trafilatura found a comment section but no items can be told apart; for
// saved-text pages the comment blocks of Raw ("HistoryBuff October 16,
// 2023 - 3:01 am", the comment, "Reply"). It returns nil for a nil page or a
// page without comments, never panics, and keeps at most 500 comments.
// Timestamps are read with go-dateparser; relative stamps ("2 days ago")
// are resolved against Fetched and dropped when the fetch time is unknown.
func Parse(p *features.Page, doc *html.Node) []features.Comment {
	if p == nil {
		return nil
	}
	ref := stampRef{at: p.Fetched, langs: dates.Languages(p.Lang)}
	var out []features.Comment
	if doc != nil {
		out = parseDoc(doc, ref)
		if len(out) == 0 {
			if t := sectionText(p.CommentText); t != "" {
				out = []features.Comment{{Text: t}}
			}
		}
		return out
	}
	raw := p.Raw
	if raw == "" {
		raw = strings.Join(p.Chrome, "\n")
	}
	return parseText(raw, p.Paragraphs, ref)
}

// noneRe matches comment sections that say they are empty or only invite
// comments ("No comments", "Kommentare (0)", "Be the first to comment").
var noneRe = regexp.MustCompile(`(?i)\b(no comments|0 comments|comments \(0\)|kommentare \(0\)|keine kommentare|noch keine kommentare|ersten kommentar|be the first|aucun commentaire|sin comentarios|comments are closed|kommentare sind geschlossen|iniciar sesi[oó]n para comentar|log in to comment|sign in to comment|exclusivo para suscriptores)`)

// minSectionWords is the fewest words a comment section found only as
// trafilatura's CommentsText must have (without its form chrome) to count
// as one comment.
const minSectionWords = 12

// sectionText returns trafilatura's comment text as one comment, "" when,
// once the form chrome and headings are gone, it is too short to hold a
// comment or says there are none.
func sectionText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || noneRe.MatchString(s) {
		return ""
	}
	rest := formRe.ReplaceAllString(headRe.ReplaceAllString(s, ""), "")
	if len(strings.Fields(rest)) < minSectionWords {
		return ""
	}
	return s
}

// stampRef is what reading a comment timestamp needs from its page: the
// fetch time (for relative stamps) and the languages to try (the page's
// and English; nil for all of go-dateparser's locales).
type stampRef struct {
	at    time.Time
	langs []string
}

// parseStamp reads a comment timestamp. ok is false when s is not a date
// (no digit, relative stamp without a reference time, or unparseable).
func parseStamp(s string, ref stampRef) (time.Time, bool) {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "|·•-–—,:()[] ")
	if s == "" || len(s) > 60 || !strings.ContainsFunc(s, unicode.IsDigit) {
		return time.Time{}, false
	}
	ls := strings.ToLower(s)
	relative := strings.Contains(ls, "ago") || strings.HasPrefix(ls, "vor ") || strings.Contains(ls, "hace")
	if relative && ref.at.IsZero() {
		return time.Time{}, false
	}
	cfg := &dps.Configuration{
		ReturnTimeAsPeriod: true,
		SkipTokens:         []string{"-", "at", "um", "à", "a las", "on", "am"},
		Languages:          ref.langs,
	}
	if !ref.at.IsZero() {
		cfg.CurrentTime = ref.at
	}
	d, err := dps.Parse(cfg, s)
	if err != nil || d.Time.IsZero() {
		return time.Time{}, false
	}
	if y := d.Time.Year(); y < 1995 || y > 2100 {
		return time.Time{}, false
	}
	return d.Time.UTC(), true
}

// replyRe matches the reply links and vote widgets that separate comments
// in saved page text.
var replyRe = regexp.MustCompile(`(?i)^(reply|antworten|répondre|responder|rispondi|report|like|reply ↓|↓ reply|\d+\s*(likes?|replies)|(reply|like|share)(\s*[·|]\s*(reply|like|share|report))+)$`)

// endRe matches lines that close a comment section in saved text.
var endRe = regexp.MustCompile(`(?i)^(leave a (comment|reply)|post a comment|add a comment|write a comment|comment form|your email address will not be published|kommentar (schreiben|verfassen|hinterlassen)|schreibe einen kommentar|load more comments|editors'? picks|latest news|related( posts| articles)?)\b`)

// headRe matches comment-section headings ("8 comments", "Comments (3)").
var headRe = regexp.MustCompile(`(?i)^(\d+\s+)?(comments?|responses?|replies|kommentare?|commentaires?|comentarios?)(\s*\(\d+\))?:?$`)

// bylineRe matches lines that are article bylines, not comment headers.
var bylineRe = regexp.MustCompile(`(?i)^(by|von|par|por|posted|published|updated|date|datum|veröffentlicht|aktualisiert|last updated|stand)\b`)

// saysRe strips the "says:" after a commenter's name.
var saysRe = regexp.MustCompile(`(?i)\s*(says|said|sagt|schreibt|wrote|écrit|dice)\s*:?\s*$`)

type header struct {
	line   int // index of the line after the header
	author string
	when   time.Time
}

// parseText finds comments in saved page text.
func parseText(raw string, body []string, ref stampRef) []features.Comment {
	if raw == "" {
		return nil
	}
	inBody := make(map[string]bool, len(body))
	for _, b := range body {
		inBody[strings.TrimSpace(b)] = true
	}
	var ls []string
	for _, l := range strings.Split(raw, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ls = append(ls, l)
		}
	}
	var heads []header
	sawHeading, sawReply := false, false
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if headRe.MatchString(l) {
			sawHeading = true
			continue
		}
		if replyRe.MatchString(l) {
			sawReply = true
			continue
		}
		if inBody[l] {
			continue
		}
		if h, ok := textHeader(ls, i, ref); ok {
			heads = append(heads, h)
			if len(heads) >= maxComments {
				break
			}
		}
	}
	if len(heads) == 0 || (len(heads) == 1 && !sawHeading && !sawReply) {
		return nil
	}
	var out []features.Comment
	for k, h := range heads {
		stop := len(ls)
		if k+1 < len(heads) {
			stop = heads[k+1].line - 1
			if heads[k+1].author != "" && heads[k+1].line-2 >= 0 && ls[heads[k+1].line-2] == heads[k+1].author {
				stop-- // author on its own line above the stamp
			}
		}
		var text []string
		for j := h.line; j < stop && len(text) < maxCommentLines; j++ {
			l := ls[j]
			if replyRe.MatchString(l) || endRe.MatchString(l) || headRe.MatchString(l) || inBody[l] {
				break
			}
			text = append(text, l)
		}
		if len(text) == 0 {
			continue
		}
		out = append(out, features.Comment{Author: h.author, Time: h.when, Text: strings.Join(text, "\n")})
	}
	if len(out) == 1 && !sawHeading && !sawReply {
		return nil
	}
	return out
}

// textHeader reads line i as a comment header: a handle followed by a
// timestamp on one line, or a timestamp line under a handle line.
func textHeader(ls []string, i int, ref stampRef) (header, bool) {
	l := ls[i]
	if len(l) > maxHeaderChars || bylineRe.MatchString(l) {
		return header{}, false
	}
	ws := strings.Fields(l)
	if len(ws) == 0 || len(ws) > maxHeaderWords {
		return header{}, false
	}
	// Handle and stamp on one line: the handle is one to three words.
	for k := 1; k <= 3 && k < len(ws); k++ {
		name := saysRe.ReplaceAllString(strings.Join(ws[:k], " "), "")
		if !nameLike(name) {
			break
		}
		rest := strings.Join(ws[k:], " ")
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "on "), "am ")
		if t, ok := parseStamp(rest, ref); ok {
			return header{line: i + 1, author: name, when: t}, true
		}
	}
	// A stamp alone on the line, the handle on the line above.
	if i > 0 && len(ws) <= 8 {
		if t, ok := parseStamp(l, ref); ok {
			prev := saysRe.ReplaceAllString(ls[i-1], "")
			if nameLike(prev) && !headRe.MatchString(prev) && !replyRe.MatchString(prev) {
				return header{line: i + 1, author: prev, when: t}, true
			}
		}
	}
	return header{}, false
}

// nameLike reports whether s can be a commenter's name: one to three words,
// at most 40 characters, no sentence punctuation, starting with a letter or
// digit.
func nameLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 40 || len(strings.Fields(s)) > 3 {
		return false
	}
	if strings.ContainsAny(s, ".!?:;,\"“”()") && !strings.HasSuffix(s, ".") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@' || r == '_'
}

// ---- HTML ----

// itemIDRe matches the ids comment systems give individual comments.
var itemIDRe = regexp.MustCompile(`(?i)^(div-|li-)?(comment|kommentar|cmt|reply)[-_]?\d+$`)

// itemClasses are class tokens that mark one comment.
var itemClasses = map[string]bool{
	"comment": true, "comment-body": true, "comment-item": true, "comment_item": true,
	"commentlist-item": true, "comment-container": true, "single-comment": true,
	"kommentar": true, "c-comment": true, "comments__item": true, "comment-entry": true,
	"commentbody": true, "usercomment": true, "user-comment": true,
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func isItem(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Data {
	case "li", "article", "div", "section", "dd", "td", "blockquote":
	default:
		return false
	}
	if itemIDRe.MatchString(attr(n, "id")) {
		return true
	}
	if strings.Contains(attr(n, "itemtype"), "schema.org/Comment") {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if itemClasses[c] {
			return true
		}
	}
	return false
}

func skipped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Data {
	case "script", "style", "noscript", "template", "form", "head", "svg", "textarea", "select", "button":
		return true
	}
	return false
}

// parseDoc finds comment items in an HTML document.
func parseDoc(doc *html.Node, ref stampRef) []features.Comment {
	var items []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth || len(items) >= 4*maxComments || skipped(n) {
			return
		}
		if isItem(n) {
			items = append(items, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	if len(items) == 0 {
		return nil
	}
	isIt := make(map[*html.Node]bool, len(items))
	for _, n := range items {
		isIt[n] = true
	}
	var out []features.Comment
	for _, n := range items {
		text := ownText(n, isIt, nil)
		if len(strings.Fields(text)) < 2 {
			continue // a wrapper around other items
		}
		c := itemComment(n, isIt, ref)
		if c.Text == "" {
			continue
		}
		out = append(out, c)
		if len(out) >= maxComments {
			break
		}
	}
	return out
}

// ownText returns the visible text of n, one block a line, leaving out
// nested comment items and the nodes in skip.
func ownText(n *html.Node, items map[*html.Node]bool, skip map[*html.Node]bool) string {
	var b strings.Builder
	var walk func(c *html.Node, depth int)
	walk = func(c *html.Node, depth int) {
		if depth > maxDepth || skipped(c) || skip[c] || (c != n && items[c]) {
			return
		}
		if c.Type == html.TextNode {
			if t := strings.Join(strings.Fields(c.Data), " "); t != "" {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t)
			}
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k, depth+1)
		}
		if c.Type == html.ElementNode {
			switch c.Data {
			case "p", "div", "br", "li", "footer", "header", "h3", "h4", "h5", "h6", "blockquote", "section", "article":
				b.WriteByte('\n')
			}
		}
	}
	walk(n, 0)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func hasClassPart(n *html.Node, parts ...string) bool {
	cls := strings.ToLower(attr(n, "class") + " " + attr(n, "itemprop"))
	for _, p := range parts {
		if strings.Contains(cls, p) {
			return true
		}
	}
	return false
}

// itemComment reads author, time and text out of one comment item.
func itemComment(n *html.Node, items map[*html.Node]bool, ref stampRef) features.Comment {
	var c features.Comment
	var authorNode, timeNode, textNode *html.Node
	var find func(k *html.Node, depth int)
	find = func(k *html.Node, depth int) {
		if depth > maxDepth || skipped(k) || (k != n && items[k]) {
			return
		}
		if k != n && k.Type == html.ElementNode {
			switch {
			case authorNode == nil && (k.Data == "cite" || hasClassPart(k, "author", "fn", "username", "user-name", "nickname", "commenter")):
				authorNode = k
			case timeNode == nil && (k.Data == "time" || hasClassPart(k, "date", "time", "datum", "published", "comment-meta", "commentmetadata")):
				timeNode = k
			case textNode == nil && hasClassPart(k, "comment-content", "comment-text", "comment_text", "commenttext", "comment-body", "text", "content", "message", "comment-entry"):
				textNode = k
			}
		}
		for ch := k.FirstChild; ch != nil; ch = ch.NextSibling {
			find(ch, depth+1)
		}
	}
	find(n, 0)
	skip := map[*html.Node]bool{}
	if authorNode != nil {
		a := saysRe.ReplaceAllString(ownText(authorNode, items, nil), "")
		if a = strings.TrimSpace(strings.ReplaceAll(a, "\n", " ")); utf8.RuneCountInString(a) <= 60 {
			c.Author = a
		}
		skip[authorNode] = true
	}
	if timeNode != nil {
		if dt := attr(timeNode, "datetime"); dt != "" {
			if t, err := time.Parse(time.RFC3339, dt); err == nil {
				c.Time = t.UTC()
			}
		}
		if c.Time.IsZero() {
			if t, ok := parseStamp(strings.ReplaceAll(ownText(timeNode, items, nil), "\n", " "), ref); ok {
				c.Time = t
			}
		}
		skip[timeNode] = true
	}
	var text string
	if textNode != nil && !skip[textNode] {
		text = ownText(textNode, items, skip)
	}
	if len(strings.Fields(text)) < 2 {
		text = ownText(n, items, skip)
	}
	var keep []string
	for _, l := range strings.Split(text, "\n") {
		if replyRe.MatchString(l) || endRe.MatchString(l) {
			continue
		}
		keep = append(keep, l)
	}
	c.Text = strings.TrimSpace(strings.Join(keep, "\n"))
	return c
}
