package ngram

import (
	"bytes"
	"slices"
	"sync"
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
	return buildGroup(sents, nil)
}

// buildGroup counts sents one by one and group as one group.
func buildGroup(sents, group []string) *Model {
	c := NewCounter()
	for _, s := range sents {
		c.Add(s)
	}
	if len(group) > 0 {
		c.AddGroup(group)
	}
	return c.Model(2, 1, 2)
}

// roundTrip encodes m and decodes it again.
func roundTrip(t *testing.T, m *Model) *Model {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	decoded, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return decoded
}

// TestLeaveOneOut checks that a sentence the model was built from scores as
// it does under the model built from the corpus without it (all of its
// copies), and that the encoded model keeps that.
func TestLeaveOneOut(t *testing.T) {
	full := build(corpus)
	decoded := roundTrip(t, full)
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

// TestLeaveGroupOut checks that a sentence added in a group scores as it
// does under the model built without any sentence of its group, and that
// the encoded model keeps the groups.
func TestLeaveGroupOut(t *testing.T) {
	group := []string{
		"The city council passed the budget late on Tuesday.",
		"The council passed its budget late Tuesday night.",
	}
	full := buildGroup(corpus, group)
	decoded := roundTrip(t, full)
	without := build(corpus)
	for i, s := range group {
		want := without.Sentence(s)
		if got := full.Sentence(s); got != want {
			t.Errorf("group sentence %d: got %+v, want %+v (the model without the group)", i, got, want)
		}
		if got := decoded.Sentence(s); got != want {
			t.Errorf("group sentence %d, decoded: got %+v, want %+v", i, got, want)
		}
		// Left out alone, its paraphrase's shared wording would still count.
		if alone := buildGroup(append(slices.Clone(corpus), group[1-i]), nil).Sentence(s); alone == want {
			t.Errorf("group sentence %d: the paraphrase changes nothing, the test says nothing", i)
		}
	}
	// A group's counts are built once and shared by the goroutines that
	// score its sentences at the same time (go test -race).
	fresh := roundTrip(t, full)
	var wg sync.WaitGroup
	got := make([]Score, 8)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g] = fresh.Sentence(group[g%2])
		}()
	}
	wg.Wait()
	for g, sc := range got {
		if want := without.Sentence(group[g%2]); sc != want {
			t.Errorf("goroutine %d: got %+v, want %+v", g, sc, want)
		}
	}
}
