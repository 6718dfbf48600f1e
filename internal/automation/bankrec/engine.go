package bankrec

import (
	"runtime"
	"sort"
	"sync"
	"time"
)

// Matcher finds, for each unreconciled line, the open items (or learned rule) it settles.
type Matcher struct {
	ix    *Index
	cfg   Config
	rules []Rule
	cal   *Calibration
}

// NewMatcher builds a matcher over an index, with the journal's approved rules and a
// calibration (nil = the committed one).
func NewMatcher(ix *Index, cfg Config, rules []Rule, cal *Calibration) *Matcher {
	if cal == nil {
		cal = DefaultCalibration()
	}
	return &Matcher{ix: ix, cfg: cfg.withDefaults(), rules: rules, cal: cal}
}

// candidate is one possible answer for a line.
type candidate struct {
	kind    Kind
	items   []int32
	fee     int64
	f       Features
	score   float64
	reasons []string
	rule    *Rule
	partner int64
}

// Match returns the best suggestion for one line, KindNone when nothing fits.
func (m *Matcher) Match(l Line) Suggestion {
	return m.match(l, nil)
}

// MatchAll matches every line. Two lines may not settle the same document: when they
// compete, the more confident keeps it and the other is matched again without it.
func (m *Matcher) MatchAll(lines []Line) []Suggestion {
	out := make([]Suggestion, len(lines))
	m.matchParallel(lines, out)
	order := make([]int, len(lines))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return out[order[a]].Confidence > out[order[b]].Confidence })
	claimed := map[int64]bool{}
	for _, i := range order {
		s := out[i]
		if conflicts(s, claimed) {
			out[i] = m.match(lines[i], claimed)
			out[i].Reasons = append(out[i].Reasons, "a document first suggested here is taken by a more confident line")
			s = out[i]
			if conflicts(s, claimed) {
				out[i] = none(lines[i].ID)
				continue
			}
		}
		for _, it := range s.Items {
			if s.Kind != KindPartial {
				claimed[it.ID] = true
			}
		}
	}
	return out
}

// matchParallel matches lines independently on every core: the index, rules and
// calibration are only read. All workers are done when it returns.
func (m *Matcher) matchParallel(lines []Line, out []Suggestion) {
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, len(lines)/256))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(lines); i += workers {
				out[i] = m.match(lines[i], nil)
			}
		}()
	}
	wg.Wait()
}

func conflicts(s Suggestion, claimed map[int64]bool) bool {
	for _, it := range s.Items {
		if claimed[it.ID] {
			return true
		}
	}
	return false
}

func none(lineID int64) Suggestion {
	return Suggestion{LineID: lineID, Kind: KindNone, Reasons: []string{"no open document or rule fits"}}
}

func (m *Matcher) match(l Line, exclude map[int64]bool) Suggestion {
	amt := l.Amount
	if l.Residual != 0 {
		amt = l.Residual
	}
	if amt == 0 {
		return none(l.ID)
	}
	lab := readLabel(l.Label)
	guesses := m.ix.guessPartners(l, m.cfg.MinNameSim)
	cands, named := m.singleCandidates(l, amt, lab, guesses, exclude)
	cands = append(cands, m.groupCandidates(l, amt, lab, guesses, named, exclude)...)
	cands = append(cands, m.ruleCandidates(l, amt)...)
	if len(cands) == 0 {
		return none(l.ID)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	cands = dedupe(cands)
	best := cands[0]
	best.f.Margin = 6
	if len(cands) > 1 {
		best.f.Margin = min(6, best.score-cands[1].score)
	}
	for _, c := range cands[1:] {
		if best.score-c.score < 0.5 {
			best.f.Rivals++
		}
	}
	s := m.suggestion(l, best)
	if len(cands) > 1 {
		r := cands[1]
		s.Runner = &Summary{Kind: r.kind, Score: r.score}
		for _, i := range r.items {
			s.Runner.MoveIDs = append(s.Runner.MoveIDs, m.ix.items[i].MoveID)
		}
	}
	for _, c := range cands[1:] {
		if len(s.Alternatives) == MaxAlternatives {
			break
		}
		if c.kind == KindFee && m.cfg.FeeAccountID == 0 {
			continue // cannot be written without a fee account: no use offering it
		}
		alt := m.suggestion(l, c)
		alt.Confidence = min(alt.Confidence, s.Confidence) // ranked below the best: never more likely
		s.Alternatives = append(s.Alternatives, alt)
	}
	return s
}

func (m *Matcher) suggestion(l Line, c candidate) Suggestion {
	s := Suggestion{LineID: l.ID, Kind: c.kind, Fee: c.fee, Score: c.score, Features: c.f, Reasons: c.reasons, PartnerID: c.partner}
	for _, i := range c.items {
		s.Items = append(s.Items, m.ix.items[i])
	}
	if c.rule != nil {
		s.RuleID, s.AccountID = c.rule.ID, c.rule.AccountID
	}
	if c.kind == KindFee {
		s.AccountID = m.cfg.FeeAccountID
	}
	s.Confidence = min(m.cal.Prob(c.f, c.kind), evidenceCap(c.f, c.kind))
	return s
}

// singleCandidates scores each item the label, the amount or the partner points at. It also
// returns, per partner, the items the label names whatever their amount, for grouping.
func (m *Matcher) singleCandidates(l Line, amt int64, lab labelInfo, guesses []partnerGuess, exclude map[int64]bool) ([]candidate, map[int64][]int32) {
	seen := map[int32]bool{}
	var pool []int32
	addAll := func(idx []int32, limit int) {
		for n, i := range idx {
			if n >= limit {
				return
			}
			if !seen[i] {
				seen[i] = true
				pool = append(pool, i)
			}
		}
	}
	for _, s := range lab.structured {
		addAll(m.ix.byPayRef[s], 20)
	}
	for _, k := range lab.keys {
		addAll(m.ix.bySeq[k.seq], 200)
	}
	if t := lab.trunc; lab.hasTrunc {
		for _, scale := range []int64{10, 100} {
			for x := int64(0); x < scale; x++ {
				for _, i := range m.ix.bySeq[t.base*scale+x] {
					if m.ix.itemNum[i].year == t.year && !seen[i] {
						seen[i] = true
						pool = append(pool, i)
					}
				}
			}
		}
	}
	for _, g := range guesses {
		addAll(m.ix.byPartner[g.id], m.cfg.MaxPartnerOpen*5)
	}
	addAll(m.ix.byAmount[amt], 50)
	var out []candidate
	named := map[int64][]int32{}
	for _, i := range pool {
		it := m.ix.items[i]
		if exclude[it.ID] {
			continue
		}
		// A named credit note counts too: "INV/1 minus RINV/1" pays the difference.
		if r, _ := refScore(lab, m.ix.itemNum[i]); r >= 0.6 {
			named[it.PartnerID] = append(named[it.PartnerID], i)
		}
		if !sameSign(amt, it.Residual) {
			continue
		}
		if c, ok := m.scoreItem(l, amt, lab, i, guesses); ok {
			out = append(out, c)
		}
	}
	return out, named
}

func (m *Matcher) scoreItem(l Line, amt int64, lab labelInfo, i int32, guesses []partnerGuess) (candidate, bool) {
	it, d := m.ix.items[i], m.ix.itemNum[i]
	days := int(l.Date.Sub(it.Date) / (24 * time.Hour))
	if days < -m.cfg.DateWindowDays {
		return candidate{}, false
	}
	fit, kind, fee, ok := amountFit(m.cfg, amt, it.Residual)
	if !ok {
		return candidate{}, false
	}
	if kind == KindFee && lab.partialWord {
		fit, kind, fee = 0.25, KindPartial, 0 // the payer says it is an installment
	}
	ref, refWhy := refScore(lab, d)
	pFit, pWhy := partnerFit(l, it.PartnerID, guesses)
	if kind == KindPartial && ref < 0.6 || kind == KindFee && ref < 0.6 && pFit < 0.9 {
		return candidate{}, false // a short payment needs the document named, or a known payer for a fee
	}
	if ref == 0 && pFit <= 0 && fit < 1 {
		return candidate{}, false
	}
	c := candidate{kind: kind, items: []int32{i}, fee: fee, partner: it.PartnerID,
		f: Features{Ref: ref, Amount: fit, Partner: pFit, Date: dateFit(days), Items: 1}}
	c.score = rankScore(c.f)
	c.reasons = reasons(refWhy, pWhy, amountWhy(kind, fee, it))
	return c, true
}

// partnerFit compares the item's partner with who we think paid.
func partnerFit(l Line, partnerID int64, guesses []partnerGuess) (float64, string) {
	for _, g := range guesses {
		if g.id == partnerID {
			return g.score, g.why
		}
	}
	switch {
	case l.PartnerID != 0:
		return -1, "the line's partner is another one"
	case len(guesses) > 0:
		return -0.5, "the payer looks like another partner"
	}
	return 0, ""
}
