package featureapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/store"
)

// TestMergeThroughOdooWizard merges a planted duplicate cluster through the API and checks,
// by reading the simulator back, that the duplicates' invoices moved to the master and the
// duplicates are gone from the active contacts, with one audit entry.
func TestMergeThroughOdooWizard(t *testing.T) {
	e, sim := apptest.StartWithSim(t, apptest.Dialects()[0].DSN(t), company.SizeSmall, app.Options{})
	env := sim.Server.SuperEnv()
	var cluster []int64
	for _, c := range sim.Truth.Dedup.Clusters {
		if len(c) == 2 {
			cluster = c
			break
		}
	}
	if cluster == nil {
		t.Fatal("no two-member duplicate cluster planted")
	}
	master, dup := cluster[0], cluster[1]
	moves, err := env.Search("account.move", []any{[]any{"partner_id", "=", dup}}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	r := e.Do(core.RoleSales, "POST", "/api/dedup/merge", map[string]any{"master_id": master, "ids": cluster})
	if r.Status != 200 || !strings.Contains(string(r.Body), `"status":"applied"`) {
		t.Fatalf("merge: %d %s", r.Status, r.Body)
	}
	for _, id := range moves {
		if got := env.Get("account.move", id, "partner_id"); got != master {
			t.Errorf("move %d has partner %v after the merge, want %d", id, got, master)
		}
	}
	if active, _ := env.Search("res.partner", []any{[]any{"id", "=", dup}}, "", 0); len(active) != 0 {
		t.Errorf("duplicate %d is still an active contact", dup)
	}
	var p struct{ ID int64 }
	r.JSON(t, &p)
	audit, _ := e.App.Store.ListAudit(context.Background(), store.AuditFilter{ProposalID: p.ID})
	if len(audit) != 1 || audit[0].Outcome != "ok" || !strings.Contains(audit[0].Method, "action_merge") {
		t.Fatalf("audit = %+v", audit)
	}
	// Merging again: the duplicate is gone, so the expectation check refuses.
	r = e.Do(core.RoleSales, "POST", "/api/dedup/merge", map[string]any{"master_id": master, "ids": cluster})
	if !strings.Contains(string(r.Body), `"status":"conflict"`) {
		t.Fatalf("second merge: %d %s", r.Status, r.Body)
	}
	// Dismiss needs two ids; viewers may not.
	if r := e.Do(core.RoleViewer, "POST", "/api/dedup/dismiss", map[string]any{"ids": cluster, "reason": "x"}); r.Status != 403 {
		t.Errorf("viewer dismiss: %d", r.Status)
	}
	if r := e.Do(core.RoleSales, "POST", "/api/dedup/dismiss", map[string]any{"ids": []int64{master}, "reason": "x"}); r.Status != 422 && r.Status != 400 {
		t.Errorf("dismiss one id: %d %s", r.Status, r.Body)
	}
}

// TestCloseAndCreditEndpoints reads the close report and credit scores of the small company.
func TestCloseAndCreditEndpoints(t *testing.T) {
	e, sim := apptest.StartWithSim(t, apptest.Dialects()[0].DSN(t), company.SizeSmall, app.Options{})
	r := e.Do(core.RoleCFO, "GET", "/api/close/2026-11", nil)
	if r.Status != 200 || !strings.Contains(string(r.Body), `"readiness"`) {
		t.Fatalf("close: %d %.300s", r.Status, r.Body)
	}
	if r := e.Do(core.RoleCFO, "GET", "/api/close/2026-13", nil); r.Status != 400 && r.Status != 422 {
		t.Errorf("bad period: %d %s", r.Status, r.Body)
	}
	r = e.Do(core.RoleSales, "GET", "/api/credit/scores", nil)
	if r.Status != 200 || !strings.Contains(string(r.Body), `"grade"`) {
		t.Fatalf("scores: %d %.300s", r.Status, r.Body)
	}
	if r := e.Do(core.RoleSales, "POST", fmt.Sprintf("/api/credit/holds/%d/override", 1), map[string]any{"reason": "long enough reason", "until": "2026-12-01T00:00:00Z"}); r.Status != 403 {
		t.Errorf("sales override: %d %s", r.Status, r.Body)
	}
	_ = sim
}

// TestRejectedReconciliationIsNotSuggestedAgain rejects a bank-reconciliation proposal
// through the approvals API and checks the next matching pass leaves it out.
func TestRejectedReconciliationIsNotSuggestedAgain(t *testing.T) {
	e, _ := apptest.StartWithSim(t, apptest.Dialects()[0].DSN(t), company.SizeSmall, app.Options{})
	var rep struct {
		Proposals []core.Proposal `json:"proposals"`
	}
	r := e.Do(core.RoleCFO, "GET", "/api/bankrec/suggestions", nil)
	r.JSON(t, &rep)
	if r.Status != 200 || len(rep.Proposals) == 0 {
		t.Fatalf("suggestions: %d, %d proposals", r.Status, len(rep.Proposals))
	}
	first := rep.Proposals[0]
	if _, err := e.App.Runner.Submit(context.Background(), "bankrec", "manual:test", core.RunOutput{Proposals: []core.Proposal{first}}); err != nil {
		t.Fatal(err)
	}
	ps, _ := e.App.Store.ListProposals(context.Background(), store.ProposalFilter{DedupKey: first.DedupKey})
	if len(ps) != 1 {
		t.Fatalf("submitted proposal not found")
	}
	if r := e.Do(core.RoleCFO, "POST", fmt.Sprintf("/api/approvals/%d/reject", ps[0].ID), map[string]any{"reason": "wrong invoice"}); r.Status != 200 {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
	r = e.Do(core.RoleCFO, "GET", "/api/bankrec/suggestions", nil)
	rep.Proposals = nil
	r.JSON(t, &rep)
	for _, p := range rep.Proposals {
		if p.DedupKey == first.DedupKey {
			t.Fatalf("the rejected suggestion %s is proposed again", first.DedupKey)
		}
	}
}

// POST /api/bankrec/proposals/{id}/choose applies one of the matcher's other candidates in
// the caller's name and rejects the proposal it replaces; a sales user may not.
func TestChooseAnotherBankCandidate(t *testing.T) {
	e, sim := apptest.StartWithSim(t, apptest.Dialects()[0].DSN(t), company.SizeSmall, app.Options{})
	// With a fee account, "paid short by a bank fee" candidates can be written and are offered.
	fees, err := sim.Server.SuperEnv().Search("account.account", []any{[]any{"name", "=", "Bank Fees"}}, "id", 1)
	if err != nil || len(fees) != 1 {
		t.Fatalf("bank fees account: %v %v", fees, err)
	}
	if r := e.Do(core.RoleAdmin, "PUT", "/api/rules/bankrec", map[string]any{"enabled": true, "auto_apply_at": 0, "params": map[string]any{"fee_account_id": fees[0]}}); r.Status != 200 {
		t.Fatalf("set the fee account: %d %s", r.Status, r.Body)
	}
	var rep struct {
		Proposals []core.Proposal `json:"proposals"`
	}
	r := e.Do(core.RoleCFO, "GET", "/api/bankrec/suggestions", nil)
	r.JSON(t, &rep)
	var p core.Proposal
	for _, c := range rep.Proposals {
		var ev struct {
			Suggestion struct {
				Alternatives []json.RawMessage `json:"alternatives"`
			} `json:"suggestion"`
		}
		if json.Unmarshal(c.Evidence, &ev) == nil && len(ev.Suggestion.Alternatives) > 0 {
			if _, err := e.App.Runner.Submit(context.Background(), "bankrec", "manual:test", core.RunOutput{Proposals: []core.Proposal{c}}); err != nil {
				t.Fatal(err)
			}
			ps, _ := e.App.Store.ListProposals(context.Background(), store.ProposalFilter{DedupKey: c.DedupKey})
			if len(ps) == 1 && ps[0].Status == core.ProposalPending {
				p = ps[0]
				break
			}
		}
	}
	if p.ID == 0 {
		t.Fatalf("no suggestion among %d has alternatives", len(rep.Proposals))
	}
	path := fmt.Sprintf("/api/bankrec/proposals/%d/choose", p.ID)
	if r := e.Do(core.RoleSales, "POST", path, map[string]any{"alternative": 1}); r.Status != 403 {
		t.Fatalf("sales chose a reconciliation: %d %s", r.Status, r.Body)
	}
	if r := e.Do(core.RoleCFO, "POST", path, map[string]any{"alternative": 99}); r.Status != 400 && r.Status != 422 {
		t.Fatalf("alternative 99: %d %s", r.Status, r.Body)
	}
	var done core.Proposal
	r = e.Do(core.RoleCFO, "POST", path, map[string]any{"alternative": 1})
	r.JSON(t, &done)
	if r.Status != 200 || done.ID == p.ID || (done.Status != core.ProposalApplied && done.Status != core.ProposalConflict && done.Status != core.ProposalFailed) {
		t.Fatalf("choose: %d %s", r.Status, r.Body)
	}
	t.Logf("chose %q: %s", done.Title, done.Status)
	if done.Status != core.ProposalApplied {
		t.Errorf("the chosen alternative ended %s: %s", done.Status, done.Outcome)
	}
	if old, _ := e.App.Store.GetProposal(context.Background(), p.ID); old.Status != core.ProposalRejected {
		t.Errorf("the replaced proposal is %s, want rejected", old.Status)
	}
	if r := e.Do(core.RoleCFO, "POST", path, map[string]any{"alternative": 1}); r.Status != 409 {
		t.Errorf("choosing again on a decided proposal: %d, want 409", r.Status)
	}
}
