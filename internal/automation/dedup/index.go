package dedup

import (
	"slices"
)

// Index answers "does this new contact duplicate one we have?" without a full scan: it
// keeps the normalised records, their blocking keys and the weights of the last scan.
type Index struct {
	model   Model
	cfg     Config
	recs    []Record
	byKey   map[uint64][]int32
	byID    map[int64]int32
	partner []Partner
}

// Match is an existing partner that a new one probably duplicates.
type Match struct {
	ID          int64           `json:"id"`
	Name        string          `json:"name"`
	Probability float64         `json:"probability"`
	Explanation PairExplanation `json:"explanation"`
}

// NewIndex builds the lookup index from a scan's records and model.
func NewIndex(res *Result) *Index {
	idx := &Index{
		model: res.Model, cfg: res.cfg, recs: res.records, partner: res.partners,
		byKey: make(map[uint64][]int32, len(res.records)*4),
		byID:  make(map[int64]int32, len(res.records)),
	}
	var keys []uint64
	for i := range idx.recs {
		idx.byID[idx.recs[i].ID] = int32(i)
		keys = blockingKeys(&idx.recs[i], familyAll, keys[:0])
		for _, h := range keys {
			idx.byKey[h] = append(idx.byKey[h], int32(i))
		}
	}
	return idx
}

// Len is the number of indexed partners.
func (idx *Index) Len() int { return len(idx.recs) }

// Probable returns the indexed partners that p probably duplicates (probability at or
// above the scan threshold, vetoes and dismissals applied), most probable first. p itself
// (same id) is skipped, so it can be called for a partner that is already indexed.
func Probable(p Partner, idx *Index) []Match {
	if idx == nil {
		return nil
	}
	rec := prepare(&p)
	seen := make(map[int32]bool)
	var out []Match
	for _, h := range blockingKeys(&rec, familyAll, nil) {
		block := idx.byKey[h]
		if len(block) >= idx.cfg.MaxBlock {
			continue // as in the scan: a key this common is no evidence
		}
		for _, i := range block {
			if seen[i] {
				continue
			}
			seen[i] = true
			if m, ok := idx.match(&rec, i); ok {
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		switch {
		case a.Probability > b.Probability:
			return -1
		case a.Probability < b.Probability:
			return 1
		}
		return int(a.ID - b.ID)
	})
	return out
}

func (idx *Index) match(rec *Record, i int32) (Match, bool) {
	other := &idx.recs[i]
	if other.ID == rec.ID && rec.ID != 0 || !pairable(rec, other) || vetoed(rec, other) {
		return Match{}, false
	}
	if idx.cfg.Dismissed != nil && idx.cfg.Dismissed(rec.ID, other.ID) {
		return Match{}, false
	}
	e := explain(&idx.model, other, rec)
	if e.Probability < idx.cfg.Threshold {
		return Match{}, false
	}
	return Match{ID: other.ID, Name: idx.partner[i].Name, Probability: e.Probability, Explanation: e}, true
}
