package odoosim

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCreateWriteSemantics(t *testing.T) {
	s, ids := newTestServer(t, 19)
	env := s.SuperEnv()
	res, err := rpc(t, s, "res.partner", "create", []any{map[string]any{"name": "Solo"}}, nil)
	if _, isID := res.(int64); err != nil || !isID {
		t.Fatalf("create(dict) = %v %v, want an id", res, err)
	}
	// x2many commands: 4 link, 3 unlink, 6 replace, 5 clear.
	p := ids["zed"]
	steps := []struct {
		cmd  []any
		want []int64
	}{
		{[]any{[]any{int64(4), ids["vendor"]}}, []int64{ids["vendor"]}},
		{[]any{[]any{int64(4), ids["hold"]}}, []int64{ids["vendor"], ids["hold"]}},
		{[]any{[]any{int64(3), ids["vendor"]}}, []int64{ids["hold"]}},
		{[]any{[]any{int64(6), int64(0), []any{ids["vendor"]}}}, []int64{ids["vendor"]}},
		{[]any{[]any{int64(5)}}, []int64{}},
	}
	for i, st := range steps {
		if err := env.Write("res.partner", []int64{p}, map[string]any{"category_id": st.cmd}); err != nil {
			t.Fatal(err)
		}
		if got := env.Get("res.partner", p, "category_id").([]int64); !slices.Equal(got, st.want) {
			t.Errorf("step %d: %v, want %v", i, got, st.want)
		}
	}
	// one2many through the inverse many2one.
	if err := env.Write("res.partner", []int64{ids["deco"]}, map[string]any{"child_ids": []any{[]any{int64(0), int64(0), map[string]any{"name": "Kid"}}}}); err != nil {
		t.Fatal(err)
	}
	if kids := env.Get("res.partner", ids["deco"], "child_ids").([]int64); len(kids) != 2 {
		t.Errorf("child_ids after create command: %v", kids)
	}
	// Odoo's errors for bad values.
	if err := env.Write("res.partner", []int64{p}, map[string]any{"type": "nope"}); asOdoo(err).Message != "Wrong value for res.partner.type: 'nope'" {
		t.Errorf("bad selection: %v", err)
	}
	if err := env.Write("res.partner", []int64{p}, map[string]any{"parent_id": p}); asOdoo(err).Message != "You cannot create recursive Partner hierarchies." {
		t.Errorf("recursion: %v", err)
	}
	if err := env.Write("res.partner", []int64{p}, map[string]any{"nope": 1}); asOdoo(err).Name != excKeyError {
		t.Errorf("unknown field on 19: %v", err)
	}
	if err := env.Write("res.users", []int64{adminUID}, map[string]any{"login": false}); asOdoo(err).Name != excValidationError || !strings.Contains(asOdoo(err).Message, "Field: Login (login)") {
		t.Errorf("emptying a required field: %v", err)
	}
	// Readonly computed fields are ignored, write_date moves.
	if err := env.Write("res.partner", []int64{p}, map[string]any{"display_name": "ignored", "email": "z@z"}); err != nil {
		t.Fatal(err)
	}
	if env.Get("res.partner", p, "display_name") != "Zed Solo" {
		t.Error("display_name was written")
	}
}

func TestInsertAndStamps(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	s, err := New(Options{Version: 18, Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.Insert("res.partner", map[string]any{"name": "A", "category_id": []int64{}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Insert("res.partner", map[string]any{"name": "B"})
	if b <= a {
		t.Errorf("ids not increasing: %d then %d", a, b)
	}
	env := s.SuperEnv()
	if env.Get("res.partner", a, "create_date") != "2026-11-24 09:30:00" || env.Get("res.partner", a, "active") != true {
		t.Errorf("stamps/defaults: %v %v", env.Get("res.partner", a, "create_date"), env.Get("res.partner", a, "active"))
	}
	if _, err := s.Insert("res.partner", map[string]any{"display_name": "x"}); err == nil {
		t.Error("Insert accepted a non-stored field")
	}
	if _, err := s.Insert("res.partner", map[string]any{"nope": "x"}); err == nil {
		t.Error("Insert accepted an unknown field")
	}
	if _, err := s.Insert("res.partner", map[string]any{"child_ids": []int64{a}}); err == nil || !strings.Contains(err.Error(), "parent_id") {
		t.Errorf("Insert of a one2many: %v", err)
	}
	if _, err := s.Insert("no.model", nil); err == nil {
		t.Error("Insert accepted an unknown model")
	}
}

func TestPartnerBank(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	bank, err := env.Create("res.bank", map[string]any{"name": "KBC", "bic": "KREDBEBB"})
	if err != nil {
		t.Fatal(err)
	}
	acc, err := env.Create("res.partner.bank", map[string]any{"acc_number": "be68 5390-0754 7034", "partner_id": ids["azure"], "bank_id": bank})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := env.Read("res.partner.bank", []int64{acc}, []string{"sanitized_acc_number", "display_name", "bank_bic", "country_code", "sequence"})
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	if r["sanitized_acc_number"] != "BE68539007547034" || r["display_name"] != "be68 5390-0754 7034 - KBC - KREDBEBB" ||
		r["bank_bic"] != "KREDBEBB" || r["country_code"] != "BE" || r["sequence"] != int64(10) {
		t.Errorf("partner bank: %v", r)
	}
	found, _ := env.Search("res.partner.bank", []any{[]any{"sanitized_acc_number", "=", "BE68539007547034"}}, "", 0)
	if len(found) != 1 {
		t.Errorf("search by sanitized number: %v", found)
	}
	if err := env.Unlink("res.partner", []int64{ids["azure"]}); err != nil {
		t.Fatal(err)
	}
	if env.Exists("res.partner.bank", acc) {
		t.Error("bank account survived its partner (ondelete cascade)")
	}
	if r, _ := env.Read("res.partner", []int64{ids["brandon"]}, []string{"parent_id"}); r[0]["parent_id"] != false {
		t.Errorf("parent_id of a deleted company reads %v, want false", r[0]["parent_id"])
	}
}

func TestMailActivity(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	s, err := New(Options{Version: 18, Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	env := s.EnvFor(s.login("cfo", "cfo"))
	partnerModel, _ := env.Search("ir.model", []any{[]any{"model", "=", "res.partner"}}, "", 1)
	id, err := env.Create("mail.activity", map[string]any{"res_model_id": partnerModel[0], "res_id": int64(1),
		"summary": "Call about overdue invoice", "date_deadline": "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := env.Read("mail.activity", []int64{id}, []string{"res_model", "res_name", "state", "user_id"})
	r := recs[0]
	if r["res_model"] != "res.partner" || r["res_name"] != "My Company" || r["state"] != "overdue" {
		t.Errorf("activity: %v", r)
	}
	if u, _ := r["user_id"].([]any); len(u) != 2 || u[0] != env.UID() {
		t.Errorf("activity user defaults to the creator: %v", r["user_id"])
	}
	if _, err := env.Create("mail.activity", map[string]any{"res_model_id": partnerModel[0], "res_id": int64(1)}); err != nil {
		t.Errorf("date_deadline must default to today: %v", err)
	}
}

func TestPanickingMethodRollsBack(t *testing.T) {
	s, ids := newTestServer(t, 18)
	s.RegisterMethod("res.partner", "half_done", func(env *Env, ids []int64, _ []any, _ map[string]any) (any, error) {
		if err := env.Write("res.partner", ids, map[string]any{"name": "Half"}); err != nil {
			return nil, err
		}
		var m map[string]int
		m["boom"]++ // a bug in business code
		return true, nil
	})
	_, err := s.execute(call{uid: adminUID, model: "res.partner", method: "half_done", args: []any{[]any{ids["zed"]}}})
	if err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("panic not reported: %v", err)
	}
	if name := s.SuperEnv().Get("res.partner", ids["zed"], "name"); name != "Zed Solo" {
		t.Errorf("write before the panic kept: %v", name)
	}
}

func TestDateValues(t *testing.T) {
	s, _ := newTestServer(t, 18)
	m := s.models["account.move"]
	for _, c := range []struct {
		field, in string
		want      any
		ok        bool
	}{
		{"invoice_date", "2026-02-28", "2026-02-28", true},
		{"invoice_date", "2024-02-29", "2024-02-29", true},
		{"invoice_date", "2026-02-29", nil, false},
		{"invoice_date", "2026-13-01", nil, false},
		{"invoice_date", "2026-11-24 10:00:00", "2026-11-24", true},
		{"create_date", "2026-11-24 23:59:59", "2026-11-24 23:59:59", true},
		{"create_date", "2026-11-24 24:00:00", nil, false},
		{"create_date", "2026-11-24", "2026-11-24 00:00:00", true},
		{"create_date", "2026-11-24T10:00:00+01:00", "2026-11-24 09:00:00", true},
	} {
		got, err := toRaw(m, m.field(c.field), c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("%s %q: %v %v, want %v ok=%v", c.field, c.in, got, err, c.want, c.ok)
		}
	}
}

func TestMany2manyBothSides(t *testing.T) {
	s, ids := newTestServer(t, 19)
	env := s.SuperEnv()
	if got := env.Get("res.partner.category", ids["vendor"], "partner_ids").([]int64); !slices.Equal(got, []int64{ids["azure"]}) {
		t.Errorf("tag's partners read from the partner side: %v", got)
	}
	if err := env.Write("res.partner.category", []int64{ids["vendor"]}, map[string]any{"partner_ids": []any{[]any{int64(6), int64(0), []any{ids["deco"], ids["zed"]}}}}); err != nil {
		t.Fatal(err)
	}
	if got := env.Get("res.partner", ids["azure"], "category_id").([]int64); len(got) != 0 {
		t.Errorf("azure still tagged: %v", got)
	}
	if got := env.Get("res.partner", ids["zed"], "category_id").([]int64); !slices.Equal(got, []int64{ids["vendor"]}) {
		t.Errorf("zed not tagged: %v", got)
	}
	users, _ := env.Search("res.users", []any{[]any{"login", "=", "cfo"}}, "", 1)
	mgr, _ := env.XMLID("account.group_account_manager")
	if got := env.Get("res.groups", mgr, "user_ids").([]int64); !slices.Contains(got, users[0]) {
		t.Errorf("group's users (19: user_ids) miss the cfo: %v", got)
	}
}

func TestBaseXMLIDs(t *testing.T) {
	s, _ := newTestServer(t, 18)
	env := s.SuperEnv()
	for xmlid, want := range map[string]string{"base.main_company": "My Company", "base.user_admin": "Administrator", "base.be": "Belgium", "base.EUR": "EUR"} {
		id, err := env.XMLID(xmlid)
		if err != nil {
			t.Errorf("%s: %v", xmlid, err)
			continue
		}
		model, _ := env.Search("ir.model.data", []any{[]any{"res_id", "=", id}, []any{"name", "=", strings.SplitN(xmlid, ".", 2)[1]}}, "", 1)
		m, _ := env.Get("ir.model.data", model[0], "model").(string)
		if got, _ := env.Get(m, id, "name").(string); got != want {
			t.Errorf("%s -> %s(%d) %q, want %q", xmlid, m, id, got, want)
		}
	}
	if _, err := env.XMLID("base.nope"); err == nil {
		t.Error("unknown xml id resolved")
	}
}
