package ngram

import (
	"bytes"
	"testing"
)

// corpus holds sentences sharing words and word pairs, one of them twice,
// so that taking a sentence out moves counts across the pruning thresholds.
var corpus = []string{
	"The council approved the new budget on Tuesday.",
	"The council rejected the new budget on Monday.",
	"The mayor said the new budget was fair.",
	"The mayor said the vote was close.",
	"Police said the fire started on Tuesday night.",
	"Police said the fire started on Tuesday night.",
	"A spokesman declined to comment on the budget.",
}

func build(sents []string) *Model {
	c := NewCounter()
	for _, s := range sents {
		c.Add(s)
	}
	return c.Model(2, 1, 2)
}

// TestLeaveOneOut checks that a sentence the model was built from scores as
// it does under the model built from the corpus without it (all of its
// copies), and that the encoded model keeps that.
func TestLeaveOneOut(t *testing.T) {
	full := build(corpus)
	var buf bytes.Buffer
	if err := full.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	decoded, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range corpus {
		var rest []string
		for _, o := range corpus {
			if o != s {
				rest = append(rest, o)
			}
		}
		want := build(rest).Sentence(s)
		if got := full.Sentence(s); got != want {
			t.Errorf("sentence %d: got %+v, want %+v (the model without it)", i, got, want)
		}
		if got := decoded.Sentence(s); got != want {
			t.Errorf("sentence %d, decoded: got %+v, want %+v", i, got, want)
		}
	}
	// A sentence the model was not built from is scored with every count.
	s := "The council said the fire started on Monday."
	if a, b := full.Sentence(s), build(corpus[:len(corpus)-1]).Sentence(s); a == b {
		t.Errorf("unseen sentence scored as if a corpus sentence were out: %+v", a)
	}
}
