package cluster

import (
	"cmp"
	"slices"
)

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
// only (8 bytes a fingerprint, sorted; a short page has at most gramsK);
// the long pages' lists are streamed.

// Contain attaches to a story each page Group left alone whose sampled
// 8-grams a longer page carries: a page with no story (stories[i] == "")
// that is a Probe joins the Full page that holds the most of its
// fingerprints among those that pass Excerpt (the earliest on a tie), as
// Attach says. all returns page i's sorted fingerprints (SignAll) and is
// called only for Full pages, in input order; an error from it ends
// Contain with that error. ids, sigs and stories have one entry per page;
// stories is not modified.
func Contain(ids []string, sigs []Sig, stories []string, all func(i int) ([]uint32, error)) ([]string, error) {
	type entry struct {
		fp   uint32
		page int32
	}
	var index []entry
	for i := range sigs {
		if stories[i] != "" || !Probe(&sigs[i]) {
			continue
		}
		for _, fp := range sigs[i].Grams {
			if fp == 0 {
				break
			}
			index = append(index, entry{fp, int32(i)})
		}
	}
	if len(index) == 0 {
		return slices.Clone(stories), nil
	}
	slices.SortFunc(index, func(a, b entry) int { return cmp.Compare(a.fp, b.fp) })
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
			k, _ := slices.BinarySearchFunc(index, fp, func(e entry, fp uint32) int { return cmp.Compare(e.fp, fp) })
			for ; k < len(index) && index[k].fp == fp; k++ {
				shared[index[k].page]++
			}
		}
		for p, n := range shared {
			if !Excerpt(&sigs[p], &sigs[j], n) {
				continue
			}
			if h, ok := best[p]; !ok || n > h.shared {
				best[p] = hit{int32(j), n}
			}
		}
	}
	of := make(map[int32]int32, len(best))
	for p, h := range best {
		of[p] = h.page
	}
	return Attach(ids, stories, of), nil
}

// Probe reports whether a signature can be looked up as an excerpt: its
// Grams view holds all of the page's sampled 8-grams (not Full) and some.
func Probe(s *Sig) bool {
	return !Full(s) && s.Grams[0] != 0
}

// Excerpt reports whether a probe page whose fingerprints a Full page
// carries shared of are an excerpt of it: same language, at least half of
// the probe's fingerprints, and at least two of them or one with
// overlapping stems (Jaccard at least 1/16, the Grams rule of Match).
func Excerpt(probe, long *Sig, shared int) bool {
	n := 0
	for _, fp := range probe.Grams {
		if fp != 0 {
			n++
		}
	}
	return shared > 0 && shared*2 >= n && !Foreign(probe, long) &&
		(shared >= 2 || Compare(probe, long).Stems >= gramStems)
}

// Attach returns the stories with each excerpt p attached to the page
// of[p] it was found in: p joins that page's story, and a page with no
// story forms one with the excerpts found in it, named by StoryID of its
// first member in input order. Pages already in a story keep it. ids and
// stories have one entry per page; stories is not modified.
func Attach(ids, stories []string, of map[int32]int32) []string {
	out := slices.Clone(stories)
	first := map[int32]int32{}
	for p, q := range of {
		if stories[p] != "" || stories[q] != "" {
			continue
		}
		if f, ok := first[q]; !ok || p < f {
			first[q] = min(p, q)
		}
	}
	for p, q := range of {
		switch {
		case stories[p] != "":
		case stories[q] != "":
			out[p] = stories[q]
		default:
			name := StoryID(ids[first[q]])
			out[p], out[q] = name, name
		}
	}
	return out
}
