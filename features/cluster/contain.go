package cluster

import "slices"

// Excerpts. A short page copied from a long one (a passage lifted from an
// article, as the PAN13 text-alignment cases are) shares few of the long
// page's shingles, stems or kept gram fingerprints, so Group often leaves
// it alone: the long page keeps gramsK fingerprints spread over its whole
// text, and a passage shorter than a run of them may hold none. But a
// short page's signature holds all of its sampled 8-gram fingerprints (its
// Grams view is not Full), so after Group the pages left alone can be
// looked up in every long page's full list of sampled fingerprints, which
// the caller keeps outside the signature (SignAll) and hands back one page
// at a time. Memory is an index of the lone short pages' fingerprints
// only; the long pages' lists are streamed.

// Contain attaches to a story each page Group left alone whose sampled
// 8-grams a longer page carries: a page with no story (stories[i] == "")
// whose Grams view is not Full and not empty (a probe) joins the long page
// (Full) of the same language that holds the most of its fingerprints, at
// least half of them and at least two, or one when their stems also overlap
// (Jaccard at least 1/16, the Grams rule of Match). It joins the long
// page's story; a long page with no story forms one with the probes it
// holds, named by StoryID of its first member in input order. all returns
// page i's sorted fingerprints (SignAll) and is called only for Full
// pages, in input order; an error from it ends Contain with that error.
// ids, sigs and stories have one entry per page; stories is not modified.
func Contain(ids []string, sigs []Sig, stories []string, all func(i int) ([]uint32, error)) ([]string, error) {
	index := map[uint32][]int32{}
	nfp := map[int32]int{}
	for i := range sigs {
		s := &sigs[i]
		if stories[i] != "" || Full(s) || s.Grams[0] == 0 {
			continue
		}
		for _, fp := range s.Grams {
			if fp == 0 {
				break
			}
			index[fp] = append(index[fp], int32(i))
			nfp[int32(i)]++
		}
	}
	out := slices.Clone(stories)
	if len(index) == 0 {
		return out, nil
	}
	type hit struct {
		page   int32
		shared int
	}
	best := map[int32]hit{}
	shared := map[int32]int{}
	for j := range sigs {
		if !Full(&sigs[j]) {
			continue
		}
		fps, err := all(j)
		if err != nil {
			return nil, err
		}
		clear(shared)
		for _, fp := range fps {
			for _, p := range index[fp] {
				shared[p]++
			}
		}
		for p, n := range shared {
			a, b := &sigs[p], &sigs[j]
			if n*2 < nfp[p] || Foreign(a, b) || n < 2 && Compare(a, b).Stems < gramStems {
				continue
			}
			if h, ok := best[p]; !ok || n > h.shared {
				best[p] = hit{int32(j), n}
			}
		}
	}
	// Long pages with no story form one with the probes they hold.
	first := map[int32]int32{}
	for p, h := range best {
		if out[h.page] != "" {
			continue
		}
		if f, ok := first[h.page]; !ok || p < f {
			first[h.page] = min(p, h.page)
		}
	}
	for p, h := range best {
		if name := stories[h.page]; name != "" {
			out[p] = name
			continue
		}
		name := StoryID(ids[first[h.page]])
		out[p], out[h.page] = name, name
	}
	return out, nil
}
