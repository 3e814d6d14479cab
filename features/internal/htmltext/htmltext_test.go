package htmltext

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestOf(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"words across tags", "<p>one<br>two <b>three</b>\n\tfour</p>", 0, "one two three four"},
		{"empty", "<p></p>", 0, ""},
		{"bounded", "<p>alpha</p><p>beta</p><p>gamma</p>", 3, "alpha"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + tc.in + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := Of(doc, tc.max); got != tc.want {
				t.Errorf("Of = %q, want %q", got, tc.want)
			}
		})
	}
}
