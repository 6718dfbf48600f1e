package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// propose stores a pending proposal that writes credit_limit on partner 9, expecting 1000.
func propose(t *testing.T, e *apptest.Env, key string) core.Proposal {
	t.Helper()
	p := &core.Proposal{
		Automation: "ping", Kind: "credit_limit", Title: "Raise limit", Confidence: 0.8, Status: core.ProposalPending,
		Calls:    []core.Call{{Model: "res.partner", Method: "write", Args: []any{[]int64{9}, map[string]any{"credit_limit": 5000.0}}}},
		Expect:   []core.Expectation{{Model: "res.partner", ID: 9, Values: map[string]any{"credit_limit": 1000.0}}},
		DedupKey: key, CreatedAt: time.Now(),
	}
	if _, err := e.App.Store.InsertProposal(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return *p
}

func auditCount(t *testing.T, e *apptest.Env, proposalID int64) int {
	es, err := e.App.Store.ListAudit(context.Background(), store.AuditFilter{ProposalID: proposalID})
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

func TestConcurrentApproveReject(t *testing.T) {
	for _, d := range apptest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			odoo := apptest.NewFakeOdoo()
			odoo.Put("res.partner", 9, map[string]any{"credit_limit": 1000.0})
			e := apptest.Start(t, d.DSN(t), app.Options{Odoo: odoo})
			p := propose(t, e, "race")
			var wg sync.WaitGroup
			statuses := make([]int, 100)
			bodies := make([]string, 100)
			for i := range 100 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					action, body := "approve", map[string]any{}
					if i%2 == 1 {
						action, body = "reject", map[string]any{"reason": "race test"}
					}
					r := e.Do(core.RoleCFO, "POST", fmt.Sprintf("/api/approvals/%d/%s", p.ID, action), body)
					statuses[i], bodies[i] = r.Status, string(r.Body)
				}()
			}
			wg.Wait()
			final, _ := e.App.Store.GetProposal(t.Context(), p.ID)
			if final.Status != core.ProposalApplied && final.Status != core.ProposalRejected {
				t.Fatalf("final status %s", final.Status)
			}
			winner := "approve"
			if final.Status == core.ProposalRejected {
				winner = "reject"
			}
			for i, st := range statuses {
				mine := i%2 == 0 && winner == "approve" || i%2 == 1 && winner == "reject"
				if mine && st != 200 || !mine && st != http.StatusConflict {
					t.Errorf("call %d: %d %s (winner %s)", i, st, bodies[i], winner)
				}
			}
			if n := auditCount(t, e, p.ID); n != 1 {
				t.Errorf("%d audit entries, want 1", n)
			}
			wantWrites := map[string]int{"approve": 1, "reject": 0}[winner]
			if odoo.Writes() != wantWrites {
				t.Errorf("%d Odoo writes, want %d", odoo.Writes(), wantWrites)
			}
		})
	}
}

func TestApproveOutcomes(t *testing.T) {
	odoo := apptest.NewFakeOdoo()
	e := apptest.Start(t, apptest.Dialects()[0].DSN(t), app.Options{Odoo: odoo})

	odoo.Put("res.partner", 9, map[string]any{"credit_limit": 1000.0})
	ok := propose(t, e, "ok")
	r := e.Do(core.RoleCFO, "POST", fmt.Sprintf("/api/approvals/%d/approve", ok.ID), map[string]any{"reason": "fine"})
	if r.Status != 200 || !strings.Contains(string(r.Body), `"status":"applied"`) {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	if got := odoo.Get("res.partner", 9)["credit_limit"]; got != 5000.0 {
		t.Fatalf("credit_limit = %v, want 5000", got)
	}
	// Approving again returns the first outcome and writes nothing more.
	r2 := e.Do(core.RoleAdmin, "POST", fmt.Sprintf("/api/approvals/%d/approve", ok.ID), map[string]any{})
	if r2.Status != 200 || !strings.Contains(string(r2.Body), `"status":"applied"`) || odoo.Writes() != 1 {
		t.Fatalf("second approve: %d %s writes=%d", r2.Status, r2.Body, odoo.Writes())
	}
	entries, _ := e.App.Store.ListAudit(t.Context(), store.AuditFilter{ProposalID: ok.ID})
	if len(entries) != 1 || entries[0].Outcome != "ok" || !strings.Contains(string(entries[0].Before), "1000") || !strings.Contains(string(entries[0].After), "5000") {
		t.Fatalf("audit = %+v", entries)
	}

	// The record changed since the proposal was made: conflict, no write.
	stale := propose(t, e, "stale") // expects 1000, Odoo now has 5000
	r = e.Do(core.RoleCFO, "POST", fmt.Sprintf("/api/approvals/%d/approve", stale.ID), nil)
	if r.Status != 200 || !strings.Contains(string(r.Body), `"status":"conflict"`) || !strings.Contains(string(r.Body), "credit_limit is now 5000") {
		t.Fatalf("stale approve: %d %s", r.Status, r.Body)
	}
	if odoo.Writes() != 1 {
		t.Fatalf("a conflicting proposal wrote to Odoo")
	}

	// Odoo refuses: failed, with Odoo's message, audited.
	odoo.Put("res.partner", 9, map[string]any{"credit_limit": 1000.0})
	odoo.Refuse = "You cannot change the credit limit of an archived contact."
	refused := propose(t, e, "refused")
	r = e.Do(core.RoleCFO, "POST", fmt.Sprintf("/api/approvals/%d/approve", refused.ID), nil)
	if !strings.Contains(string(r.Body), `"status":"failed"`) || !strings.Contains(string(r.Body), "archived contact") {
		t.Fatalf("refused: %d %s", r.Status, r.Body)
	}
	if n := auditCount(t, e, refused.ID); n != 1 {
		t.Fatalf("refused proposal has %d audit entries", n)
	}

	// Rejecting needs a reason; sales may not decide a finance proposal.
	pending := propose(t, e, "pending")
	if r := e.Do(core.RoleCFO, "POST", fmt.Sprintf("/api/approvals/%d/reject", pending.ID), map[string]any{}); r.Status != 400 {
		t.Errorf("reject without reason: %d %s", r.Status, r.Body)
	}
	if r := e.Do(core.RoleSales, "POST", fmt.Sprintf("/api/approvals/%d/approve", pending.ID), nil); r.Status != 403 {
		t.Errorf("sales approving a cfo proposal: %d %s", r.Status, r.Body)
	}
	if r := e.Do(core.RoleCFO, "POST", "/api/approvals/999999/approve", nil); r.Status != 404 {
		t.Errorf("missing proposal: %d %s", r.Status, r.Body)
	}
	list := e.Do(core.RoleViewer, "GET", "/api/approvals?status=pending", nil)
	if list.Status != 200 || !strings.Contains(string(list.Body), `"dedup_key":"pending"`) {
		t.Errorf("list: %d %s", list.Status, list.Body)
	}
}
