package odoosim

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func rpc(t *testing.T, s *Server, model, method string, args []any, kwargs map[string]any) (any, error) {
	t.Helper()
	return s.execute(call{uid: adminUID, model: model, method: method, args: args, kwargs: kwargs})
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := marshalJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadShapes(t *testing.T) {
	s, ids := newTestServer(t, 18)
	res, err := rpc(t, s, "res.partner", "read", []any{[]any{ids["brandon"], int64(999999)}},
		map[string]any{"fields": []any{"parent_id", "display_name", "credit_limit", "vat", "category_id", "customer_rank"}})
	if err != nil {
		t.Fatal(err)
	}
	got := jsonOf(t, res)
	want := `[{"id":` + itoa(ids["brandon"]) + `,"parent_id":[` + itoa(ids["azure"]) + `,"Azure Interior"],"display_name":"Azure Interior, Brandon Freeman","credit_limit":0.0,"vat":false,"category_id":[],"customer_rank":0}]`
	if got != want {
		t.Errorf("read\n got %s\nwant %s", got, want)
	}
	res, _ = rpc(t, s, "res.partner", "read", []any{[]any{ids["brandon"]}, []any{"parent_id"}}, map[string]any{"load": nil})
	if got := jsonOf(t, res); got != `[{"id":`+itoa(ids["brandon"])+`,"parent_id":`+itoa(ids["azure"])+`}]` {
		t.Errorf("load None: %s", got)
	}
}

func TestActiveTestAndOrder(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	kids, _ := env.Search("res.partner", []any{[]any{"parent_id", "=", ids["azure"]}}, "", 0)
	if !slices.Equal(kids, []int64{ids["brandon"]}) {
		t.Errorf("archived child visible: %v", kids)
	}
	all, _ := env.WithContext(map[string]any{"active_test": false}).Search("res.partner", []any{[]any{"parent_id", "=", ids["azure"]}}, "name desc", 0)
	if !slices.Equal(all, []int64{ids["colleen"], ids["brandon"]}) {
		t.Errorf("active_test=false, name desc: %v", all)
	}
	// many2one orders by the related record's name, then ties by the next term.
	got, err := env.Search("res.partner", []any{[]any{"parent_id", "!=", false}}, "parent_id desc, name", 0)
	if err != nil || !slices.Equal(got, []int64{ids["nicole"], ids["brandon"]}) {
		t.Errorf("order by many2one: %v %v", got, err)
	}
	page, _ := rpc(t, s, "res.partner", "search", []any{[]any{[]any{"is_company", "=", true}}}, map[string]any{"order": "name", "limit": int64(1), "offset": int64(1)})
	if jsonOf(t, page) != "["+itoa(ids["deco"])+"]" {
		t.Errorf("limit/offset page: %v", page)
	}
	// Pages ordered by id stop scanning early; they must equal a full sort's page.
	for _, order := range []string{"id", "id desc", "id ASC"} {
		full, _ := env.Search("res.partner", []any{[]any{"is_company", "=", false}}, order, 0)
		page, err := rpc(t, s, "res.partner", "search", []any{[]any{[]any{"is_company", "=", false}}}, map[string]any{"order": order, "limit": int64(2), "offset": int64(1)})
		if err != nil || jsonOf(t, page) != jsonOf(t, full[1:3]) {
			t.Errorf("order %q page %v, full %v (%v)", order, page, full, err)
		}
	}
	pinned, _ := env.Search("res.partner", []any{[]any{"id", "in", []any{ids["zed"], ids["deco"], int64(999999)}}}, "id desc", 1)
	if !slices.Equal(pinned, []int64{ids["zed"]}) {
		t.Errorf("id-pinned search, id desc, limit 1: %v", pinned)
	}
	if _, err := env.Search("res.partner", nil, "nope asc", 0); err == nil {
		t.Error("unknown order field accepted")
	}
}

func TestAtomicWrites(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	before := env.Get("res.partner", ids["zed"], "email")
	// The second record fails validation: nothing of the call may remain.
	_, err := rpc(t, s, "res.partner", "create", []any{[]any{map[string]any{"name": "Kept?"}, map[string]any{"email": "x@y"}}}, nil)
	if err == nil || !strings.Contains(err.Error(), "Contacts require a name") {
		t.Fatalf("create list: %v", err)
	}
	if n, _ := env.Search("res.partner", []any{[]any{"name", "=", "Kept?"}}, "", 0); len(n) != 0 {
		t.Error("first record of a failed create survived")
	}
	// A write that fails on a later record leaves the earlier ones untouched.
	err = env.Write("res.partner", []int64{ids["zed"], 999999}, map[string]any{"email": "new@x"})
	if asOdoo(err).Name != excMissingError || env.Get("res.partner", ids["zed"], "email") != before {
		t.Errorf("missing record write: %v, email now %v", err, env.Get("res.partner", ids["zed"], "email"))
	}
	// A hook error rolls back the values, the x2many changes and children created.
	s.OnWrite("res.partner", func(env *Env, ids []int64, vals map[string]any) error {
		if vals["comment"] == "boom" {
			return UserError("no")
		}
		return nil
	})
	err = env.Write("res.partner", []int64{ids["azure"]}, map[string]any{"comment": "boom", "name": "Renamed",
		"category_id": []any{[]any{int64(5)}}, "child_ids": []any{[]any{int64(0), int64(0), map[string]any{"name": "New Kid"}}}})
	if err == nil {
		t.Fatal("hook error not returned")
	}
	if env.Get("res.partner", ids["azure"], "name") != "Azure Interior" || len(env.Get("res.partner", ids["azure"], "category_id").([]int64)) != 1 {
		t.Error("write not rolled back")
	}
	if kids, _ := env.Search("res.partner", []any{[]any{"name", "=", "New Kid"}}, "", 0); len(kids) != 0 {
		t.Error("child created by a failed write survived")
	}
	if kids := env.Get("res.partner", ids["azure"], "child_ids").([]int64); !slices.Equal(kids, []int64{ids["brandon"]}) {
		t.Errorf("child_ids after rollback: %v (archived and rolled-back children must not show)", kids)
	}
	if kids := env.WithContext(map[string]any{"active_test": false}).Get("res.partner", ids["azure"], "child_ids").([]int64); len(kids) != 2 {
		t.Errorf("child_ids with active_test=false: %v", kids)
	}
	if err := env.Unlink("res.partner", []int64{ids["zed"], 999999}); asOdoo(err).Name != excMissingError || !env.Exists("res.partner", ids["zed"]) {
		t.Errorf("unlink with a missing id: %v", err)
	}
}

func TestNameSearchVersions(t *testing.T) {
	for _, v := range []int{18, 19} {
		s, ids := newTestServer(t, v)
		good, bad := "args", "domain"
		if v >= 19 {
			good, bad = bad, good
		}
		res, err := rpc(t, s, "res.partner", "name_search", nil, map[string]any{"name": "a", good: []any{[]any{"is_company", "=", true}}, "limit": int64(5)})
		if err != nil || jsonOf(t, res) != `[[`+itoa(ids["azure"])+`,"Azure Interior"],[`+itoa(ids["deco"])+`,"Deco Addict"],[1,"My Company"]]` {
			t.Errorf("v%d name_search(%s=): %s %v", v, good, jsonOf(t, res), err)
		}
		_, err = rpc(t, s, "res.partner", "name_search", nil, map[string]any{"name": "a", bad: []any{}})
		if asOdoo(err).Message != "BaseModel.name_search() got an unexpected keyword argument '"+bad+"'" {
			t.Errorf("v%d name_search(%s=): %v", v, bad, err)
		}
		_, err = rpc(t, s, "account.move", "formatted_read_group", []any{[]any{}}, map[string]any{"groupby": []any{"partner_id"}})
		if (v >= 19) != (err == nil) {
			t.Errorf("v%d formatted_read_group: %v", v, err)
		}
	}
}

func TestVersion17Schema(t *testing.T) {
	s, err := New(Options{Version: 17})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if f := s.models["product.template"].field("detailed_type"); f == nil || !f.selectionHas("product") {
		t.Error("17 has product detailed_type with 'product'")
	}
	if f := s.models["account.account"].field("company_id"); f == nil || f.Type != "many2one" || !f.Store || s.models["account.account"].field("company_ids") != nil {
		t.Error("17 account.account has a single company_id")
	}
	if pay := s.models["account.payment"]; pay.field("memo") != nil || pay.field("ref") == nil || !pay.field("state").selectionHas("posted") {
		t.Error("17 account.payment has ref and the move's states, no memo")
	}
	for i, f := range s.models["product.template"].fields {
		if f.idx != i {
			t.Fatalf("field %s has index %d at position %d", f.Name, f.idx, i)
		}
	}
	if _, err := New(Options{Version: 16}); err == nil {
		t.Error("version 16 accepted")
	}
}

func TestUsersAndGroups(t *testing.T) {
	for _, v := range []int{18, 19} {
		s, _ := newTestServer(t, v)
		cfo := s.login("cfo", "cfo")
		viewer := s.login("viewer", "viewer")
		if cfo == 0 || viewer == 0 || s.login("cfo", "wrong") != 0 {
			t.Fatalf("v%d logins: cfo %d viewer %d", v, cfo, viewer)
		}
		check := func(uid int64, xmlid string, want bool) {
			res, err := s.execute(call{uid: uid, model: "res.users", method: "has_group", args: []any{[]any{uid}, xmlid}})
			if err != nil || res != want {
				t.Errorf("v%d uid %d has_group(%s) = %v %v, want %v", v, uid, xmlid, res, err, want)
			}
		}
		check(cfo, "account.group_account_manager", true)
		check(cfo, "account.group_account_invoice", true) // implied
		check(viewer, "account.group_account_manager", false)
		check(viewer, "base.group_user", true)
		check(adminUID, "base.group_system", true)
		field := "groups_id"
		if v >= 19 {
			field = "all_group_ids"
		}
		res, err := s.execute(call{uid: viewer, model: "res.users", method: "read", args: []any{[]any{viewer}, []any{field}}})
		if err != nil || !strings.Contains(jsonOf(t, res), `"`+field+`":[`) {
			t.Errorf("v%d read %s: %s %v", v, field, jsonOf(t, res), err)
		}
		if err := s.checkUser(cfo, "cfo-demo-key"); err != nil {
			t.Errorf("api key: %v", err)
		}
		if err := s.checkUser(cfo, "nope"); !errors.Is(err, err) || asOdoo(err).Name != excAccessDenied {
			t.Errorf("bad password: %v", err)
		}
		if err := s.SuperEnv().Write("res.users", []int64{viewer}, map[string]any{"active": false}); err != nil {
			t.Fatal(err)
		}
		if err := s.checkUser(viewer, "viewer"); asOdoo(err).Name != excAccessDenied {
			t.Errorf("archived user: %v", err)
		}
	}
}
