package business

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// rpc is a minimal JSON-RPC execute_kw client for the end-to-end test.
type rpc struct {
	t   *testing.T
	url string
	id  int
}

// call returns the decoded envelope.
func (c *rpc) call(model, method string, args []any, kwargs map[string]any) map[string]any {
	c.t.Helper()
	c.id++
	if kwargs == nil {
		kwargs = map[string]any{}
	}
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "call", "id": c.id, "params": map[string]any{
		"service": "object", "method": "execute_kw",
		"args": []any{"smartodoo_demo", 2, "smartodoo-demo-key", model, method, args, kwargs}}})
	resp, err := http.Post(c.url+"/jsonrpc", "application/json", bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var env map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		c.t.Fatal(err)
	}
	return env
}

func (c *rpc) result(model, method string, args []any, kwargs map[string]any) any {
	c.t.Helper()
	env := c.call(model, method, args, kwargs)
	if e, ok := env["error"]; ok {
		c.t.Fatalf("%s.%s: %v", model, method, e)
	}
	return env["result"]
}

// TestInvoicePaidOverJSONRPC drives the whole cycle through the Handler: create, post,
// register payment through the wizard with an active_ids context, read paid.
func TestInvoicePaidOverJSONRPC(t *testing.T) {
	b := newBooks(t)
	srv := httptest.NewServer(b.s.Handler())
	defer srv.Close()
	c := &rpc{t: t, url: srv.URL}

	id := c.result("account.move", "create", []any{map[string]any{"move_type": "out_invoice", "partner_id": b.azure,
		"invoice_date": "2026-11-24", "invoice_line_ids": []any{[]any{0, 0, map[string]any{"name": "Reference capture service", "quantity": 2, "price_unit": 150.0}}}}}, nil)
	inv := int64(id.(float64))
	if got := c.result("account.move", "action_post", []any{[]any{inv}}, nil); got != false {
		t.Fatalf("action_post result = %#v, want false", got)
	}
	again := c.call("account.move", "action_post", []any{[]any{inv}}, nil)
	data := again["error"].(map[string]any)["data"].(map[string]any)
	if data["name"] != "odoo.exceptions.UserError" || data["message"] != "The entry INV/2026/00001 (id 1) must be in draft." {
		t.Fatalf("second action_post error = %v", data)
	}

	ctx := map[string]any{"context": map[string]any{"active_model": "account.move", "active_ids": []any{inv}}}
	wid := c.result("account.payment.register", "create", []any{map[string]any{}}, ctx)
	action := c.result("account.payment.register", "action_create_payments", []any{[]any{wid}}, ctx).(map[string]any)
	if action["res_model"] != "account.payment" {
		t.Fatalf("action_create_payments = %v", action)
	}
	recs := c.result("account.move", "read", []any{[]any{inv}}, map[string]any{"fields": []any{"name", "payment_state", "amount_residual"}}).([]any)
	got := recs[0].(map[string]any)
	if got["payment_state"] != "paid" || got["amount_residual"] != 0.0 || got["name"] != "INV/2026/00001" {
		t.Fatalf("invoice after payment = %v", got)
	}

	// button_draft returns None: the envelope has no result key, like the capture.
	draft := c.call("account.move", "button_draft", []any{[]any{inv}}, nil)
	if _, has := draft["result"]; has || draft["error"] != nil {
		t.Fatalf("button_draft envelope = %v, want no result and no error", draft)
	}
	recs = c.result("account.move", "read", []any{[]any{inv}}, map[string]any{"fields": []any{"state", "payment_state", "posted_before"}}).([]any)
	if r := recs[0].(map[string]any); r["state"] != "draft" || r["payment_state"] != "not_paid" || r["posted_before"] != true {
		t.Fatalf("invoice after button_draft = %v", r)
	}
}

// TestGroupedBankLineOverJSONRPC runs doc.go's second sequence over JSON-RPC, including
// the refusal real Odoo gives when the button_draft step is skipped.
func TestGroupedBankLineOverJSONRPC(t *testing.T) {
	b := newBooks(t)
	srv := httptest.NewServer(b.s.Handler())
	defer srv.Close()
	c := &rpc{t: t, url: srv.URL}
	i1 := b.invoice(t, "out_invoice", b.deco, false, 100)
	i2 := b.invoice(t, "out_invoice", b.deco, false, 50)
	b.call(t, actionPost, []int64{i1, i2})

	st := c.result("account.bank.statement.line", "create", []any{map[string]any{"journal_id": b.jrn["bank"], "date": "2026-11-26",
		"amount": 148.0, "payment_ref": "INV/2026/00001 INV/2026/00002", "partner_id": b.deco}}, nil)
	read := c.result("account.bank.statement.line", "read", []any{[]any{st}}, map[string]any{"fields": []any{"move_id", "line_ids", "is_reconciled"}}).([]any)[0].(map[string]any)
	move := read["move_id"].([]any)[0]
	susp := c.result("account.move.line", "search", []any{[]any{[]any{"statement_line_id", "=", st}, []any{"account_id", "=", b.acc["suspense"]}}}, nil).([]any)[0]
	edit := map[string]any{"line_ids": []any{
		[]any{1, susp, map[string]any{"account_id": b.acc["receivable"], "credit": 100.0}},
		[]any{0, 0, map[string]any{"account_id": b.acc["receivable"], "partner_id": b.deco, "credit": 50.0}},
		[]any{0, 0, map[string]any{"account_id": b.acc["fees"], "debit": 2.0, "name": "Bank fee"}}}}

	refused := c.call("account.move", "write", []any{[]any{move}, edit}, nil)
	data := refused["error"].(map[string]any)["data"].(map[string]any)
	if data["message"] != "You cannot modify the following readonly fields on a posted move: line_ids" {
		t.Fatalf("editing a posted bank entry: %v", data)
	}
	c.call("account.move", "button_draft", []any{[]any{move}}, nil)
	if got := c.result("account.move", "write", []any{[]any{move}, edit}, nil); got != true {
		t.Fatalf("write = %#v", got)
	}
	c.result("account.move", "action_post", []any{[]any{move}}, nil)
	recv := c.result("account.move.line", "search", []any{[]any{[]any{"move_id", "=", move}, []any{"account_id", "=", b.acc["receivable"]}}}, map[string]any{"order": "id"}).([]any)
	for i, inv := range []int64{i1, i2} {
		c.call("account.move.line", "reconcile", []any{[]any{recv[i], b.termLine(t, inv)}}, nil)
	}
	got := c.result("account.move", "read", []any{[]any{i1, i2}}, map[string]any{"fields": []any{"payment_state"}}).([]any)
	for _, g := range got {
		if g.(map[string]any)["payment_state"] != "paid" {
			t.Fatalf("invoices after the grouped bank line: %v", got)
		}
	}
	read = c.result("account.bank.statement.line", "read", []any{[]any{st}}, map[string]any{"fields": []any{"is_reconciled", "amount"}}).([]any)[0].(map[string]any)
	if read["is_reconciled"] != true || read["amount"] != 148.0 {
		t.Fatalf("statement line = %v", read)
	}
}

// TestMethodsSurviveOddCalls calls every business method over JSON-RPC with no records,
// missing records and a junk argument: each must answer with a result or an Odoo error
// envelope, never break the transport.
func TestMethodsSurviveOddCalls(t *testing.T) {
	b := newBooks(t)
	srv := httptest.NewServer(b.s.Handler())
	defer srv.Close()
	c := &rpc{t: t, url: srv.URL}
	calls := map[string][]string{
		"account.move": {"action_post", "button_draft", "button_cancel", "message_post", "write", "js_assign_outstanding_line",
			"action_register_payment", "action_reverse"},
		"account.move.line":           {"reconcile", "remove_move_reconcile"},
		"account.bank.statement.line": {"action_undo_reconciliation"},
		"account.payment":             {"action_post", "action_draft", "action_cancel"},
		"account.payment.register":    {"action_create_payments"},
		"sale.order":                  {"action_confirm", "action_cancel", "action_draft", "message_post", "action_lock", "action_unlock"},
		"purchase.order":              {"button_confirm", "button_cancel", "message_post", "button_draft", "action_create_invoice"},
		reversalModel:                 {"refund_moves", "reverse_moves"},
		advanceModel:                  {"create_invoices"},
		backorderModel:                {"process", "process_cancel_backorder"},
		"stock.picking":               {"button_validate"},
		mergeModel:                    {"action_merge"},
		"res.partner":                 {"message_post"},
	}
	for model, methods := range calls {
		for _, m := range methods {
			for _, args := range [][]any{{[]any{}}, {[]any{999999}}, {[]any{}, "junk", 42}} {
				env := c.call(model, m, args, nil)
				_, hasErr := env["error"]
				_, hasResult := env["result"]
				if env["jsonrpc"] != "2.0" || (hasErr && env["error"].(map[string]any)["data"] == nil) {
					t.Fatalf("%s.%s%v: malformed answer %v", model, m, args, env)
				}
				if hasErr {
					name := env["error"].(map[string]any)["data"].(map[string]any)["name"].(string)
					if !strings.HasPrefix(name, "odoo.exceptions.") && !strings.HasPrefix(name, "builtins.TypeError") {
						t.Errorf("%s.%s%v: unexpected exception %s: %v", model, m, args, name, env["error"])
					}
				}
				_ = hasResult
			}
		}
	}
}
