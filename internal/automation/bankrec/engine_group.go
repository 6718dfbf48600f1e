package bankrec

import (
	"fmt"
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
		if len(idx) < 2 || len(idx) > m.cfg.MaxGroup {
			continue
		}
		var sum int64
		for _, i := range idx {
			sum += m.ix.items[i].Residual
		}
		if sum == amt {
			out = append(out, m.groupCandidate(l, lab, idx, guesses, "the label names these documents and they add up to the amount"))
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
