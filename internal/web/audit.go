package web

import (
	"strconv"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

var auditOutcomes = []string{"", "ok", "conflict", "error", "rejected"}

type auditView struct {
	Entries                       []core.AuditEntry
	Model, Actor, Outcome, Record string
	Since, Until                  string
	Outcomes                      []string
	NextBefore                    int64
}

// audit lists the audit log with the API's filters; dates are days in the user's timezone.
func (s *Server) audit(r *request) (string, any, error) {
	q := r.URL.Query()
	v := auditView{Model: q.Get("model"), Actor: q.Get("actor"), Outcome: q.Get("outcome"), Record: q.Get("record_id"),
		Since: q.Get("since"), Until: q.Get("until"), Outcomes: auditOutcomes}
	f := store.AuditFilter{Model: v.Model, Actor: v.Actor, Outcome: v.Outcome, Limit: 100}
	if !contains(auditOutcomes, v.Outcome) {
		return "", nil, core.Errorf(core.CodeInvalid, "unknown outcome %q", v.Outcome)
	}
	var err error
	if v.Record != "" {
		if f.RecordID, err = strconv.ParseInt(v.Record, 10, 64); err != nil {
			return "", nil, core.Errorf(core.CodeInvalid, "record id %q is not a number", v.Record)
		}
	}
	if f.Since, err = parseDay(v.Since, r.F); err != nil {
		return "", nil, err
	}
	if f.Until, err = parseDay(v.Until, r.F); err != nil {
		return "", nil, err
	}
	if !f.Until.IsZero() {
		f.Until = f.Until.AddDate(0, 0, 1) // the "until" day is included
	}
	if b := q.Get("before_id"); b != "" {
		f.BeforeID, _ = strconv.ParseInt(b, 10, 64)
	}
	if v.Entries, err = s.d.Store.ListAudit(r.Context(), f); err != nil {
		return "", nil, err
	}
	if len(v.Entries) == f.Limit {
		v.NextBefore = v.Entries[len(v.Entries)-1].ID
	}
	return "audit", v, nil
}

func parseDay(s string, f formatter) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, f.loc)
	if err != nil {
		return time.Time{}, core.Errorf(core.CodeInvalid, "date %q is not YYYY-MM-DD", s)
	}
	return t, nil
}
