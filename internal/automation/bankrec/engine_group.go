package bankrec

import (
	"fmt"
	"math/bits"
	"sort"
	"time"
)

// groupCandidates finds one payment for several documents of one partner: first the
// documents the label names, then a bounded subset-sum over the partner's open items.
func (m *Matcher) groupCandidates(l Line, amt int64, lab labelInfo, guesses []partnerGuess, named map[int64][]int32, exclude map[int64]bool) []candidate {
	var out []candidate
	partners := map[int64]bool{}
	for _, g := range guesses {
		partners[g.id] = true
	}
	for pid, idx := range named {
		partners[pid] = true
		sols := namedSubsets(m.ix, idx, amt)
		for _, s := range sols {
			c := m.groupCandidate(l, lab, s, guesses, "the label names these documents and they add up to the amount")
			if len(sols) > 1 {
				c.f.Rivals++
			}
			out = append(out, c)
		}
	}
	for pid := range partners {
		if pid == 0 {
			continue
		}
		open := m.openOf(pid, amt, l.Date, exclude)
		sols := subsetSum(m.ix, open, amt, m.cfg.MaxGroup, 2, 20000)
		for _, s := range sols {
			c := m.groupCandidate(l, lab, s, guesses, fmt.Sprintf("%d open documents of the partner add up to the amount", len(s)))
			if len(sols) > 1 {
				c.f.Rivals++
				c.reasons = append(c.reasons, "another combination also adds up")
			}
			out = append(out, c)
		}
	}
	return out
}

// openOf lists a partner's open items of the line's sign, most recent first, at most MaxPartnerOpen.
func (m *Matcher) openOf(pid, amt int64, date time.Time, exclude map[int64]bool) []int32 {
	var open []int32
	for _, i := range m.ix.byPartner[pid] {
		it := m.ix.items[i]
		if sameSign(amt, it.Residual) && !exclude[it.ID] && !it.Date.After(date.AddDate(0, 0, m.cfg.DateWindowDays)) {
			open = append(open, i)
		}
	}
	sort.Slice(open, func(a, b int) bool { return m.ix.items[open[a]].Date.After(m.ix.items[open[b]].Date) })
	if len(open) > m.cfg.MaxPartnerOpen {
		open = open[:m.cfg.MaxPartnerOpen]
	}
	return open
}

func (m *Matcher) groupCandidate(l Line, lab labelInfo, idx []int32, guesses []partnerGuess, why string) candidate {
	sort.Slice(idx, func(a, b int) bool { return idx[a] < idx[b] })
	var refSum, dateSum float64
	for _, i := range idx {
		r, _ := refScore(lab, m.ix.itemNum[i])
		refSum += r
		dateSum += dateFit(int(l.Date.Sub(m.ix.items[i].Date) / (24 * time.Hour)))
	}
	n := float64(len(idx))
	pid := m.ix.items[idx[0]].PartnerID
	pFit, pWhy := partnerFit(l, pid, guesses)
	c := candidate{kind: KindGrouped, items: idx, partner: pid,
		f: Features{Ref: refSum / n, Amount: 1, Partner: pFit, Date: dateSum / n, Items: len(idx)}}
	c.score = rankScore(c.f)
	c.reasons = reasons(why, pWhy)
	return c
}

// namedSubsets finds the sets of at least two documents the label names (credit notes
// counted with their sign) that add up to the amount. The label names a handful at most;
// beyond 12 it is a list of numbers that happen to match, not a remittance.
func namedSubsets(ix *Index, idx []int32, amt int64) [][]int32 {
	if len(idx) < 2 || len(idx) > 12 {
		return nil
	}
	var out [][]int32
	for mask := 1; mask < 1<<len(idx) && len(out) < 2; mask++ {
		if bits.OnesCount(uint(mask)) < 2 {
			continue
		}
		var sum int64
		var set []int32
		for b, i := range idx {
			if mask&(1<<b) != 0 {
				sum += ix.items[i].Residual
				set = append(set, i)
			}
		}
		if sum == amt {
			out = append(out, set)
		}
	}
	return out
}
