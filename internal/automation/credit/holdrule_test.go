package credit

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/business"
)

// apply makes a proposal's calls the way the approval engine would (minus its checks).
func apply(t *testing.T, c *odoo.Client, p core.Proposal) any {
	t.Helper()
	var out any
	for _, call := range p.Calls {
		if err := c.Call(context.Background(), call.Model, call.Method, call.Args, call.Kwargs, &out); err != nil {
			t.Fatalf("apply %s (%s.%s): %v", p.Kind, call.Model, call.Method, err)
		}
	}
	return out
}

// TestHoldRuleBlocksConfirmationInOdoo installs the hold rule through the API of a
// simulator with Odoo's business methods, holds a customer, and checks that confirming
// its order fails with our message, then succeeds after the release.
func TestHoldRuleBlocksConfirmationInOdoo(t *testing.T) {
	srv, err := odoosim.New(odoosim.Options{Version: 18, Clock: func() time.Time { return demoToday }})
	if err != nil {
		t.Fatal(err)
	}
	business.Install(srv)
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	c, err := odoo.New(odoo.Config{URL: hs.URL, DB: srv.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a := New(Deps{Odoo: c, Version: 18, Clock: func() time.Time { return demoToday }})
	tagID := int64(apply(t, c, TagProposal("Credit hold")).(float64))
	rule, ok, err := a.ruleProposal(ctx, "Credit hold")
	if err != nil || !ok {
		t.Fatalf("rule proposal: %v %v", ok, err)
	}
	apply(t, c, rule)
	if _, again, _ := a.ruleProposal(ctx, "Credit hold"); again {
		t.Error("the rule is proposed again once installed")
	}
	var partnerID, orderID float64
	if err := c.Call(ctx, "res.partner", "create", []any{map[string]any{"name": "Slow Payer SA", "is_company": true}}, nil, &partnerID); err != nil {
		t.Fatal(err)
	}
	s := Score{PartnerID: int64(partnerID), Name: "Slow Payer SA", AsOf: demoToday, Hold: true, HoldReasons: []string{"overdue"}}
	hold, ok := HoldProposal(s, Partner{ID: int64(partnerID)}, tagID, false)
	if !ok {
		t.Fatal("no hold proposal")
	}
	apply(t, c, hold)
	if err := c.Call(ctx, "sale.order", "create", []any{map[string]any{"partner_id": int64(partnerID)}}, nil, &orderID); err != nil {
		t.Fatal(err)
	}
	var res any
	err = c.Call(ctx, "sale.order", "action_confirm", []any{[]int64{int64(orderID)}}, nil, &res)
	if err == nil || !strings.Contains(err.Error(), HoldMessage) {
		t.Fatalf("confirming a held customer's order: err = %v, want %q", err, HoldMessage)
	}
	release, ok := HoldProposal(Score{PartnerID: int64(partnerID), Name: "Slow Payer SA", AsOf: demoToday}, Partner{ID: int64(partnerID), CategoryIDs: []int64{tagID}}, tagID, false)
	if !ok || release.Kind != KindRelease {
		t.Fatal("no release proposal")
	}
	apply(t, c, release)
	if err := c.Call(ctx, "sale.order", "action_confirm", []any{[]int64{int64(orderID)}}, nil, &res); err != nil {
		t.Fatalf("confirm after release: %v", err)
	}
}
