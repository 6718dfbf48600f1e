package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
)

// seedPingProposal stores a pending proposal of the built-in ping automation (a chatter
// note on a customer) and returns its id.
func seedPingProposal(t testing.TB, e *env) string {
	t.Helper()
	return seedPing(t, e, 0, 0.95)
}

// seedPing stores a ping proposal for the i-th generated customer with a confidence.
func seedPing(t testing.TB, e *env, i int, confidence float64) string {
	t.Helper()
	ctx := context.Background()
	st := e.App.Store
	run := &core.Run{Automation: "ping", Trigger: "manual:test", Status: core.RunQueued}
	if err := st.CreateRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	partner := e.Truth.Credit.Customers[i].PartnerID
	p := &core.Proposal{RunID: run.ID, Automation: "ping", Kind: "ping_note", Title: "Post a note on customer " + strconv.FormatInt(partner, 10),
		Rationale: "test", Confidence: confidence, DedupKey: "web-test-ping:" + strconv.FormatInt(partner, 10),
		Calls:   []core.Call{{Model: "res.partner", Method: "message_post", Args: []any{[]int64{partner}}, Kwargs: map[string]any{"body": "Smart Odoo dashboard test", "message_type": "comment"}}},
		Records: []core.RecordRef{{Model: "res.partner", ID: partner}}}
	if _, err := st.InsertProposal(ctx, p); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(p.ID, 10)
}
