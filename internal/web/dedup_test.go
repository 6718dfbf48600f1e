package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/store"
)

// TestDedupChooseMasterAndDismiss merges one cluster into a master other than the proposed
// one and checks Odoo kept that contact; dismisses another and checks the pairs are stored.
func TestDedupChooseMasterAndDismiss(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	waitRun(t, e, startRun(t, e, "dedup").ID)
	ctx := context.Background()
	ps, err := e.App.Store.ListProposals(ctx, store.ProposalFilter{Automation: "dedup", Status: core.ProposalPending})
	if err != nil || len(ps) < 2 {
		t.Fatalf("dedup proposed %d merges on the small company (err %v); need 2", len(ps), err)
	}
	c := newClient(t, e.Server.URL)
	c.login("sales")
	if code, body := c.get("/dedup"); code != http.StatusOK || !strings.Contains(body, `name="master"`) {
		t.Fatalf("dedup page: %d %s", code, excerpt(body))
	}
	var ev struct {
		IDs    []int64 `json:"ids"`
		Master int64   `json:"master"`
	}
	json.Unmarshal(ps[0].Evidence, &ev)
	other := ev.IDs[0]
	if other == ev.Master {
		other = ev.IDs[1]
	}
	code, loc, body := c.post(fmt.Sprintf("/dedup/%d", ps[0].ID), url.Values{"csrf": {c.csrf}, "action": {"merge"}, "master": {fmt.Sprint(other)}})
	if code != http.StatusSeeOther || !strings.Contains(loc, "applied") {
		t.Fatalf("merge into #%d: %d %s %s", other, code, loc, excerpt(body))
	}
	if p, _ := e.App.Store.GetProposal(ctx, ps[0].ID); p.Status != core.ProposalRejected {
		t.Fatalf("the original proposal is %s, want rejected (replaced)", p.Status)
	}
	var left []struct {
		ID int64 `json:"id"`
	}
	// A real field, not just "id": Odoo (and the simulator) echo deleted ids for ["id"].
	if err := e.Odoo.Read(ctx, "res.partner", ev.IDs, []string{"name"}, &left); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].ID != other {
		t.Fatalf("after merging %v into #%d Odoo still has %v", ev.IDs, other, left)
	}

	c.get("/dedup")
	code, _, body = c.post(fmt.Sprintf("/dedup/%d", ps[1].ID), url.Values{"csrf": {c.csrf}, "action": {"dismiss"}})
	if code != http.StatusBadRequest {
		t.Fatalf("dismiss without a reason: %d %s", code, excerpt(body))
	}
	code, _, body = c.post(fmt.Sprintf("/dedup/%d", ps[1].ID), url.Values{"csrf": {c.csrf}, "action": {"dismiss"}, "reason": {"two branches of one group"}})
	if code != http.StatusSeeOther {
		t.Fatalf("dismiss: %d %s", code, excerpt(body))
	}
	keys, err := e.App.Store.ListDismissals(ctx, "dedup")
	if err != nil || len(keys) == 0 || !slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, "pair:") }) {
		t.Fatalf("dismissal not stored: %v %v", keys, err)
	}

	viewer := newClient(t, e.Server.URL)
	viewer.login("viewer")
	viewer.get("/dedup")
	if code, _, _ := viewer.post(fmt.Sprintf("/dedup/%d", ps[len(ps)-1].ID), url.Values{"csrf": {viewer.csrf}, "action": {"merge"}, "master": {"1"}}); code != http.StatusForbidden {
		t.Fatalf("a viewer merged: status %d", code)
	}
}
