package cluster

import (
	"encoding/binary"
	"fmt"

	"github.com/cespare/xxhash/v2"
)

// This file exposes Group's LSH banding and naming to callers that form
// clusters elsewhere (the Beam pipeline in cmd/spinscan-beam), so that
// they find exactly the clusters and story ids Group finds:
//
//   - every page is put in the buckets named by BandKeys;
//   - in a bucket whose pages are sorted in input order, the page at
//     position p is a candidate of the pages at positions below
//     min(p, BucketLimit()) (Group indexes only the first BucketLimit pages
//     of a bucket);
//   - a candidate pair verified by Match is an edge, and the connected
//     components of the edges with more than one page are the clusters;
//   - a cluster is named StoryID(id of its first page in input order).

// BandKeys returns the LSH bucket keys of signature s, one per band of each
// view large enough to match on, exactly as Group computes them (a view
// below its minimum size contributes no key, so the zero Sig has none).
func (o Options) BandKeys(s *Sig) []uint64 {
	if s == nil {
		return nil
	}
	var out []uint64
	var key [2 + 2*wordsRows]byte
	add := func(view byte, vals []byte, rows int) {
		for b := 0; b+rows <= len(vals)/3*2; b += rows {
			out = append(out, bandKey(key[:], view, b, rows, vals))
		}
	}
	if s.NWords >= minWords {
		add(1, s.Words[:], wordsRows)
	}
	if s.NStems >= minStems {
		add(2, s.Stems[:], stemsRows)
	}
	if s.NAnchors >= minAnchors {
		add(3, s.Anchors[:], anchorsRows)
	}
	if s.NNumbers >= minNumbers {
		add(4, s.Numbers[:], numbersRows)
	}
	for _, fp := range s.Grams {
		if fp == 0 {
			break
		}
		out = append(out, gramKey(fp))
	}
	return out
}

// gramKey is the bucket key of one Grams fingerprint.
func gramKey(fp uint32) uint64 {
	var k [5]byte
	k[0] = 5
	binary.LittleEndian.PutUint32(k[1:], fp)
	return xxhash.Sum64(k[:])
}

// bandKey hashes one band (rows values starting at index b of the packed
// sketch vals) into a bucket key; buf must hold 2+2*rows bytes. It is the
// key Group uses.
func bandKey(buf []byte, view byte, b, rows int, vals []byte) uint64 {
	k := buf[:2+2*rows]
	k[0], k[1] = view, byte(b)
	for r := range rows {
		binary.LittleEndian.PutUint16(k[2+2*r:], Value(vals, b+r))
	}
	return xxhash.Sum64(k)
}

// BucketLimit returns how many pages one LSH bucket indexes under these
// options (BucketCap, or its default of 64).
func (o Options) BucketLimit() int {
	return o.withDefaults().BucketCap
}

// StoryID returns the story id Group gives a cluster whose first member in
// input order has id first: "s-" and eight hex digits of its xxhash.
func StoryID(first string) string {
	return fmt.Sprintf("s-%08x", uint32(xxhash.Sum64String(first)))
}
