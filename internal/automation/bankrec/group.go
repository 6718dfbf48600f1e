package bankrec

import "sort"

// subsetSum looks for sets of 2..maxSize item indexes whose residuals add up to target
// exactly. It explores at most budget nodes and stops after limit solutions: the caller
// only needs to know whether the answer is unique. Items are tried largest first, with
// a bound on what the remaining items can still add.
func subsetSum(ix *Index, cands []int32, target int64, maxSize, limit, budget int) [][]int32 {
	type entry struct {
		idx int32
		amt int64
	}
	es := make([]entry, 0, len(cands))
	for _, c := range cands {
		es = append(es, entry{c, abs(ix.items[c].Residual)})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].amt > es[j].amt || es[i].amt == es[j].amt && es[i].idx < es[j].idx })
	suffix := make([]int64, len(es)+1)
	for i := len(es) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1] + es[i].amt
	}
	var out [][]int32
	var pick []int32
	nodes := 0
	var walk func(start int, left int64)
	walk = func(start int, left int64) {
		if len(out) >= limit || nodes >= budget {
			return
		}
		nodes++
		if left == 0 {
			if len(pick) >= 2 {
				out = append(out, append([]int32(nil), pick...))
			}
			return
		}
		if len(pick) >= maxSize {
			return
		}
		for i := start; i < len(es); i++ {
			if suffix[i] < left {
				return // even all the rest cannot reach the target
			}
			if es[i].amt > left {
				continue
			}
			pick = append(pick, es[i].idx)
			walk(i+1, left-es[i].amt)
			pick = pick[:len(pick)-1]
			if len(out) >= limit || nodes >= budget {
				return
			}
		}
	}
	walk(0, abs(target))
	return out
}
