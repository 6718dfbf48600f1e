package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/automation/bankrec"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/store"
)

// A reviewer who knows the matcher's second guess is right chooses it on the bank page:
// the original proposal is rejected, the alternative is applied in Odoo under the
// reviewer's name.
func TestBankReviewerChoosesAnotherCandidate(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	waitRun(t, e, startRun(t, e, "bankrec").ID)
	ctx := context.Background()
	ps, err := e.App.Store.ListProposals(ctx, store.ProposalFilter{Automation: "bankrec", Status: core.ProposalPending})
	if err != nil {
		t.Fatal(err)
	}
	var p core.Proposal
	var alt bankrec.Suggestion
	for _, c := range ps {
		var ev struct {
			Suggestion bankrec.Suggestion `json:"suggestion"`
		}
		if c.Kind != bankrec.KindReconcileProposal || json.Unmarshal(c.Evidence, &ev) != nil {
			continue
		}
		for _, a := range ev.Suggestion.Alternatives[:min(1, len(ev.Suggestion.Alternatives))] {
			if len(a.Items) > 0 && a.Kind != bankrec.KindFee {
				p, alt = c, a
			}
		}
		if p.ID != 0 {
			break
		}
	}
	if p.ID == 0 {
		t.Fatalf("no pending reconciliation among %d proposals has a document alternative", len(ps))
	}
	c := newClient(t, e.Server.URL)
	c.login("cfo")
	if code, body := c.get("/bank"); code != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`action="/bank/%d/choose"`, p.ID)) || !strings.Contains(body, "Other candidates") {
		t.Fatalf("bank page %d does not offer the other candidates of proposal %d: %s", code, p.ID, excerpt(body))
	}
	code, loc, body := c.post(fmt.Sprintf("/bank/%d/choose", p.ID), url.Values{"csrf": {c.csrf}, "alt": {"1"}})
	if code != http.StatusSeeOther || !strings.Contains(loc, "applied") {
		t.Fatalf("choose candidate 1: %d %s %s", code, loc, excerpt(body))
	}
	if got, _ := e.App.Store.GetProposal(ctx, p.ID); got.Status != core.ProposalRejected {
		t.Errorf("the original proposal is %s, want rejected", got.Status)
	}
	chosen, err := e.App.Store.ListProposals(ctx, store.ProposalFilter{Automation: "bankrec", Status: core.ProposalApplied})
	if err != nil || len(chosen) != 1 || chosen[0].DedupKey != bankrec.DedupKey(alt) || chosen[0].Decision == nil || chosen[0].Decision.Actor != "session:cfo" {
		t.Fatalf("applied proposals %+v (%v), want the alternative %s approved by the reviewer", chosen, err, bankrec.DedupKey(alt))
	}
	var lines []struct {
		Reconciled bool `json:"is_reconciled"`
	}
	if err := e.Odoo.Read(ctx, "account.bank.statement.line", []int64{alt.LineID}, []string{"is_reconciled"}, &lines); err != nil || len(lines) != 1 {
		t.Fatalf("read statement line %d: %v %v", alt.LineID, lines, err)
	}
	if alt.Kind != bankrec.KindPartial && !lines[0].Reconciled {
		t.Errorf("statement line %d is not reconciled after the %s alternative was applied", alt.LineID, alt.Kind)
	}
	if code, _, _ := c.post(fmt.Sprintf("/bank/%d/choose", p.ID), url.Values{"csrf": {c.csrf}, "alt": {"1"}}); code == http.StatusSeeOther {
		t.Error("a decided proposal accepted a second choice")
	}
}
