package web

import (
	"context"
	"encoding/json"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// partnerFields are the contact fields a reviewer compares side by side.
var partnerFields = []struct{ Name, Label string }{
	{"name", "Name"}, {"email", "Email"}, {"phone", "Phone"}, {"vat", "Tax ID"}, {"ref", "Reference"},
	{"street", "Street"}, {"zip", "ZIP"}, {"city", "City"}, {"country_id", "Country"},
}

// clusterReview is one duplicate cluster: a column per contact, a row per field, and the
// rows where the contacts differ marked.
type clusterReview struct {
	Row     proposalRow
	Master  int64
	Reason  string
	IDs     []int64
	Fields  []clusterField
	Missing string // why contacts could not be read from Odoo
}

type clusterField struct {
	Label  string
	Values []string
	Differ bool
}

type dedupView struct {
	Clusters []clusterReview
	Findings []core.Finding
}

func (s *Server) dedup(r *request) (string, any, error) {
	ps, err := s.visibleProposals(r, store.ProposalFilter{Automation: "dedup", Status: core.ProposalPending, Limit: 20})
	if err != nil {
		return "", nil, err
	}
	v := dedupView{}
	for _, row := range s.proposalRows(r, ps) {
		v.Clusters = append(v.Clusters, clusterOf(row))
	}
	s.compareContacts(r.Context(), v.Clusters)
	v.Findings, err = s.d.Store.ListFindings(r.Context(), store.FindingFilter{Automation: "dedup", Limit: 30})
	return "dedup", v, err
}

func clusterOf(row proposalRow) clusterReview {
	var ev struct {
		IDs          []int64 `json:"ids"`
		Master       int64   `json:"master"`
		MasterReason string  `json:"master_reason"`
	}
	json.Unmarshal(row.P.Evidence, &ev)
	if len(ev.IDs) == 0 {
		for _, ref := range row.P.Records {
			ev.IDs = append(ev.IDs, ref.ID)
		}
	}
	return clusterReview{Row: row, Master: ev.Master, Reason: ev.MasterReason, IDs: ev.IDs}
}

// compareContacts reads every cluster's contacts from Odoo in one call and lays them out
// side by side.
func (s *Server) compareContacts(ctx context.Context, cs []clusterReview) {
	if len(cs) == 0 {
		return
	}
	missing := ""
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.IDs...)
	}
	names := make([]string, len(partnerFields))
	for i, f := range partnerFields {
		names[i] = f.Name
	}
	var recs []map[string]any
	if s.d.Odoo == nil {
		missing = errNoOdoo.Message
	} else if err := s.d.Odoo.Read(ctx, "res.partner", ids, names, &recs); err != nil {
		s.d.Logger.Warn("dedup review: read contacts", "err", err)
		missing = "Odoo did not answer; the contacts cannot be compared now."
	}
	byID := map[int64]map[string]any{}
	for _, rec := range recs {
		if id, ok := rec["id"].(float64); ok {
			byID[int64(id)] = rec
		}
	}
	for i := range cs {
		if missing != "" {
			cs[i].Missing = missing
			continue
		}
		cs[i].Fields = compareFields(cs[i].IDs, byID)
	}
}

func compareFields(ids []int64, byID map[int64]map[string]any) []clusterField {
	var out []clusterField
	for _, f := range partnerFields {
		cf := clusterField{Label: f.Label}
		for _, id := range ids {
			val := "(merged or deleted)"
			if rec := byID[id]; rec != nil {
				val = valueText(rec[f.Name])
			}
			if len(cf.Values) > 0 && val != cf.Values[0] {
				cf.Differ = true
			}
			cf.Values = append(cf.Values, val)
		}
		out = append(out, cf)
	}
	return out
}
