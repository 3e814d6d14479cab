package cluster

import (
	"slices"
	"testing"
)

func TestStars(t *testing.T) {
	// edges builds sorted, symmetric match lists for n pages.
	edges := func(n int, pairs ...[2]int32) [][]int32 {
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
			got := Stars(tc.adj)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Stars = %v, want %v", got, tc.want)
			}
		})
	}
}
