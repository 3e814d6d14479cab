// Package cluster groups the pages of a crawl into story clusters: the
// copies of one story (reprints, spun rewrites, translations) and the
// independent coverage of the same event.
//
// Each page gets a compact signature (Sig, 200 bytes) made of four MinHash
// sketches with 12-bit values (the low bits of each minimum, packed two in
// three bytes), each over a different view of the main text,
// and a sample of its word 8-grams:
//
//   - Words: 16 values over the set of word 3-shingles (lower-cased
//     words). Estimates the Jaccard similarity of verbatim phrasing, so it
//     catches reprints and light edits. Banded as 4 bands of 4 rows: a pair
//     with 3-shingle Jaccard 0.5 becomes a candidate with probability 0.23,
//     0.7 with 0.67, 0.9 with 0.99. (It had 32 values, 8 bands, until the
//     Grams view took its bytes: the Stems and Grams views catch what its
//     other 16 values caught, and on the dev pairs no pair was lost.)
//   - Stems: 32 values over the set of content-word stems (Snowball stems of
//     words that are not function words). A spinner replaces the wording
//     but keeps most nouns, names and many verbs, so rewordings that share
//     under 10% of their 5-grams still share 20–40% of their content stems.
//     Banded as 16 bands of 2 rows: Jaccard 0.2 → candidate with
//     probability 0.49, 0.3 → 0.78, 0.4 → 0.93.
//   - Anchors: 24 values over adjacent pairs of names and numbers
//     (lex.AnchorKeys) in text order: "the same names and numbers in the
//     same order". A name counts by its lex.NameKey, a key that reads the
//     same in Cyrillic and in English ("Зеленского" and "Zelensky" are
//     both "zlns"), so this view also joins a Russian or Ukrainian page to
//     its English translation. Banded as 12 bands of 2 rows.
//   - Numbers: 20 values over the numbers of the text and adjacent pairs of
//     them, with separators removed, one-digit numbers left out (list
//     ordinals and small counts join unrelated pages; see lex.KeyAnchors,
//     which leaves them out of the Anchors view too). Numbers survive
//     translation into another script, so this view finds the
//     foreign-language source of a machine translation. Banded as 10 bands
//     of 2 rows.
//   - Grams: up to 13 fingerprints (32 bits) of the page's word 8-grams,
//     from those whose hash is a multiple of 16: the smallest of each of
//     13 equal runs of them in text order, so that the kept ones spread
//     over the whole text and a passage cut from anywhere in a long
//     document is as likely to hold one as its opening is. The
//     MinHash views estimate Jaccard similarity, which is low between a
//     short verbatim passage and the long document it was cut from (a
//     PAN13 copy of 76 words in a source of 360: 3-shingle Jaccard 0.2);
//     a shared 8-gram fingerprint is containment evidence whatever the
//     sizes. Every fingerprint is a bucket key; a pair sharing one
//     matches when their stems also overlap (Jaccard at least 1/16), which
//     keeps one stock sentence ("All rights reserved ...") from joining two
//     stories. On the PAN13 dev pairs (copy passage, whole source
//     document) the Grams rule alone finds 336 of 402 (290 with 7 runs
//     and 32 Words values, 269 when the 7 smallest of all were kept), all
//     views together 342 (311, 303); a passage shorter than a run of the
//     source's sampled grams can still miss. The 885 unrelated
//     web-pages-gold pages keep 81 in clusters throughout, 65 since
//     one-digit numbers left the Anchors and Numbers views
//     (TestViewRecall).
//
// Group builds LSH buckets from the bands one band at a time (sorting the
// pages' band keys, so a bucket is a run of equal keys; each bucket capped
// at Options.BucketCap indexed pages, so a band value shared by thousands of
// pages costs nothing), verifies each candidate pair on the estimated
// similarities and forms clusters from the verified pairs with Stars, which
// does not chain them (connected components let one false match join two
// stories, and at scale such matches percolate); cross-language matches
// come after the same-language ones, so a translation's source joins its
// translations' star and numbers shared by chance build no hubs
// (CrossStars). The Grams fingerprints are bucketed the same way, in 16
// sorted passes, one per range of their top bits. Memory beyond the
// signatures is 12 bytes a page for the band index, 8 bytes a fingerprint
// of one of 16 ranges (about 3.5 a page) while the Grams buckets are
// formed, plus 24 bytes a page and 8 bytes a verified pair for the match
// lists; the work is n log n per band plus the candidate checks, which the
// bucket cap bounds.
//
// Contain then attaches the excerpts Group leaves alone: a short page whose
// sampled 8-grams (all of which its signature holds) a long page carries
// joins that page's story. The long pages' full fingerprint lists come from
// SignAll and are kept by the caller (the engine's spill store), streamed
// back one page at a time. On the PAN13 dev pairs it finds 50 of the 60
// copy passages the signatures miss; on the 885 unrelated web-pages-gold
// pages it joins none.
package cluster

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"

	"github.com/spinscan/spinscan/features"
	"github.com/spinscan/spinscan/features/lex"
)

// Sketch sizes (values per view) and LSH band widths (rows per band).
const (
	wordsK   = 16
	stemsK   = 32
	anchorsK = 24
	numbersK = 20
	gramsK   = 13

	wordsRows   = 4
	stemsRows   = 2
	anchorsRows = 2
	numbersRows = 2
)

// Sig is a page's compact near-duplicate signature: four MinHash sketches
// and a sample of 8-gram fingerprints (see the package documentation), the
// page language and the sizes of the views. Its zero value is the
// signature of an empty page, which matches nothing.
type Sig struct {
	// Words is the MinHash of the word 3-shingles (12-bit values packed
	// two in three bytes: Value reads one).
	Words [wordsK / 2 * 3]byte
	// Stems is the MinHash of the content-word stems.
	Stems [stemsK / 2 * 3]byte
	// Anchors is the MinHash of adjacent name/number pairs.
	Anchors [anchorsK / 2 * 3]byte
	// Numbers is the MinHash of numbers and adjacent number pairs.
	Numbers [numbersK / 2 * 3]byte
	// Lang is the page language (ISO 639-1, "" when unknown).
	Lang [2]byte
	// NWords, NStems, NAnchors and NNumbers count the distinct elements of
	// each view (saturating at 65535); a view with too few elements is not
	// used for matching.
	NWords, NStems, NAnchors, NNumbers uint16
	// Grams holds the smallest fingerprints of the sampled word 8-grams,
	// ascending, zero-padded (no fingerprint is zero).
	Grams [gramsK]uint32
}

// Word 8-gram sampling for the Grams view: an 8-gram whose hash is a
// multiple of gramSample is sampled.
const (
	gramWords  = 8
	gramSample = 16
	// gramPartBits is how many top bits of a fingerprint choose the range
	// Group buckets it in (gramParts ranges, one at a time).
	gramPartBits = 4
	gramParts    = 1 << gramPartBits
	// gramStems is the stems Jaccard estimate a pair sharing a gram
	// fingerprint needs to match: at least 2 of the 32 sketch values.
	gramStems = 1.0 / 16
)

// Minimum view sizes below which a view is too small to match on.
const (
	minWords   = 3
	minStems   = 4
	minAnchors = 3
	minNumbers = 3
)

// Sign computes the signature of page p's main text (p.Text, or p.Raw when
// the main text is empty). A nil or empty page yields the zero Sig.
func Sign(p *features.Page) Sig {
	s, _ := SignAll(p)
	return s
}

// SignAll is Sign that also returns, when the signature's Grams view is
// full (Full: the page has more sampled 8-grams than Sig keeps), all of
// the page's sampled 8-gram fingerprints, sorted, for Contain; nil
// otherwise.
func SignAll(p *features.Page) (Sig, []uint32) {
	var s Sig
	if p == nil {
		return s, nil
	}
	text := p.Text
	if strings.TrimSpace(text) == "" {
		text = p.Raw
	}
	if len(p.Lang) >= 2 {
		s.Lang = [2]byte{p.Lang[0], p.Lang[1]}
	}
	words := lex.Words(text)
	// Each word hashed once; a word sequence's hash is fold of its words'
	// (hashStrings).
	hw := make([]uint64, len(words))
	for i, w := range words {
		hw[i] = xxhash.Sum64String(w)
	}

	// Words: 3-shingles (a shorter text contributes its whole word sequence).
	var wh []uint64
	for i := 0; i+3 <= len(hw); i++ {
		wh = append(wh, fold(hw[i:i+3]))
	}
	if len(hw) > 0 && len(hw) < 3 {
		wh = append(wh, fold(hw))
	}
	s.NWords = sketch(s.Words[:], wh, 1)

	// Stems: set of content stems.
	var sh []uint64
	stemmed := make(map[string]bool, len(words)/2)
	for _, w := range words {
		if stemmed[w] || lex.IsFunction(w) {
			continue
		}
		stemmed[w] = true
		sh = append(sh, hashStrings(lex.Stem(w)))
	}
	s.NStems = sketch(s.Stems[:], sh, 2)

	// Anchors: adjacent pairs of names (as lex.NameKey keys, which read
	// the same in Cyrillic and in English) and numbers, in order.
	anchors := lex.AnchorKeys(text)
	var ah []uint64
	for i := 0; i+1 < len(anchors); i++ {
		if anchors[i] != anchors[i+1] {
			ah = append(ah, hashStrings(anchors[i], anchors[i+1]))
		}
	}
	s.NAnchors = sketch(s.Anchors[:], ah, 3)

	// Numbers: each number of two digits or more and adjacent pairs,
	// separators removed.
	nums := slices.DeleteFunc(lex.Numbers(text), func(n string) bool { return len(n) < 2 })
	var nh []uint64
	for i, n := range nums {
		nh = append(nh, hashStrings("#", n))
		if i+1 < len(nums) {
			nh = append(nh, hashStrings(n, nums[i+1]))
		}
	}
	s.NNumbers = sketch(s.Numbers[:], nh, 4)

	fps := sampled(hw)
	s.Grams = keep(fps)
	if !Full(&s) {
		return s, nil
	}
	slices.Sort(fps)
	return s, slices.Compact(fps)
}

// Full reports whether a signature's Grams view is full: the page may
// have had more sampled 8-grams than the signature keeps (a long page).
func Full(s *Sig) bool {
	return s.Grams[gramsK-1] != 0
}

// grams returns the Grams view of a text from its words' hashes: the
// fingerprints of its sampled 8-grams, all of them when there are at most
// gramsK, else the smallest of each of gramsK equal runs in text order.
func grams(hw []uint64) [gramsK]uint32 {
	return keep(sampled(hw))
}

// sampled returns the fingerprints of a text's sampled 8-grams (those
// whose hash is a multiple of gramSample), in text order.
func sampled(hw []uint64) []uint32 {
	var fps []uint32
	for i := 0; i+gramWords <= len(hw); i++ {
		h := fold(hw[i : i+gramWords])
		if h%gramSample != 0 {
			continue
		}
		fp := uint32(h >> 32)
		if fp == 0 {
			fp = 1
		}
		fps = append(fps, fp)
	}
	return fps
}

// keep chooses the Grams view from the sampled fingerprints (see grams);
// fps is not modified.
func keep(fps []uint32) [gramsK]uint32 {
	var out [gramsK]uint32
	n := copy(out[:], fps)
	if len(fps) > gramsK {
		// Keep the smallest of each of gramsK runs of the sampled grams in
		// text order, so the kept ones are spread over the whole text.
		for k := range gramsK {
			out[k] = slices.Min(fps[k*len(fps)/gramsK : (k+1)*len(fps)/gramsK])
		}
	}
	slices.Sort(out[:n])
	clear(out[len(slices.Compact(out[:n])):])
	return out
}

// sharedGrams counts the fingerprints two Grams views share.
func sharedGrams(a, b *[gramsK]uint32) int {
	n := 0
	for i, j := 0, 0; i < gramsK && j < gramsK && a[i] != 0 && b[j] != 0; {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// hashStrings hashes a sequence of strings, separated so that ("ab","c") and
// ("a","bc") differ.
func hashStrings(parts ...string) uint64 {
	var h uint64
	for _, p := range parts {
		h = mix(h ^ xxhash.Sum64String(p))
	}
	return h
}

// fold is hashStrings over strings already hashed with xxhash.
func fold(hs []uint64) uint64 {
	var h uint64
	for _, x := range hs {
		h = mix(h ^ x)
	}
	return h
}

// mix is the splitmix64 finaliser, used as the i-th hash permutation.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Value returns the i-th value of a packed sketch (Sig.Words, Stems,
// Anchors or Numbers): 12 bits, two values in three bytes; 0 only in an
// empty sketch.
func Value(p []byte, i int) uint16 {
	j := i / 2 * 3
	if i%2 == 0 {
		return uint16(p[j]) | uint16(p[j+1]&0x0f)<<8
	}
	return uint16(p[j+1]>>4) | uint16(p[j+2])<<4
}

// setValue stores v (12 bits) as the i-th value of a packed sketch.
func setValue(p []byte, i int, v uint16) {
	j := i / 2 * 3
	if i%2 == 0 {
		p[j] = byte(v)
		p[j+1] = p[j+1]&0xf0 | byte(v>>8)&0x0f
		return
	}
	p[j+1] = p[j+1]&0x0f | byte(v<<4)
	p[j+2] = byte(v >> 4)
}

// sketch fills the packed sketch dst with the MinHash of the distinct
// hashes hs (permutation i of view v is mix(h ^ seed(v, i))), keeping the
// top 12 bits of each minimum, and returns the number of distinct elements,
// saturating at 65535. An empty set leaves dst zero.
//
// Twelve bits are enough: two unrelated values are equal with probability
// 1/4096, which moves a 32-value Jaccard estimate by under 0.001 on
// average, and the shortest band (2 values, 24 bits) puts a random page
// in a given bucket with probability 1/16M, so a crawl of a million pages
// adds about 0.06 chance candidates a page per band.
func sketch(dst []byte, hs []uint64, view uint64) uint16 {
	if len(hs) == 0 {
		return 0
	}
	seen := make(map[uint64]struct{}, len(hs))
	mins := make([]uint64, len(dst)/3*2)
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for _, h := range hs {
		if _, ok := seen[h]; ok {
			continue
		}
		seen[h] = struct{}{}
		for i := range mins {
			if v := mix(h ^ mix(view<<32|uint64(i)+1)); v < mins[i] {
				mins[i] = v
			}
		}
	}
	for i, m := range mins {
		// The low 12 bits of the minimum (its top bits are mostly zero
		// in a large set); 0 is reserved for "empty".
		v := uint16(m) & 0xfff
		if v == 0 {
			v = 1
		}
		setValue(dst, i, v)
	}
	if len(seen) > 0xffff {
		return 0xffff
	}
	return uint16(len(seen))
}

// similarity is the fraction of equal values of two packed sketches: the
// MinHash estimate of the Jaccard similarity of two views. Empty views have
// similarity 0.
func similarity(a, b []byte) float64 {
	if len(a) == 0 || Value(a, 0) == 0 || Value(b, 0) == 0 {
		return 0
	}
	eq := 0
	for j := 0; j+2 < len(a); j += 3 {
		if a[j] == b[j] && a[j+1]&0x0f == b[j+1]&0x0f {
			eq++
		}
		if a[j+1]>>4 == b[j+1]>>4 && a[j+2] == b[j+2] {
			eq++
		}
	}
	return float64(eq) / float64(len(a)/3*2)
}

// Similarity holds the estimated Jaccard similarities of two signatures,
// view by view (0 for a view too small on either side).
type Similarity struct {
	Words, Stems, Anchors, Numbers float64
	// Grams counts the shared 8-gram fingerprints.
	Grams int
}

// Compare estimates the similarity of two signatures view by view.
func Compare(a, b *Sig) Similarity {
	var s Similarity
	if a.NWords >= minWords && b.NWords >= minWords {
		s.Words = similarity(a.Words[:], b.Words[:])
	}
	if a.NStems >= minStems && b.NStems >= minStems {
		s.Stems = similarity(a.Stems[:], b.Stems[:])
	}
	if a.NAnchors >= minAnchors && b.NAnchors >= minAnchors {
		s.Anchors = similarity(a.Anchors[:], b.Anchors[:])
	}
	if a.NNumbers >= minNumbers && b.NNumbers >= minNumbers {
		s.Numbers = similarity(a.Numbers[:], b.Numbers[:])
	}
	s.Grams = sharedGrams(&a.Grams, &b.Grams)
	return s
}

// Options tunes Group. The zero value means the defaults below.
type Options struct {
	// BucketCap is the most pages one LSH bucket holds; later pages with
	// the same band value are not indexed in it. Default 64.
	BucketCap int
	// Words, Stems, Anchors are the estimated Jaccard similarities at or
	// above which a candidate pair in the same language joins a cluster
	// (any one suffices). Defaults 0.5, 0.25, 0.25.
	Words, Stems, Anchors float64
	// NonEnglishStems is the Stems threshold for two pages neither of
	// which is English (see Match). Default 0.35.
	NonEnglishStems float64
	// Numbers is the estimated similarity of the Numbers views at or above
	// which two pages in different languages join. Default 0.5.
	Numbers float64
	// CrossAnchors is the estimated similarity of the Anchors views at or
	// above which two pages in different languages join (names compare
	// across scripts by their lex.NameKey). Default 0.25.
	CrossAnchors float64
}

func (o Options) withDefaults() Options {
	if o.BucketCap <= 0 {
		o.BucketCap = 64
	}
	if o.Words <= 0 {
		o.Words = 0.5
	}
	if o.Stems <= 0 {
		o.Stems = 0.25
	}
	if o.Anchors <= 0 {
		o.Anchors = 0.25
	}
	if o.NonEnglishStems <= 0 {
		o.NonEnglishStems = 0.35
	}
	if o.Numbers <= 0 {
		o.Numbers = 0.5
	}
	if o.CrossAnchors <= 0 {
		o.CrossAnchors = 0.25
	}
	return o
}

// Match reports whether two signatures are copies of one story under the
// options' thresholds: same-language pages (or pages of unknown language)
// match on words, stems or anchors (anchors only together with some shared
// stems) or on a shared 8-gram fingerprint with some shared stems; pages
// in different languages match on numbers or on anchors.
func (o Options) Match(a, b *Sig) bool {
	o = o.withDefaults()
	s := Compare(a, b)
	if Foreign(a, b) {
		return s.Numbers >= o.Numbers || s.Anchors >= o.CrossAnchors
	}
	st := o.stemsThreshold(a, b)
	stems := s.Stems >= st && (s.Stems >= loneStems || min(a.NStems, b.NStems) < bigStems ||
		s.Words > 0 || s.Anchors > 0 || s.Grams > 0)
	return s.Words >= o.Words || stems || (s.Anchors >= o.Anchors && s.Stems >= st/2) ||
		(s.Grams > 0 && s.Stems >= gramStems)
}

// Two long pages whose stems match only just (below loneStems) need a
// second view to agree on something: a word 3-shingle, an adjacent
// name/number pair or an 8-gram fingerprint. Two long pages share much of
// the common vocabulary whatever their stories, and a 32-value sketch
// puts a true stems Jaccard of 0.15 over 0.25 often enough that, among
// the 391 170 pairs of unrelated web-pages-gold pages, 67 matched on stems
// alone (all with at least 77 distinct stems on each side, most over
// 150, none over 0.344), and stars joined 15 of those pages (Python
// tutorials, recipes, a hurricane story) into one cluster. Copies of one
// story share its names and numbers, or some of its wording.
const (
	bigStems  = 150       // distinct stems on each side from which a pair is long
	loneStems = 12.0 / 32 // a stems estimate from which stems alone suffice
)

// stemsThreshold is the Stems threshold for a same-language pair: the
// stems view drops English function words only, so in other languages it
// carries their function words too and needs a higher bar (NonEnglishStems).
func (o Options) stemsThreshold(a, b *Sig) float64 {
	if a.Lang == [2]byte{'e', 'n'} || b.Lang == [2]byte{'e', 'n'} {
		return o.Stems
	}
	return max(o.Stems, o.NonEnglishStems)
}

// Foreign reports whether two signatures carry different known languages:
// a match between them is a cross-language match (see CrossStars).
func Foreign(a, b *Sig) bool {
	return a.Lang != [2]byte{} && b.Lang != [2]byte{} && a.Lang != b.Lang
}

// Group returns, for each page (by index), its story id: "s-" and eight hex
// digits of the xxhash of the id of the cluster's first member in input
// order, or "" for a page with no peer. The result depends only on the
// input, not on timing. ids and sigs must have the same length (Group
// panics otherwise: a programmer error).
func Group(ids []string, sigs []Sig) []string {
	return Options{}.Group(ids, sigs)
}

// Group is the package-level Group with these options.
//
// The LSH index is built one band at a time: the band keys of all pages
// (8 bytes a page) are sorted with the pages' indexes (4 bytes a page) and
// each run of equal keys is a bucket, so the index Group holds beyond the
// signatures is 12 bytes a page (keys, order) whatever the number of
// bands; the verified matches are kept as a list per page for Stars. Within a bucket, pages in input order, the page at
// position p is a candidate of the pages at positions below
// min(p, BucketCap), as if each bucket indexed only its first BucketCap
// pages.
func (o Options) Group(ids []string, sigs []Sig) []string {
	if len(ids) != len(sigs) {
		panic(fmt.Sprintf("cluster.Group: %d ids but %d signatures", len(ids), len(sigs)))
	}
	return Names(ids, Stars(o.matches(sigs), func(p, q int32) bool { return Foreign(&sigs[p], &sigs[q]) }))
}

// matches returns, for each page, the pages it matches (verified candidate
// pairs of the LSH index), sorted.
func (o Options) matches(sigs []Sig) [][]int32 {
	o = o.withDefaults()
	n := len(sigs)
	adj := make([][]int32, n)
	keys := make([]uint64, n)
	order := make([]int32, 0, n)
	var buf [2 + 2*wordsRows]byte
	for _, v := range bandViews {
		for b := 0; b+v.rows <= v.size; b += v.rows {
			order = order[:0]
			for i := range sigs {
				vals := v.vals(&sigs[i])
				if vals == nil {
					continue
				}
				keys[i] = bandKey(buf[:], v.id, b, v.rows, vals)
				order = append(order, int32(i))
			}
			slices.SortFunc(order, func(a, c int32) int {
				if keys[a] != keys[c] {
					return cmp.Compare(keys[a], keys[c])
				}
				return cmp.Compare(a, c)
			})
			for lo := 0; lo < len(order); {
				hi := lo + 1
				for hi < len(order) && keys[order[hi]] == keys[order[lo]] {
					hi++
				}
				o.verify(order[lo:hi], sigs, adj)
				lo = hi
			}
		}
	}
	// The Grams view: every fingerprint is a bucket of its own (BandKeys
	// names it gramKey(fp); here the fingerprint itself sorts, in 8 bytes
	// an entry). The fingerprints are taken in gramParts ranges of their
	// top bits, one range at a time, so the entries held at once are about
	// a gramParts-th of them; the buckets come in the same ascending order
	// as from one sort of them all.
	type entry struct {
		key  uint32
		page int32
	}
	var entries []entry
	for part := range uint32(gramParts) {
		entries = entries[:0]
		for i := range sigs {
			for _, fp := range sigs[i].Grams {
				if fp == 0 {
					break
				}
				if fp>>(32-gramPartBits) == part {
					entries = append(entries, entry{fp, int32(i)})
				}
			}
		}
		slices.SortFunc(entries, func(a, c entry) int {
			if a.key != c.key {
				return cmp.Compare(a.key, c.key)
			}
			return cmp.Compare(a.page, c.page)
		})
		for lo := 0; lo < len(entries); {
			hi := lo + 1
			for hi < len(entries) && entries[hi].key == entries[lo].key {
				hi++
			}
			order = order[:0]
			for _, e := range entries[lo:hi] {
				order = append(order, e.page)
			}
			o.verify(order, sigs, adj)
			lo = hi
		}
	}
	for _, a := range adj {
		slices.Sort(a)
	}
	return adj
}

// verify checks the candidate pairs of one bucket (pages in input order):
// the page at position p against those before it, up to BucketCap, and
// records the pairs Match accepts in adj.
func (o Options) verify(bucket []int32, sigs []Sig, adj [][]int32) {
	for p := 1; p < len(bucket); p++ {
		i := int(bucket[p])
		for q := 0; q < min(p, o.BucketCap); q++ {
			j := int(bucket[q])
			if !slices.Contains(adj[i], int32(j)) && o.Match(&sigs[i], &sigs[j]) {
				adj[i] = append(adj[i], int32(j))
				adj[j] = append(adj[j], int32(i))
			}
		}
	}
}

// Names turns Stars' result into story ids: "s-" and eight hex digits of
// the xxhash of the id of the star's first member in input order, "" for a
// page alone.
func Names(ids []string, star []int32) []string {
	first := make(map[int32]int, 64)
	for i, c := range star {
		if c < 0 {
			continue
		}
		if _, ok := first[c]; !ok {
			first[c] = i
		}
	}
	out := make([]string, len(ids))
	for i, c := range star {
		if c >= 0 {
			out[i] = StoryID(ids[first[c]])
		}
	}
	return out
}

// bandView describes one view's LSH banding: its id in the band keys, its
// sketch size, rows per band, and its values in a signature (nil when the
// view is too small to match on).
type bandView struct {
	id         byte
	size, rows int
	vals       func(s *Sig) []byte
}

// bandViews are the four MinHash views in band-key order (the order BandKeys
// lists them).
var bandViews = [...]bandView{
	{1, wordsK, wordsRows, func(s *Sig) []byte {
		if s.NWords < minWords {
			return nil
		}
		return s.Words[:]
	}},
	{2, stemsK, stemsRows, func(s *Sig) []byte {
		if s.NStems < minStems {
			return nil
		}
		return s.Stems[:]
	}},
	{3, anchorsK, anchorsRows, func(s *Sig) []byte {
		if s.NAnchors < minAnchors {
			return nil
		}
		return s.Anchors[:]
	}},
	{4, numbersK, numbersRows, func(s *Sig) []byte {
		if s.NNumbers < minNumbers {
			return nil
		}
		return s.Numbers[:]
	}},
}
