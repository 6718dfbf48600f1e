package dedup

import (
	"slices"
	"strings"
	"sync"
)

// blockingKeys appends to keys the hashes of the keys under which a record is filed.
// Two records become a candidate pair when they share any key. Each key is cheap and
// high-precision on its own; their union keeps recall when any one field has a typo.
func blockingKeys(r *Record, families keyFamily, keys []uint64) []uint64 {
	sink := keySink{keys: keys}
	if families&familyName != 0 {
		nameKeys(r, &sink)
	}
	if families&familyNameParts != 0 {
		namePartKeys(r, &sink)
	}
	if families&familyContact != 0 {
		contactKeys(r, &sink)
	}
	if families&familyAddress != 0 {
		addressKeys(r, &sink)
	}
	return sink.keys
}

// keySink collects key hashes. A key is its parts joined by "|", hashed as it is read
// rather than built as a string: at a million records the key strings were a gigabyte
// of garbage, which is what pushed the scan's peak heap over 2 GB.
type keySink struct{ keys []uint64 }

// add files the key made of parts, unless a part after the first (the key's family tag)
// is empty: an empty field is no evidence.
func (s *keySink) add(parts ...string) {
	for _, p := range parts[1:] {
		if p == "" {
			return
		}
	}
	h := uint64(fnvOffset)
	for i, p := range parts {
		if i > 0 {
			h = fnvAdd(h, '|')
		}
		for k := 0; k < len(p); k++ {
			h = fnvAdd(h, p[k])
		}
	}
	s.keys = append(s.keys, h)
}

// keyFamily groups blocking keys. A scan files records one family at a time, so only a
// third of the postings is in memory at once.
type keyFamily uint8

const (
	familyName keyFamily = 1 << iota
	familyNameParts
	familyContact
	familyAddress
	familyAll = familyName | familyNameParts | familyContact | familyAddress
)

var families = []keyFamily{familyName, familyNameParts, familyContact, familyAddress}

func nameKeys(r *Record, s *keySink) {
	s.add("n", r.Name.Sorted)
	region := r.Zip[:min(2, len(r.Zip))]
	if len(r.Name.Tokens) >= 2 {
		s.add("ns", phoneticKey(r.Name.Tokens), region)
	}
}

// namePartKeys file each name token with the postcode (by sound) or the town (exact), so a
// typo in one token still meets the other.
func namePartKeys(r *Record, s *keySink) {
	for _, t := range r.Name.Tokens {
		if len(t) >= 2 {
			s.add("nz", soundex(t), r.Zip)
			s.add("nt", t, r.City)
		}
	}
}

func contactKeys(r *Record, s *keySink) {
	s.add("e", r.Email.Identity())
	if len(r.Email.Local) >= 6 {
		s.add("el", r.Email.Local)
	}
	for _, p := range r.Phones {
		s.add("p", p) // empty slots are skipped by add
	}
	s.add("v", r.VAT.Value)
	x := r.more()
	for _, i := range x.IBANs {
		s.add("i", i)
	}
	s.add("r", x.Ref)
	if len(x.Comment) >= 4 {
		s.add("c", x.Comment)
	}
}

func addressKeys(r *Record, s *keySink) {
	s.add("a", r.Zip, r.Street.Number)
	// Street sound + number + town sound catches a mistyped postcode without filing every
	// "Hauptstraße 1" of a country under one key.
	if name, city := firstWord(r.Street.Name()), firstWord(r.City); name != "" && city != "" {
		s.add("as", soundex(name), r.Street.Number, soundex(city))
	}
}

// firstWord is strings.Fields(s)[0] without building the other fields; "" when s is blank.
func firstWord(s string) string {
	s = strings.TrimLeft(s, " \t\n\r\v\f")
	if i := strings.IndexAny(s, " \t\n\r\v\f"); i >= 0 {
		return s[:i]
	}
	return s
}

// phoneticKey is the sorted Soundex codes of the name tokens: typo- and order-tolerant.
func phoneticKey(tokens []string) string {
	codes := make([]string, 0, len(tokens))
	for _, t := range tokens {
		codes = append(codes, soundex(t))
	}
	slices.Sort(codes)
	return strings.Join(codes, " ")
}

// keyEntry is one posting: the key's 64-bit hash cut to its top 40 bits, then the record
// index in the low 24 bits, in one word. Sorting the words groups postings by key; a
// million records never hold a map of key strings. A hash collision only adds a candidate
// pair, which scoring then rejects.
type keyEntry uint64

const recBits = 24

// maxRecords is how many partners one scan can index with 24-bit record numbers.
const maxRecords = 1<<recBits - 1

func newEntry(hash uint64, rec int) keyEntry { return keyEntry(hash>>recBits<<recBits | uint64(rec)) }
func (e keyEntry) key() uint64               { return uint64(e) >> recBits }
func (e keyEntry) rec() int32                { return int32(uint64(e) & maxRecords) }

// Blocking keys are hashed with 64-bit FNV-1a.
const fnvOffset = 14695981039346656037

func fnvAdd(h uint64, c byte) uint64 { return (h ^ uint64(c)) * 1099511628211 }

// BlockStats describes how blocking bounded the comparisons.
type BlockStats struct {
	Keys           int     `json:"keys"`
	Blocks         int     `json:"blocks"`          // keys shared by 2+ records
	OversizeBlocks int     `json:"oversize_blocks"` // skipped: more records than MaxBlock
	CandidatePairs int     `json:"candidate_pairs"`
	PairsPerRecord float64 `json:"pairs_per_record"`
}

// candidatePairs returns the distinct pairs (i<j, packed as i<<32|j) of records that share a
// blocking key, skipping blocks larger than maxBlock (a key shared by that many records, like
// a common surname in one city, is no evidence and would make the scan quadratic).
func candidatePairs(recs []Record, maxBlock, workers int) ([]uint64, BlockStats) {
	st := BlockStats{}
	var pairs []uint64
	for _, fam := range families {
		pairs = blockFamily(recs, fam, maxBlock, workers, pairs, &st)
		slices.Sort(pairs)
		pairs = slices.Compact(pairs)
	}
	st.CandidatePairs = len(pairs)
	if len(recs) > 0 {
		st.PairsPerRecord = float64(len(pairs)) / float64(len(recs))
	}
	return pairs, st
}

// blockFamily appends the pairs sharing a key of one family.
func blockFamily(recs []Record, fam keyFamily, maxBlock, workers int, pairs []uint64, st *BlockStats) []uint64 {
	var block []keyEntry
	for it := newMergeIter(keyEntries(recs, fam, workers)); ; {
		block = it.nextBlock(block[:0])
		if block == nil {
			break
		}
		st.Keys += len(block)
		if len(block) < 2 {
			continue
		}
		st.Blocks++
		if len(block) > maxBlock {
			st.OversizeBlocks++
			continue
		}
		slices.Sort(block) // one key: orders by record
		for x := 0; x < len(block); x++ {
			for y := x + 1; y < len(block); y++ {
				i, j := block[x].rec(), block[y].rec()
				if i != j && pairable(&recs[i], &recs[j]) {
					pairs = append(pairs, uint64(i)<<32|uint64(j))
				}
			}
		}
	}
	return pairs
}

// mergeIter walks several hash-sorted posting lists as one, block by block, so the lists
// never have to be concatenated (which would double their memory at a million records).
type mergeIter struct{ parts [][]keyEntry }

func newMergeIter(parts [][]keyEntry) *mergeIter { return &mergeIter{parts: parts} }

// nextBlock appends every posting of the smallest remaining hash to buf; nil when done.
func (m *mergeIter) nextBlock(buf []keyEntry) []keyEntry {
	found, low := false, uint64(0)
	for _, p := range m.parts {
		if len(p) > 0 && (!found || p[0].key() < low) {
			found, low = true, p[0].key()
		}
	}
	if !found {
		return nil
	}
	for i, p := range m.parts {
		k := 0
		for k < len(p) && p[k].key() == low {
			k++
		}
		buf = append(buf, p[:k]...)
		m.parts[i] = p[k:]
	}
	return buf
}

// pairable rules out pairs that are related on purpose: a contact and its own company, two
// addresses of different types (invoice vs delivery) under the same company, and contacts
// of different companies (the same person at two employers is two contacts by design).
// A contact under a company is only compared with its siblings.
func pairable(a, b *Record) bool {
	if a.ID != 0 && (a.Parent == b.ID || b.Parent == a.ID) {
		return false
	}
	if a.Parent != b.Parent && (a.Parent != 0 || b.Parent != 0) {
		return false
	}
	if a.Parent != 0 && a.Parent == b.Parent && a.Type != b.Type && a.Type != 0 && b.Type != 0 {
		return false
	}
	return true
}

// keyEntries hashes every record's blocking keys of one family into sorted runs. Postings
// go into fixed-size chunks, each sorted when full, instead of one growing slice: growing by
// doubling would briefly hold twice the postings, which at a million records is the
// difference between fitting in memory and not. Keys exist only as hashes.
func keyEntries(recs []Record, fam keyFamily, workers int) [][]keyEntry {
	var mu sync.Mutex
	var runs [][]keyEntry
	parallel(len(recs), workers, func(lo, hi int) {
		var mine [][]keyEntry
		chunk := make([]keyEntry, 0, min(entryChunk, (hi-lo)*4+16))
		flush := func() {
			sortEntries(chunk)
			mine = append(mine, chunk)
		}
		var keys []uint64
		for i := lo; i < hi; i++ {
			keys = blockingKeys(&recs[i], fam, keys[:0])
			for _, h := range keys {
				if len(chunk) == cap(chunk) {
					flush()
					chunk = make([]keyEntry, 0, entryChunk)
				}
				chunk = append(chunk, newEntry(h, i))
			}
		}
		flush()
		mu.Lock()
		runs = append(runs, mine...)
		mu.Unlock()
	})
	return runs
}

// entryChunk is the size of one sorted run of postings (16 MiB).
const entryChunk = 1 << 20

func sortEntries(e []keyEntry) { slices.Sort(e) }

func unpackPair(p uint64) (int, int) { return int(p >> 32), int(p & 0xFFFFFFFF) }
