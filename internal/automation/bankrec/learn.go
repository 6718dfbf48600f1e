package bankrec

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Example is a confirmed reconciliation of a line without a document: a person (in Odoo,
// or through Confirm) put it on AccountID.
type Example struct {
	JournalID int64  `json:"journal_id"`
	Label     string `json:"label"`
	Amount    int64  `json:"amount"`
	AccountID int64  `json:"account_id"`
	PartnerID int64  `json:"partner_id,omitempty"`
}

// LearnOptions bound what counts as a pattern.
type LearnOptions struct {
	MinSupport int     // confirmations needed before proposing a rule (default 3)
	MinJaccard float64 // label-word overlap for two examples to be "similar" (default 0.5)
}

// Learn groups confirmed examples per journal, sign and account into clusters of similar
// labels and turns each cluster with enough support into a rule: the words every example
// shares, in order, as a regex; the amount band widened by half on each side. Rules already
// covering a cluster's examples are not proposed again.
func Learn(examples []Example, existing []Rule, opt LearnOptions) []Rule {
	if opt.MinSupport == 0 {
		opt.MinSupport = 3
	}
	if opt.MinJaccard == 0 {
		opt.MinJaccard = 0.5
	}
	groups := map[string][]Example{}
	var keys []string
	for _, e := range examples {
		k := fmt.Sprintf("%d|%t|%d", e.JournalID, e.Amount > 0, e.AccountID)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
	}
	sort.Strings(keys)
	var out []Rule
	for _, k := range keys {
		for _, cl := range clusterByWords(groups[k], opt.MinJaccard) {
			if len(cl) < opt.MinSupport {
				continue
			}
			r, ok := ruleFrom(cl)
			if ok && !covered(cl, existing) {
				out = append(out, r)
			}
		}
	}
	return out
}

// labelWords are the label's words of letters only: numbers, dates and references vary
// from one line to the next, the words of a bank's template do not.
func labelWords(label string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToUpper(label), func(r rune) bool { return !(r >= 'A' && r <= 'Z') }) {
		if len(w) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

func clusterByWords(es []Example, minJ float64) [][]Example {
	var clusters [][]Example
	var heads [][]string
	for _, e := range es {
		w := labelWords(e.Label)
		placed := false
		for i, h := range heads {
			if jaccard(w, h) >= minJ {
				clusters[i] = append(clusters[i], e)
				placed = true
				break
			}
		}
		if !placed {
			clusters = append(clusters, []Example{e})
			heads = append(heads, w)
		}
	}
	return clusters
}

func jaccard(a, b []string) float64 {
	sa := map[string]bool{}
	for _, x := range a {
		sa[x] = true
	}
	inter, union := 0, len(sa)
	seen := map[string]bool{}
	for _, x := range b {
		if seen[x] {
			continue
		}
		seen[x] = true
		if sa[x] {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func ruleFrom(cl []Example) (Rule, bool) {
	common := labelWords(cl[0].Label)
	for _, e := range cl[1:] {
		ws := map[string]bool{}
		for _, w := range labelWords(e.Label) {
			ws[w] = true
		}
		kept := common[:0]
		for _, w := range common {
			if ws[w] {
				kept = append(kept, w)
			}
		}
		common = kept
	}
	if len(common) == 0 {
		return Rule{}, false
	}
	parts := make([]string, len(common))
	for i, w := range common {
		parts[i] = `\b` + regexp.QuoteMeta(w) + `\b`
	}
	lo, hi := abs(cl[0].Amount), abs(cl[0].Amount)
	for _, e := range cl {
		lo, hi = min(lo, abs(e.Amount)), max(hi, abs(e.Amount))
	}
	// A counterparty that every example shares becomes a condition of the rule.
	var partners []int64
	if p := cl[0].PartnerID; p != 0 {
		partners = []int64{p}
		for _, e := range cl {
			if e.PartnerID != p {
				partners = nil
				break
			}
		}
	}
	r := Rule{Name: strings.Join(common, " "), JournalIDs: []int64{cl[0].JournalID}, Nature: "amount_paid", PartnerIDs: partners,
		AmountMin: lo / 2, AmountMax: hi + hi/2, LabelMode: "match_regex", LabelParam: "(?i)" + strings.Join(parts, ".*"),
		AccountID: cl[0].AccountID, Support: len(cl)}
	if cl[0].Amount > 0 {
		r.Nature = "amount_received"
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%v|%s|%s|%d", r.JournalIDs, r.Nature, r.LabelParam, r.AccountID)))
	r.ID = "learned:" + hex.EncodeToString(sum[:8])
	return r, r.compile()
}

// covered reports whether an existing rule already puts every example on its account.
func covered(cl []Example, rules []Rule) bool {
	for i := range rules {
		r := rules[i]
		if !r.compile() {
			continue
		}
		all := true
		for _, e := range cl {
			l := Line{JournalID: e.JournalID, Label: e.Label, Amount: e.Amount, PartnerID: e.PartnerID}
			if r.AccountID != e.AccountID || !r.Matches(l, e.Amount) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
