package dedup

import (
	"fmt"
	"slices"
	"strings"
)

// PairExplanation says why two partners were judged the same: each compared field, the
// level it reached and the weight that level carries (log2 m/u; negative = evidence against).
type PairExplanation struct {
	A           int64           `json:"a"`
	B           int64           `json:"b"`
	Probability float64         `json:"probability"`
	Weight      float64         `json:"match_weight"`
	Fields      []FieldEvidence `json:"fields"`
}

// FieldEvidence is one field's contribution to a pair's match weight.
type FieldEvidence struct {
	Field  string  `json:"field"`
	Level  string  `json:"level"`
	Weight float64 `json:"weight"`
}

// explain compares two records under the model and lists the fields that were present on
// both sides, strongest evidence first.
func explain(m *Model, a, b *Record) PairExplanation {
	v := compare(a, b)
	e := PairExplanation{A: a.ID, B: b.ID, Probability: m.probability(&v), Weight: m.score(&v)}
	for f := range numFields {
		if v[f] < 0 {
			continue
		}
		e.Fields = append(e.Fields, FieldEvidence{
			Field: f.String(), Level: fieldSpecs[f].Levels[v[f]], Weight: m.weight(f, v[f]),
		})
	}
	slices.SortStableFunc(e.Fields, func(x, y FieldEvidence) int {
		switch {
		case x.Weight > y.Weight:
			return -1
		case x.Weight < y.Weight:
			return 1
		}
		return 0
	})
	return e
}

// String renders an explanation on one line for CLIs and proposal rationales.
func (e PairExplanation) String() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, fmt.Sprintf("%s %s (%+.1f)", f.Field, f.Level, f.Weight))
	}
	return fmt.Sprintf("#%d~#%d p=%.4f: %s", e.A, e.B, e.Probability, strings.Join(parts, ", "))
}

// newCluster picks the master and explains every member against it.
func (r *Result) newCluster(members []int) Cluster {
	master, reason := r.pickMaster(members)
	c := Cluster{Master: r.records[master].ID, MasterReason: reason, Probability: 1, members: members}
	for _, i := range members {
		c.IDs = append(c.IDs, r.records[i].ID)
		if i == master {
			continue
		}
		e := explain(&r.Model, &r.records[master], &r.records[i])
		c.Pairs = append(c.Pairs, e)
		c.Probability = min(c.Probability, e.Probability)
	}
	slices.Sort(c.IDs)
	return c
}

// pickMaster keeps the partner most worth keeping: a user's or company's own partner, then
// the most used (invoices and orders), the one with a valid VAT, the most complete, the
// oldest, the lowest id.
func (r *Result) pickMaster(members []int) (int, string) {
	best := members[0]
	for _, i := range members[1:] {
		if r.betterMaster(i, best) {
			best = i
		}
	}
	p := &r.partners[best]
	return best, fmt.Sprintf("used by %d invoices and %d orders, VAT %s, %d fields filled, created %s",
		p.InvoiceCount, p.OrderCount, r.records[best].VAT.Status.label(), completeness(p), createdLabel(p))
}

func (r *Result) betterMaster(i, j int) bool {
	a, b := &r.partners[i], &r.partners[j]
	if a.Protected != b.Protected {
		return a.Protected
	}
	if ua, ub := a.InvoiceCount+a.OrderCount, b.InvoiceCount+b.OrderCount; ua != ub {
		return ua > ub
	}
	if va, vb := r.records[i].VAT.Status == VATValid, r.records[j].VAT.Status == VATValid; va != vb {
		return va
	}
	if ca, cb := completeness(a), completeness(b); ca != cb {
		return ca > cb
	}
	if !a.CreateDate.Equal(b.CreateDate) && !a.CreateDate.IsZero() && !b.CreateDate.IsZero() {
		return a.CreateDate.Before(b.CreateDate)
	}
	return a.ID < b.ID
}

// completeness counts the filled contact fields.
func completeness(p *Partner) int {
	n := len(p.IBANs)
	for _, s := range []string{p.Name, p.Email, p.Phone, p.Mobile, p.VAT, p.Ref, p.Street, p.Street2, p.City, p.Zip, p.State, p.CountryCode} {
		if strings.TrimSpace(s) != "" {
			n++
		}
	}
	return n
}

func createdLabel(p *Partner) string {
	if p.CreateDate.IsZero() {
		return "unknown"
	}
	return p.CreateDate.Format("2006-01-02")
}

func (s VATStatus) label() string {
	switch s {
	case VATValid:
		return "valid"
	case VATInvalid:
		return "invalid"
	case VATUnchecked:
		return "unchecked"
	}
	return "none"
}
