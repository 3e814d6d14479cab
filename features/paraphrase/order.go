package paraphrase

import (
	"slices"
)

// Order agreement needs this many sentences with a counterpart sharing at
// least minOrderStems of their content stems.
const (
	minOrderPairs = 3
	minOrderStems = 0.25
)

// orderAgreement is Kendall's tau-a between the positions of a page's
// sentences and those of their counterparts in a peer, over the sentences
// whose counterpart shares some content (0 when fewer than minOrderPairs):
// near 1 when the page restates the peer in its order, near 0 when it
// takes up the same points in an order of its own.
func orderAgreement(ms []match) float64 {
	var js []int
	for _, m := range ms {
		if m.j >= 0 && m.score() >= minOrderStems {
			js = append(js, m.j)
		}
	}
	return kendall(js, minOrderPairs)
}

// kendall is Kendall's tau-a between the index order of js and their
// values (ties count neither way), 0 for fewer than least values. It counts
// the discordant pairs by a merge sort, in O(n log n): pages of a thousand
// sentences are compared with forty peers.
func kendall(js []int, least int) float64 {
	n := len(js)
	if n < least || n < 2 {
		return 0
	}
	sorted := slices.Clone(js)
	discordant := inversions(sorted, make([]int, n))
	tied := 0
	for i := 0; i < n; {
		k := i + 1
		for k < n && sorted[k] == sorted[i] {
			k++
		}
		tied += (k - i) * (k - i - 1) / 2
		i = k
	}
	pairs := n * (n - 1) / 2
	return float64(pairs-tied-2*discordant) / float64(pairs)
}

// inversions sorts xs (tmp is scratch of the same length) and returns the
// number of pairs i < j with xs[i] > xs[j] before the sort.
func inversions(xs, tmp []int) int {
	if len(xs) < 2 {
		return 0
	}
	m := len(xs) / 2
	n := inversions(xs[:m], tmp[:m]) + inversions(xs[m:], tmp[m:])
	i, j, k := 0, m, 0
	for i < m && j < len(xs) {
		if xs[j] < xs[i] {
			n += m - i
			tmp[k] = xs[j]
			j++
		} else {
			tmp[k] = xs[i]
			i++
		}
		k++
	}
	k += copy(tmp[k:], xs[i:m])
	copy(tmp[k:], xs[j:])
	copy(xs, tmp)
	return n
}

// minOrderShared is the fewest shared stems stemOrder reads.
const minOrderShared = 5

// stemOrder is Kendall's tau-a between the first positions in page a and
// in page b of the content stems they share (0 when they share fewer
// than minOrderShared).
func stemOrder(a, b *doc) float64 {
	// peerRank[r] is the rank in b of a's stem of rank r, -1 if b lacks it.
	peerRank := make([]int, len(a.orderHash))
	for i := range peerRank {
		peerRank[i] = -1
	}
	shared := 0
	for i, j := 0, 0; i < len(a.orderHash) && j < len(b.orderHash); {
		switch ha, hb := a.orderHash[i], b.orderHash[j]; {
		case ha == hb:
			peerRank[a.orderPos[i]] = int(b.orderPos[j])
			shared++
			i++
			j++
		case ha < hb:
			i++
		default:
			j++
		}
	}
	if shared < minOrderShared {
		return 0
	}
	js := make([]int, 0, shared)
	for _, r := range peerRank {
		if r >= 0 {
			js = append(js, r)
		}
	}
	return kendall(js, minOrderShared)
}
