package bankrec

import (
	"strings"

	"github.com/smartodoo/smartodoo/internal/bank"
)

// Index holds the open items and partners in the shapes the matcher looks them up by.
// It is built once per run; lookups are map reads, so matching cost grows with the number
// of lines, not with lines times items.
type Index struct {
	items     []Item
	byName    map[string][]int32 // normRef(move name), normRef(vendor ref)
	byPayRef  map[string][]int32 // payment reference key
	bySeq     map[int64][]int32  // document sequence number
	byAmount  map[int64][]int32  // residual
	byPartner map[int64][]int32
	itemNum   []docNum // parsed document numbers, per item

	partners   map[int64]*partnerEntry
	byIBAN     map[string]int64
	byToken    map[string][]int64 // name token -> partners
	tokenCount map[string]int
}

type docNum struct {
	prefix string
	year   int
	seq    int64
	ok     bool
	name   string // normRef(move name)
	ref    string // normRef(vendor ref)
	pay    string // payment reference key
}

type partnerEntry struct {
	Partner
	tokens []string
}

// NewIndex indexes open items and partners.
func NewIndex(items []Item, partners []Partner) *Index {
	ix := &Index{
		items: items, byName: map[string][]int32{}, byPayRef: map[string][]int32{}, bySeq: map[int64][]int32{},
		byAmount: map[int64][]int32{}, byPartner: map[int64][]int32{}, itemNum: make([]docNum, len(items)),
		partners: map[int64]*partnerEntry{}, byIBAN: map[string]int64{}, byToken: map[string][]int64{}, tokenCount: map[string]int{},
	}
	for i, it := range items {
		n := int32(i)
		d := docNum{name: normRef(it.MoveName), ref: normRef(it.Ref)}
		d.prefix, d.year, d.seq, d.ok = docNumber(it.MoveName)
		if it.PaymentRef != "" {
			d.pay = paymentRefKey(it.PaymentRef)
			ix.byPayRef[d.pay] = append(ix.byPayRef[d.pay], n)
		}
		ix.itemNum[i] = d
		if d.name != "" {
			ix.byName[d.name] = append(ix.byName[d.name], n)
		}
		if len(d.ref) >= 4 {
			ix.byName[d.ref] = append(ix.byName[d.ref], n)
		}
		if d.ok {
			ix.bySeq[d.seq] = append(ix.bySeq[d.seq], n)
		}
		ix.byAmount[it.Residual] = append(ix.byAmount[it.Residual], n)
		ix.byPartner[it.PartnerID] = append(ix.byPartner[it.PartnerID], n)
	}
	for _, p := range partners {
		e := &partnerEntry{Partner: p, tokens: nameTokens(p.Name)}
		ix.partners[p.ID] = e
		for _, acct := range p.IBANs {
			if k := accountKey(acct); k != "" {
				ix.byIBAN[k] = p.ID
			}
		}
		for _, t := range uniq(e.tokens) {
			ix.byToken[t] = append(ix.byToken[t], p.ID)
			ix.tokenCount[t]++
		}
	}
	return ix
}

// accountKey normalises an IBAN or account number for lookup.
func accountKey(s string) string {
	n, _ := bank.NormalizeIBAN(s)
	return strings.TrimLeft(n, "0")
}

func uniq(ts []string) []string {
	seen := map[string]bool{}
	out := ts[:0:0]
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// partnerGuess is a partner the line may come from, with how sure we are.
type partnerGuess struct {
	id    int64
	score float64 // 1 = the line's own partner, 0.95 = its bank account, else name similarity
	why   string
}

// guessPartners resolves who paid: the partner Odoo already set, the owner of the payer's
// bank account, and partners whose names resemble the payer name (rarest tokens first).
func (ix *Index) guessPartners(l Line, minSim float64) []partnerGuess {
	var out []partnerGuess
	seen := map[int64]bool{}
	add := func(g partnerGuess) {
		if !seen[g.id] {
			seen[g.id] = true
			out = append(out, g)
		}
	}
	if l.PartnerID != 0 {
		add(partnerGuess{l.PartnerID, 1, "partner set on the line"})
	}
	if pid, ok := ix.byIBAN[accountKey(l.AccountNumber)]; ok && l.AccountNumber != "" {
		add(partnerGuess{pid, 0.95, "payer account " + l.AccountNumber + " belongs to the partner"})
	}
	if l.PartnerName == "" {
		return out
	}
	tokens := nameTokens(l.PartnerName)
	cands := map[int64]bool{}
	for _, t := range tokens {
		if n := ix.tokenCount[t]; n > 0 && n <= 50 { // common tokens ("TRADING") do not narrow anything
			for _, pid := range ix.byToken[t] {
				cands[pid] = true
			}
		}
	}
	best := partnerGuess{}
	for pid := range cands {
		sim := nameSimilarity(tokens, ix.partners[pid].tokens)
		if sim >= minSim && (sim > best.score || sim == best.score && pid < best.id) {
			best = partnerGuess{pid, sim, "payer name " + l.PartnerName + " resembles " + ix.partners[pid].Name}
		}
	}
	if best.id != 0 {
		add(best)
	}
	return out
}
