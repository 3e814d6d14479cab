package cluster

import (
	"cmp"
	"slices"
)

// Stars forms story clusters from the verified matches between pages
// without chaining them: connected components would join two unrelated
// stories through one false match, and in a large crawl such matches
// percolate into clusters of hundreds of unrelated pages.
//
// adj lists, for each page, the pages it matches (both directions, no
// duplicates). Pages are taken by decreasing number of matches (ties by
// input order); a page that matches a star centre joins the first such
// centre taken, otherwise it becomes a centre itself. A centre that no page
// joined, but that matches a page of a star, then joins that star as a
// leaf (the star of its first such match in input order), so every page
// with a match has a peer. Every member of a star thus matches its centre,
// or a member that does. Stars returns each page's star as the index of
// its centre, or -1 for a page alone. The result depends only on adj.
//
// foreign, when not nil, tells which matches join pages in different
// languages (a translation and its source). Those matches are left out of
// the stars above and used afterwards, see CrossStars.
func Stars(adj [][]int32, foreign func(p, q int32) bool) []int32 {
	if foreign == nil {
		return stars(adj)
	}
	return CrossStars(adj, foreign)
}

// CrossStars forms stars in two steps, so that a page's cross-language
// matches do not decide its place among the copies in its own language:
//
//  1. stars over the same-language matches only (as Stars without foreign);
//  2. a page still alone that matches pages of these stars in another
//     language joins the star it matches most often (ties: the star of its
//     first such match in input order), as a leaf;
//  3. the pages still alone form stars over their cross-language matches
//     among themselves.
//
// A translation's foreign source thus joins the star of the translations
// it matches most, rather than whichever star claimed it first; it cannot
// chain two stars, since a leaf joins one star and changes no other page.
func CrossStars(adj [][]int32, foreign func(p, q int32) bool) []int32 {
	n := len(adj)
	same := make([][]int32, n)
	cross := make([][]int32, n)
	for p, a := range adj {
		for _, q := range a {
			if foreign(int32(p), q) {
				cross[p] = append(cross[p], q)
			} else {
				same[p] = append(same[p], q)
			}
		}
	}
	star := stars(same)
	joined := slices.Clone(star)
	for p := range n {
		if star[p] >= 0 || len(cross[p]) == 0 {
			continue
		}
		best, most := int32(-1), 0
		for i, q := range cross[p] {
			c := star[q]
			if c < 0 || slices.ContainsFunc(cross[p][:i], func(r int32) bool { return star[r] == c }) {
				continue // alone, or a star already counted
			}
			k := 0
			for _, r := range cross[p][i:] {
				if star[r] == c {
					k++
				}
			}
			if k > most {
				best, most = c, k
			}
		}
		joined[p] = best
	}
	rest := make([][]int32, n)
	for p := range n {
		if joined[p] >= 0 {
			continue
		}
		for _, q := range cross[p] {
			if joined[q] < 0 {
				rest[p] = append(rest[p], q)
			}
		}
	}
	for p, c := range stars(rest) {
		if c >= 0 {
			joined[p] = c
		}
	}
	return joined
}

// stars is Stars over one set of matches.
func stars(adj [][]int32) []int32 {
	n := len(adj)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return cmp.Compare(len(adj[b]), len(adj[a]))
	})
	const none = -1
	star := make([]int32, n) // centre of each page's star
	rank := make([]int32, n) // position in order, for "first centre taken"
	for i := range star {
		star[i] = none
	}
	for r, p := range order {
		rank[p] = int32(r)
	}
	for _, p := range order {
		best := int32(none)
		for _, q := range adj[p] {
			if star[q] == q && (best == none || rank[q] < rank[best]) {
				best = q
			}
		}
		if best == none {
			star[p] = p
		} else {
			star[p] = best
		}
	}
	members := make([]int32, n)
	for _, c := range star {
		members[c]++
	}
	// Lone centres with a match join a star as leaves; leaves attach only
	// to pages that were in a star before this step, so nothing chains.
	inStar := func(q int32) bool { return members[star[q]] > 1 }
	var leaves [][2]int32
	for p := range n {
		if star[p] != int32(p) || members[p] > 1 {
			continue
		}
		for _, q := range adj[p] { // adj is in input order
			if inStar(q) {
				leaves = append(leaves, [2]int32{int32(p), star[q]})
				break
			}
		}
	}
	for _, l := range leaves {
		star[l[0]] = l[1]
		members[l[1]]++
		members[l[0]]--
	}
	for p := range n {
		if members[star[p]] < 2 {
			star[p] = none
		}
	}
	return star
}
