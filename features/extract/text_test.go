package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnwrap(t *testing.T) {
	wrapped := "Inheritance is a basic concept of Object-Oriented Programming where\n" +
		"the basic idea is to create new classes that add extra detail to\n" +
		"existing classes. This is done by allowing the new classes to reuse\n" +
		"the methods and variables of the existing classes and new methods.\n" +
		"\n" +
		"A second paragraph starts here and it runs on for a while so that\n" +
		"it wraps too.\n"
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"hard-wrapped paragraphs are joined", wrapped, []string{
			"Inheritance is a basic concept of Object-Oriented Programming where the basic idea is to create new classes that add extra detail to existing classes. This is done by allowing the new classes to reuse the methods and variables of the existing classes and new methods.",
			"",
			"A second paragraph starts here and it runs on for a while so that it wraps too.",
			"",
		}},
		{"one block a line is left alone", "Home\nWorld\nA headline about a story that runs long\nThe first paragraph of the story, which is a whole sentence and then some more words to make it long.\nThe second paragraph, also complete.\nRelated stories about other things\n",
			nil},
		{"too few lines", "one line that is long enough to count\n", nil},
		{"a passage cut out of wrapped text, first and last lines partial", ". The old mill stood by the river for a hundred years\n" +
			"before the flood of that spring took the wheel and half of the wall with\n" +
			"it, and the miller's family moved to the town across the valley. Nobody\n" +
			"rebuilt it. ", []string{
			". The old mill stood by the river for a hundred years before the flood of that spring took the wheel and half of the wall with it, and the miller's family moved to the town across the valley. Nobody rebuilt it.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.Split(tc.in, "\n")
			got, wrapped := unwrap(lines)
			if wrapped != (tc.want != nil) {
				t.Errorf("wrapped = %v", wrapped)
			}
			want := tc.want
			if want == nil {
				want = lines
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("got\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// TestUnwrapContinued checks the join of text too short for the width
// test: a line of 25 characters or more ending mid-sentence is joined to a
// next line that starts in lower case, and to nothing else.
func TestUnwrapContinued(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"a sentence over two lines", "The committee met on Tuesday to discuss the\nbudget for the coming year.", []string{"The committee met on Tuesday to discuss the budget for the coming year."}},
		{"a headline above its story", "Committee meets to discuss the budget\nThe committee met on Tuesday.", []string{"Committee meets to discuss the budget", "The committee met on Tuesday."}},
		{"a closed sentence", "The committee met on Tuesday to discuss it.\nthen it adjourned.", []string{"The committee met on Tuesday to discuss it.", "then it adjourned."}},
		{"a short menu item", "home\nabout us", []string{"home", "about us"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, wrapped := unwrap(strings.Split(tc.in, "\n"))
			if wrapped {
				t.Errorf("wrapped = true")
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestUnwrapSeeds checks that the seeds (one visible block a line) are not
// taken for hard-wrapped text.
func TestUnwrapSeeds(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(paths) == 0 {
		t.Skip("no seeds")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		if got, wrapped := unwrap(lines); wrapped || len(got) != len(lines) {
			t.Errorf("%s: %d lines became %d", filepath.Base(p), len(lines), len(got))
		}
	}
}
