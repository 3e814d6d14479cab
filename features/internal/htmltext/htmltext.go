// Package htmltext reads the text under a parsed HTML node, for the
// feature packages that look at markup themselves.
package htmltext

import (
	"strings"

	"golang.org/x/net/html"
)

// Of returns the text under n, its text nodes joined by a space and its
// runs of white space made one space. With max > 0 it stops reading once
// it holds more than max bytes (the result may then be a little longer);
// max ≤ 0 reads everything.
func Of(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if max > 0 && b.Len() > max {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
