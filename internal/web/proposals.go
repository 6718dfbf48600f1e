package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// bulkMinConfidence is the confidence from which proposals may be approved in bulk: below
// it each one deserves a look at its evidence.
const bulkMinConfidence = 0.9

// proposalRow is a proposal as the inbox shows it.
type proposalRow struct {
	P         core.Proposal
	CanDecide bool
	Bulk      bool // eligible for bulk approval
	Changes   []change
	Evidence  []field // filled on the proposal's own page only: lists do not show it
	CSRF      string  // for the decide form inside the row's template
	Back      string  // where the decide form returns
}

// change is one value a proposal expects to find (before) and what it writes (after).
type change struct {
	Record, Field, Before, After string
}

type field struct{ Key, Value string }

func (s *Server) visibleProposals(r *request, f store.ProposalFilter) ([]core.Proposal, error) {
	ps, err := s.d.Store.ListProposals(r.Context(), f)
	if err != nil {
		return nil, fmt.Errorf("list proposals: %w", err)
	}
	out := ps[:0]
	for _, p := range ps {
		if seesProposal(r.Sess.Role, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *Server) proposalRows(r *request, ps []core.Proposal) []proposalRow {
	out := make([]proposalRow, len(ps))
	for i, p := range ps {
		can := p.Status == core.ProposalPending && mayDecide(r.Sess.Role, p)
		out[i] = proposalRow{P: p, CanDecide: can, Bulk: can && p.Confidence >= bulkMinConfidence,
			Changes: changesOf(p), CSRF: s.sess.csrfToken(r.Sess), Back: r.URL.RequestURI()}
	}
	return out
}

// changesOf pairs the expected values with the values a write call sets on the same record.
func changesOf(p core.Proposal) []change {
	type key struct {
		rec, field string
	}
	byKey := map[key]*change{}
	var order []key
	add := func(rec, f string) *change {
		k := key{rec, f}
		if c := byKey[k]; c != nil {
			return c
		}
		c := &change{Record: rec, Field: f}
		byKey[k] = c
		order = append(order, k)
		return c
	}
	for _, e := range p.Expect {
		rec := fmt.Sprintf("%s #%d", e.Model, e.ID)
		for _, f := range sortedKeys(e.Values) {
			add(rec, f).Before = valueText(e.Values[f])
		}
	}
	for _, c := range p.Calls {
		if c.Method != "write" || len(c.Args) < 2 {
			continue
		}
		vals, _ := c.Args[1].(map[string]any)
		for _, id := range idsOf(c.Args[0]) {
			rec := fmt.Sprintf("%s #%d", c.Model, id)
			for _, f := range sortedKeys(vals) {
				add(rec, f).After = valueText(vals[f])
			}
		}
	}
	out := make([]change, len(order))
	for i, k := range order {
		out[i] = *byKey[k]
	}
	return out
}

func idsOf(v any) []int64 {
	var out []int64
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if f, ok := e.(float64); ok {
				out = append(out, int64(f))
			}
		}
	case []int64:
		out = x
	case float64:
		out = []int64{int64(x)}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// valueText renders an Odoo value: false as "—", many2one pairs by name, the rest as JSON.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if !x {
			return "—"
		}
		return "yes"
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		if len(x) == 2 {
			if name, ok := x[1].(string); ok {
				return name
			}
		}
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 160 {
		s = s[:157] + "…"
	}
	return s
}

// flatEvidence lists an evidence object's top-level fields for the generic view.
func flatEvidence(raw json.RawMessage) []field {
	var m map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil {
		return nil
	}
	out := make([]field, 0, len(m))
	for _, k := range sortedKeys(m) {
		out = append(out, field{Key: strings.ReplaceAll(k, "_", " "), Value: valueText(m[k])})
	}
	return out
}
