package odoosim

import (
	"testing"
)

func seedMoves(t *testing.T, s *Server, ids map[string]int64) {
	t.Helper()
	for _, m := range []map[string]any{
		{"move_type": "out_invoice", "partner_id": ids["azure"], "invoice_date": "2026-10-05", "amount_total": 100.0},
		{"move_type": "out_invoice", "partner_id": ids["azure"], "invoice_date": "2026-11-02", "amount_total": 50.5},
		{"move_type": "out_invoice", "partner_id": ids["deco"], "invoice_date": "2026-11-20", "amount_total": 20.0},
		{"move_type": "in_invoice", "partner_id": ids["deco"], "invoice_date": "2026-11-21", "amount_total": 7.25},
		{"move_type": "out_invoice", "partner_id": false, "amount_total": 1.0},
	} {
		m["date"] = "2026-11-24"
		if _, err := s.Insert("account.move", m); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadGroup(t *testing.T) {
	s, ids := newTestServer(t, 18)
	seedMoves(t, s, ids)
	az, deco := itoa(ids["azure"]), itoa(ids["deco"])
	cases := []struct {
		name   string
		args   []any
		kwargs map[string]any
		want   string
	}{
		{"lazy by partner", []any{[]any{[]any{"move_type", "=", "out_invoice"}}, []any{"amount_total:sum"}, []any{"partner_id"}}, map[string]any{"lazy": true},
			`[{"partner_id":[` + az + `,"Azure Interior"],"partner_id_count":2,"amount_total":150.5,"__domain":["&",["move_type","=","out_invoice"],["partner_id","=",` + az + `]]},` +
				`{"partner_id":[` + deco + `,"Deco Addict"],"partner_id_count":1,"amount_total":20.0,"__domain":["&",["move_type","=","out_invoice"],["partner_id","=",` + deco + `]]},` +
				`{"partner_id":false,"partner_id_count":1,"amount_total":1.0,"__domain":["&",["move_type","=","out_invoice"],["partner_id","=",false]]}]`},
		{"by month and type, not lazy", []any{[]any{[]any{"partner_id", "!=", false}}, []any{"amount_total"}, []any{"invoice_date:month", "move_type"}}, map[string]any{"lazy": false},
			`[{"invoice_date:month":"October 2026","move_type":"out_invoice","__count":1,"amount_total":100.0,"__domain":["&","&",["partner_id","!=",false],"&",["invoice_date",">=","2026-10-01"],["invoice_date","<","2026-11-01"],["move_type","=","out_invoice"]],"__range":{"invoice_date:month":{"from":"2026-10-01","to":"2026-11-01"}}},` +
				`{"invoice_date:month":"November 2026","move_type":"in_invoice","__count":1,"amount_total":7.25,"__domain":["&","&",["partner_id","!=",false],"&",["invoice_date",">=","2026-11-01"],["invoice_date","<","2026-12-01"],["move_type","=","in_invoice"]],"__range":{"invoice_date:month":{"from":"2026-11-01","to":"2026-12-01"}}},` +
				`{"invoice_date:month":"November 2026","move_type":"out_invoice","__count":2,"amount_total":70.5,"__domain":["&","&",["partner_id","!=",false],"&",["invoice_date",">=","2026-11-01"],["invoice_date","<","2026-12-01"],["move_type","=","out_invoice"]],"__range":{"invoice_date:month":{"from":"2026-11-01","to":"2026-12-01"}}}]`},
		{"orderby aggregate desc, limit", nil, map[string]any{"domain": []any{}, "fields": []any{"amount_total:max"}, "groupby": []any{"move_type"}, "orderby": "amount_total desc", "limit": int64(1)},
			`[{"move_type":"out_invoice","move_type_count":4,"amount_total":100.0,"__domain":[["move_type","=","out_invoice"]]}]`},
		{"empty date group is false", []any{[]any{[]any{"partner_id", "=", false}}, []any{"amount_total:sum"}, []any{"invoice_date:year"}}, nil,
			`[{"invoice_date:year":false,"invoice_date_count":1,"amount_total":1.0,"__domain":["&",["partner_id","=",false],["invoice_date","=",false]]}]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := rpc(t, s, "account.move", "read_group", c.args, c.kwargs)
			if err != nil {
				t.Fatal(err)
			}
			if got := jsonOf(t, res); got != c.want {
				t.Errorf("\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestFormattedReadGroup(t *testing.T) {
	s, ids := newTestServer(t, 19)
	seedMoves(t, s, ids)
	res, err := rpc(t, s, "account.move", "formatted_read_group", []any{[]any{[]any{"partner_id", "=", ids["azure"]}}},
		map[string]any{"groupby": []any{"invoice_date:month"}, "aggregates": []any{"amount_total:sum", "__count"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"invoice_date:month":["2026-10-01","October 2026"],"__extra_domain":["&",["invoice_date",">=","2026-10-01"],["invoice_date","<","2026-11-01"]],"amount_total:sum":100.0,"__count":1},` +
		`{"invoice_date:month":["2026-11-01","November 2026"],"__extra_domain":["&",["invoice_date",">=","2026-11-01"],["invoice_date","<","2026-12-01"]],"amount_total:sum":50.5,"__count":1}]`
	if got := jsonOf(t, res); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}
