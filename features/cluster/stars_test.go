package cluster

import (
	"slices"
	"testing"
)

// edges builds sorted, symmetric match lists for n pages.
func edges(n int, pairs ...[2]int32) [][]int32 {
	adj := make([][]int32, n)
	for _, p := range pairs {
		adj[p[0]] = append(adj[p[0]], p[1])
		adj[p[1]] = append(adj[p[1]], p[0])
	}
	for _, a := range adj {
		slices.Sort(a)
	}
	return adj
}

func TestStars(t *testing.T) {
	for _, tc := range []struct {
		name string
		adj  [][]int32
		want []int32
	}{
		{"nothing matches", edges(3), []int32{-1, -1, -1}},
		{"one pair", edges(3, [2]int32{0, 2}), []int32{0, -1, 0}},
		{"a source and its copies", edges(4, [2]int32{3, 0}, [2]int32{3, 1}, [2]int32{3, 2}), []int32{3, 3, 3, 3}},
		// A path 0-1-2-3-4-5 of single matches: connected components would
		// make it one cluster; stars cut it (1 and 3 are centres, 5 joins
		// 3's star as a leaf through 4).
		{"a chain is cut", edges(6, [2]int32{0, 1}, [2]int32{1, 2}, [2]int32{2, 3}, [2]int32{3, 4}, [2]int32{4, 5}),
			[]int32{1, 1, 1, 3, 3, 3}},
		// Two stories (centres 0 and 4) joined by one false match 3-4:
		// 3 goes to one of them (the centre with more matches, taken
		// first), the stories stay apart.
		{"two stories, one false match", edges(8,
			[2]int32{0, 1}, [2]int32{0, 2}, [2]int32{0, 3}, [2]int32{3, 4},
			[2]int32{4, 5}, [2]int32{4, 6}, [2]int32{4, 7}),
			[]int32{0, 0, 0, 4, 4, 4, 4, 4}},
		// A page matching only a leaf of a star joins it as a leaf.
		{"a lone match joins as a leaf", edges(4, [2]int32{0, 1}, [2]int32{0, 2}, [2]int32{2, 3}),
			[]int32{0, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Stars(tc.adj, nil)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Stars = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCrossStars(t *testing.T) {
	// lang gives each page's language; a match between pages of different
	// languages is a cross-language match.
	for _, tc := range []struct {
		name string
		lang string // one letter a page
		adj  [][]int32
		want []int32
	}{
		// The foreign source 0 matches one translation of a star (2) and,
		// falsely, the centre of an unrelated star (4) that has more
		// matches: without languages it would join 4 (the centre with most
		// matches, taken first); it joins the star it matches most.
		{"a source joins the star it matches most", "rEEEEEEE", edges(8,
			[2]int32{0, 2}, [2]int32{0, 3}, [2]int32{0, 4},
			[2]int32{1, 2}, [2]int32{1, 3},
			[2]int32{4, 5}, [2]int32{4, 6}, [2]int32{4, 7}),
			[]int32{1, 1, 1, 1, 4, 4, 4, 4}},
		// A source whose translations stand alone forms a star with them.
		{"a source and its lone translations", "rEEj", edges(4,
			[2]int32{0, 1}, [2]int32{0, 2}, [2]int32{3, 1}),
			[]int32{0, 0, 0, 0}},
		// A page in a star of its own language stays there, whatever its
		// cross-language matches.
		{"same-language stars come first", "rrEE", edges(4,
			[2]int32{0, 1}, [2]int32{1, 2}, [2]int32{1, 3}, [2]int32{2, 3}),
			[]int32{0, 0, 2, 2}},
		{"no cross-language matches: as Stars", "EEEE", edges(4, [2]int32{0, 1}, [2]int32{0, 2}, [2]int32{2, 3}),
			[]int32{0, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			foreign := func(p, q int32) bool { return tc.lang[p] != tc.lang[q] }
			got := Stars(tc.adj, foreign)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Stars = %v, want %v", got, tc.want)
			}
		})
	}
}
