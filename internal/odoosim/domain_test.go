package odoosim

import (
	"slices"
	"testing"
)

func TestDomains(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	named := func(keys ...string) []int64 {
		out := make([]int64, len(keys))
		for i, k := range keys {
			out[i] = ids[k]
		}
		slices.Sort(out)
		return out
	}
	own := []any{"id", ">", int64(3)} // leave out the seeded company/admin partners
	cases := []struct {
		name   string
		domain []any
		want   []int64
	}{
		{"implicit and", []any{[]any{"is_company", "=", true}, []any{"credit_limit", ">", 2000.0}}, named("azure")},
		{"prefix or", []any{"|", []any{"name", "=", "Zed Solo"}, []any{"name", "=", "Deco Addict"}}, named("deco", "zed")},
		{"not", []any{"!", []any{"is_company", "=", true}, []any{"parent_id", "!=", false}}, named("brandon", "nicole")},
		{"ilike is case-insensitive", []any{[]any{"email", "ilike", "nicole@"}}, named("nicole")},
		{"like is case-sensitive", []any{[]any{"email", "like", "nicole@"}}, nil},
		{"=like pattern", []any{[]any{"name", "=like", "%Addict"}}, named("deco")},
		{"=ilike underscore", []any{[]any{"name", "=ilike", "zed _olo"}}, named("zed")},
		{"not ilike keeps empty", []any{own, []any{"email", "not ilike", "example"}, []any{"is_company", "=", false}}, named("zed")},
		{"= false on char", []any{own, []any{"email", "=", false}, []any{"is_company", "=", false}}, named("zed")},
		{"in / not in", []any{[]any{"name", "in", []any{"Zed Solo", "Nicole Ford"}}, []any{"id", "not in", []any{ids["zed"]}}}, named("nicole")},
		{"=? false is true", []any{own, []any{"vat", "=?", false}, []any{"name", "=", "Zed Solo"}}, named("zed")},
		{"=? value", []any{[]any{"name", "=?", "Zed Solo"}}, named("zed")},
		{"child_of", []any{[]any{"id", "child_of", ids["azure"]}}, named("azure", "brandon")},
		{"parent_of", []any{[]any{"id", "parent_of", ids["brandon"]}}, named("azure", "brandon")},
		{"child_of via parent_id", []any{[]any{"parent_id", "child_of", ids["deco"]}}, named("nicole")},
		{"dotted many2one", []any{[]any{"parent_id.country_id.code", "=", "BE"}}, named("brandon")},
		{"dotted many2many", []any{[]any{"category_id.name", "=", "Vendor"}}, named("azure")},
		{"many2many in", []any{[]any{"category_id", "in", []any{ids["vendor"], ids["hold"]}}}, named("azure")},
		{"many2one by name", []any{[]any{"parent_id", "ilike", "azure"}}, named("brandon")},
		{"any", []any{[]any{"parent_id", "any", []any{[]any{"credit_limit", "<", 2000.0}}}}, named("nicole")},
		{"not any", []any{own, []any{"category_id", "not any", []any{[]any{"name", "=", "Vendor"}}}, []any{"is_company", "=", true}}, named("deco")},
		{"numbers compare", []any{[]any{"customer_rank", ">=", int64(2)}}, named("zed")},
		{"true leaf", []any{[]any{int64(1), "=", int64(1)}, []any{"name", "=", "Zed Solo"}}, named("zed")},
		{"active mentioned shows archived", []any{own, []any{"active", "=", false}}, named("colleen")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := env.Search("res.partner", c.domain, "id", 0)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestDomainErrors(t *testing.T) {
	for _, v := range []int{18, 19} {
		s, _ := newTestServer(t, v)
		env := s.SuperEnv()
		cases := []struct {
			domain []any
			name   string
			msg18  string
			msg19  string
			model  string
		}{
			{[]any{[]any{"nope", "=", int64(1)}}, excValueError,
				"Invalid field res.partner.nope in leaf ('nope', '=', 1)", "Invalid field res.partner.nope in condition ('nope', '=', 1)", "res.partner"},
			{[]any{[]any{"name", "~", "x"}}, excValueError,
				"Invalid leaf ('name', '~', 'x')", "Invalid operator in condition ('name', '~', 'x')", "res.partner"},
			{[]any{"|", []any{"name", "=", "x"}}, excValueError,
				"Domain ['|', ['name', '=', 'x']] is syntactically not correct.", "Domain() malformed domain ['|', ['name', '=', 'x']]", "res.partner"},
			{[]any{[]any{"id", "=", "abc"}}, excInvalidText, "", "", "res.partner"},
			{[]any{[]any{"invoice_date", ">=", "soon"}}, excInvalidDatetime, "", "", "account.move"},
		}
		for _, c := range cases {
			_, err := env.Search(c.model, c.domain, "", 0)
			oe := asOdoo(err)
			wantName, wantMsg := c.name, c.msg18
			if v >= 19 {
				wantMsg = c.msg19
				if c.name == excInvalidDatetime {
					wantName = excValueError // 19 validates dates before SQL
				}
			}
			if err == nil || oe.Name != wantName || (wantMsg != "" && oe.Message != wantMsg) {
				t.Errorf("v%d %v: got %v, want %s %q", v, c.domain, err, wantName, wantMsg)
			}
		}
	}
}

func TestPyLiteralDomain(t *testing.T) {
	d, err := parseDomainText(`[('state', '=', 'sale'), '|', ("amount", ">=", -1.5), ('x', 'in', [1, 2, None, True])]`)
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != 4 || pyRepr(d) != "[['state', '=', 'sale'], '|', ['amount', '>=', -1.5], ['x', 'in', [1, 2, None, True]]]" {
		t.Errorf("parsed %s", pyRepr(d))
	}
	for _, bad := range []string{"[('a', '=', uid)]", "[('a', '=', 'x')", "{'a': 1}"} {
		if _, err := parseDomainText(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestOne2manyConditions(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	for _, c := range []struct {
		domain []any
		want   []int64
	}{
		{[]any{[]any{"child_ids", "any", []any{[]any{"email", "ilike", "nicole"}}}}, []int64{ids["deco"]}},
		{[]any{[]any{"child_ids.name", "=", "Brandon Freeman"}}, []int64{ids["azure"]}},
		{[]any{[]any{"child_ids.name", "=", "Colleen Diaz"}}, nil}, // archived child
		{[]any{[]any{"is_company", "=", true}, []any{"child_ids", "not any", []any{[]any{"name", "!=", false}}}, []any{"id", ">", int64(3)}}, nil},
	} {
		got, err := env.Search("res.partner", c.domain, "id", 0)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%v: %v %v, want %v", c.domain, got, err, c.want)
		}
	}
}

// TestIndexedSearchesMatchScans checks the id and many2one fast paths against the full
// scan (forced by an OR with a false term), including archived rows and rollbacks.
func TestIndexedSearchesMatchScans(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	never := []any{"id", "=", int64(-1)}
	for _, leaf := range [][]any{
		{"parent_id", "=", ids["azure"]},
		{"parent_id", "in", []any{ids["azure"], ids["deco"]}},
		{"parent_id", "in", []any{ids["deco"], false}},
		{"id", "in", []any{ids["zed"], ids["colleen"], int64(424242)}},
	} {
		for _, ctx := range []map[string]any{{}, {"active_test": false}} {
			e := env.WithContext(ctx)
			fast, err1 := e.Search("res.partner", []any{leaf}, "id", 0)
			slow, err2 := e.Search("res.partner", []any{"|", leaf, never}, "id", 0)
			if err1 != nil || err2 != nil || !slices.Equal(fast, slow) {
				t.Errorf("%v %v: indexed %v, scan %v (%v %v)", leaf, ctx, fast, slow, err1, err2)
			}
		}
	}
}

// Key-set paging sends ("id", ">", last) first: the scan may start there, but an id term
// inside an OR must not cut rows off.
func TestIDFloorOnlyBoundsConjuncts(t *testing.T) {
	s, ids := newTestServer(t, 18)
	env := s.SuperEnv()
	either := []any{"|", []any{"name", "=", "Zed Solo"}, []any{"name", "=", "Deco Addict"}}
	all, err := env.Search("res.partner", either, "id", 0)
	if err != nil || len(all) != 2 {
		t.Fatalf("both = %v, %v", all, err)
	}
	for _, after := range []int64{0, all[0] - 1, all[0], all[1], all[1] + 1} {
		got, err := env.Search("res.partner", append([]any{[]any{"id", ">", after}}, either...), "id", 1)
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for _, id := range all {
			if id > after {
				want = append(want, id)
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("after %d: got %v, want %v", after, got, want)
		}
	}
	disjunct := []any{"|", []any{"id", ">", int64(1 << 40)}, []any{"name", "=", "Zed Solo"}}
	if got, err := env.Search("res.partner", disjunct, "id", 0); err != nil || !slices.Equal(got, []int64{ids["zed"]}) {
		t.Errorf("id term in an OR: got %v, %v; want [%d]", got, err, ids["zed"])
	}
}
