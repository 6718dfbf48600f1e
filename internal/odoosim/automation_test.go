package odoosim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

type postLog struct {
	mu     sync.Mutex
	bodies []map[string]any
	ua     []string
}

func (p *postLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	json.Unmarshal(raw, &body)
	p.mu.Lock()
	p.bodies = append(p.bodies, body)
	p.ua = append(p.ua, r.Header.Get("User-Agent"))
	p.mu.Unlock()
}

func (p *postLog) take() []map[string]any {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.bodies
	p.bodies = nil
	return out
}

// fieldIDs returns ir.model.fields ids of model's fields, as a client would look them up.
func fieldIDs(t *testing.T, env *Env, model string, names ...string) []any {
	t.Helper()
	var out []any
	for _, n := range names {
		ids, err := env.Search("ir.model.fields", []any{[]any{"model", "=", model}, []any{"name", "=", n}}, "", 1)
		if err != nil || len(ids) != 1 {
			t.Fatalf("field %s.%s: %v %v", model, n, ids, err)
		}
		out = append(out, ids[0])
	}
	return out
}

func modelID(t *testing.T, env *Env, model string) int64 {
	t.Helper()
	ids, err := env.Search("ir.model", []any{[]any{"model", "=", model}}, "", 1)
	if err != nil || len(ids) != 1 {
		t.Fatalf("ir.model %s: %v %v", model, ids, err)
	}
	return ids[0]
}

func TestWebhookAutomation(t *testing.T) {
	s, ids := newTestServer(t, 19)
	env := s.SuperEnv()
	posts := &postLog{}
	hook := httptest.NewServer(posts)
	defer hook.Close()
	action, err := env.Create("ir.actions.server", map[string]any{"name": "Partner feed", "model_id": modelID(t, env, "res.partner"),
		"state": "webhook", "webhook_url": hook.URL + "/hook", "webhook_field_ids": []any{[]any{int64(6), int64(0), fieldIDs(t, env, "res.partner", "email", "parent_id")}}})
	if err != nil {
		t.Fatal(err)
	}
	rule, err := env.Create("base.automation", map[string]any{"name": "on email", "model_id": modelID(t, env, "res.partner"),
		"trigger": "on_write", "trigger_field_ids": []any{[]any{int64(6), int64(0), fieldIDs(t, env, "res.partner", "email")}},
		"filter_domain":     "[('is_company', '=', False)]",
		"action_server_ids": []any{[]any{int64(6), int64(0), []any{action}}}})
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sample, _ := env.Get("ir.actions.server", action, "webhook_sample_payload").(string)
	if !strings.HasPrefix(sample, "{\n    \"_model\": \"res.partner\",\n    \"_name\": \"Partner feed\",") {
		t.Errorf("webhook_sample_payload: %q", sample)
	}
	must(env.Write("res.partner", []int64{ids["brandon"]}, map[string]any{"email": "b1@x"}))
	must(env.Write("res.partner", []int64{ids["brandon"]}, map[string]any{"name": "No trigger field"}))
	must(env.Write("res.partner", []int64{ids["azure"]}, map[string]any{"email": "filtered@x"}))
	must(env.Write("res.partner", []int64{ids["nicole"], ids["brandon"]}, map[string]any{"email": "b2@x"}))
	s.OnWrite("res.partner", func(env *Env, _ []int64, vals map[string]any) error {
		if vals["email"] == "fail@x" {
			return UserError("refused")
		}
		return nil
	})
	if err := env.Write("res.partner", []int64{ids["brandon"]}, map[string]any{"email": "fail@x"}); err == nil {
		t.Fatal("hook error lost")
	}
	s.FlushWebhooks()
	got := posts.take()
	wantIDs := []int64{ids["brandon"], ids["nicole"], ids["brandon"]}
	if len(got) != len(wantIDs) {
		t.Fatalf("got %d posts, want %d: %v", len(got), len(wantIDs), got)
	}
	for i, body := range got {
		if body["_id"] != float64(wantIDs[i]) || body["id"] != float64(wantIDs[i]) || body["_model"] != "res.partner" {
			t.Errorf("post %d: %v", i, body)
		}
		if body["_action"] != "Partner feed(#"+itoa(action)+")" {
			t.Errorf("post %d _action %v", i, body["_action"])
		}
		if _, isNumber := body["parent_id"].(float64); !isNumber {
			t.Errorf("post %d: parent_id must be a bare id (load=None): %v", i, body["parent_id"])
		}
		if len(body) != 6 {
			t.Errorf("post %d keys: %v", i, body)
		}
	}
	if got[0]["email"] != "b1@x" || got[2]["email"] != "b2@x" {
		t.Errorf("post order or values: %v", got)
	}
	// Deleting the rule deletes its actions (ondelete cascade), as in Odoo.
	must(env.Unlink("base.automation", []int64{rule}))
	if env.Exists("ir.actions.server", action) {
		t.Error("server action survived its automation")
	}
}

func TestCodeActionBlocksConfirm(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(env.Write("res.partner", []int64{ids["deco"]}, map[string]any{"category_id": []any{[]any{int64(4), ids["hold"]}}}))
	// What the business package does for action_confirm: a write of state.
	s.RegisterMethod("sale.order", "action_confirm", func(env *Env, ids []int64, _ []any, _ map[string]any) (any, error) {
		return true, env.Write("sale.order", ids, map[string]any{"state": "sale"})
	})
	_, err := env.Create("base.automation", map[string]any{"name": "credit hold", "model_id": modelID(t, env, "sale.order"),
		"trigger": "on_create_or_write", "trigger_field_ids": []any{[]any{int64(6), int64(0), fieldIDs(t, env, "sale.order", "state")}},
		"filter_pre_domain": "[('state', '!=', 'sale')]",
		"filter_domain":     "[('state', '=', 'sale'), ('partner_id.commercial_partner_id.category_id.name', '=', 'Credit Hold')]",
		"action_server_ids": []any{[]any{int64(0), int64(0), map[string]any{"name": "block", "model_id": modelID(t, env, "sale.order"),
			"state": "code", "code": "raise UserError(\"Credit hold: %s cannot be confirmed\" % record.name)"}}}})
	must(err)
	held, err := env.Create("sale.order", map[string]any{"name": "S001", "partner_id": ids["nicole"], "partner_invoice_id": ids["nicole"], "partner_shipping_id": ids["nicole"]})
	must(err)
	fine, err := env.Create("sale.order", map[string]any{"name": "S002", "partner_id": ids["brandon"], "partner_invoice_id": ids["brandon"], "partner_shipping_id": ids["brandon"]})
	must(err)
	_, err = s.execute(call{uid: adminUID, model: "sale.order", method: "action_confirm", args: []any{[]any{held}}})
	if oe := asOdoo(err); oe.Name != excUserError || oe.Message != "Credit hold: S001 cannot be confirmed" {
		t.Fatalf("confirm held order: %v", err)
	}
	if st := env.Get("sale.order", held, "state"); st != "draft" {
		t.Errorf("held order state %v after a refused confirm, want draft", st)
	}
	if _, err := s.execute(call{uid: adminUID, model: "sale.order", method: "action_confirm", args: []any{[]any{fine}}}); err != nil {
		t.Errorf("confirm order of a customer without hold: %v", err)
	}
	// Releasing the hold lets the order through.
	must(env.Write("res.partner", []int64{ids["deco"]}, map[string]any{"category_id": []any{[]any{int64(3), ids["hold"]}}}))
	if _, err := s.execute(call{uid: adminUID, model: "sale.order", method: "action_confirm", args: []any{[]any{held}}}); err != nil {
		t.Errorf("confirm after release: %v", err)
	}
}

func TestUnsupportedServerActions(t *testing.T) {
	s, _ := newTestServer(t, 18)
	env := s.SuperEnv()
	mid := modelID(t, env, "sale.order")
	for _, code := range []string{
		"record.write({'state': 'cancel'})",
		"for rec in records:\n    raise UserError(\"held: \" + rec.partner_id.display_name)\n",
	} {
		_, err := env.Create("ir.actions.server", map[string]any{"name": "x", "model_id": mid, "state": "code", "code": code})
		if oe := asOdoo(err); oe.Name != excValidationError || !strings.Contains(oe.Message, "cannot run Python") && !strings.Contains(oe.Message, "only one") {
			t.Errorf("code %q accepted or wrong error: %v", code, err)
		}
	}
	if _, err := env.Create("ir.actions.server", map[string]any{"name": "x", "model_id": mid, "state": "object_write"}); asOdoo(err).Name != excValidationError {
		t.Errorf("object_write accepted: %v", err)
	}
	if _, err := env.Create("ir.actions.server", map[string]any{"name": "x", "model_id": mid, "state": "code", "code": "# comment only\nraise UserError('No')"}); err != nil {
		t.Errorf("supported form refused: %v", err)
	}
}

func TestUnlinkTrigger(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	_, err := env.Create("base.automation", map[string]any{"name": "no delete", "model_id": modelID(t, env, "res.partner"),
		"trigger": "on_unlink", "filter_domain": "[('is_company', '=', True)]",
		"action_server_ids": []any{[]any{int64(0), int64(0), map[string]any{"name": "refuse", "model_id": modelID(t, env, "res.partner"),
			"state": "code", "code": "raise UserError('Companies cannot be deleted')"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Unlink("res.partner", []int64{ids["zed"], ids["deco"]}); asOdoo(err).Message != "Companies cannot be deleted" {
		t.Fatalf("unlink company: %v", err)
	}
	if !env.Exists("res.partner", ids["zed"]) {
		t.Error("partner deleted by a refused unlink")
	}
	if err := env.Unlink("res.partner", []int64{ids["zed"]}); err != nil {
		t.Errorf("unlink person: %v", err)
	}
}

func TestStateSetTrigger(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	stateField := fieldIDs(t, env, "sale.order", "state")[0]
	sale, err := env.Search("ir.model.fields.selection", []any{[]any{"field_id", "=", stateField}, []any{"value", "=", "sale"}}, "", 1)
	if err != nil || len(sale) != 1 {
		t.Fatalf("selection value 'sale' of sale.order.state: %v %v", sale, err)
	}
	_, err = env.Create("base.automation", map[string]any{"name": "on confirmed", "model_id": modelID(t, env, "sale.order"),
		"trigger": "on_state_set", "trg_selection_field_id": sale[0],
		"action_server_ids": []any{[]any{int64(0), int64(0), map[string]any{"name": "refuse", "model_id": modelID(t, env, "sale.order"),
			"state": "code", "code": "raise UserError('confirmed %s' % record.name)"}}}})
	if err != nil {
		t.Fatal(err)
	}
	so, err := env.Create("sale.order", map[string]any{"name": "S9", "partner_id": ids["zed"], "partner_invoice_id": ids["zed"], "partner_shipping_id": ids["zed"]})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Write("sale.order", []int64{so}, map[string]any{"state": "sent"}); err != nil {
		t.Errorf("state set to another value fired the rule: %v", err)
	}
	if err := env.Write("sale.order", []int64{so}, map[string]any{"state": "sale"}); asOdoo(err).Message != "confirmed S9" {
		t.Errorf("state set to 'sale': %v", err)
	}
}
