package odoorow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestRowDecodesOdooShapes(t *testing.T) {
	var r Row
	raw := `{"id": 7, "partner_id": [3, "Azure Interior"], "ref": false, "date": "2026-10-31",
	"create_date": "2026-10-30 21:15:00", "balance": -1234.5, "tag_ids": [4, 9], "user_id": false}`
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID("id") != 7 || r.ID("partner_id") != 3 || r.Name("partner_id") != "Azure Interior" {
		t.Errorf("ids/names wrong: %v", r)
	}
	if r.String("ref") != "" || r.ID("user_id") != 0 {
		t.Error("false must read as empty")
	}
	if r.Minor("balance", 2) != -123450 {
		t.Errorf("minor = %d", r.Minor("balance", 2))
	}
	if d := r.Date("date"); d.Day() != 31 {
		t.Errorf("date = %v", d)
	}
	if d := r.Date("create_date"); d.Hour() != 21 {
		t.Errorf("datetime = %v", d)
	}
	if ids := r.IDs("tag_ids"); len(ids) != 2 || ids[1] != 9 {
		t.Errorf("ids = %v", ids)
	}
}

type pager struct{ total int }

func (p pager) Call(_ context.Context, model, method string, _ []any, kw map[string]any, out any) error {
	if method != "search_read" {
		return fmt.Errorf("unexpected %s", method)
	}
	if _, ok := kw["offset"]; ok {
		return fmt.Errorf("paged by offset")
	}
	dom := kw["domain"].([]any)
	after := dom[0].([]any)[2].(int64) // SearchEach puts "id > last" first
	lim := kw["limit"].(int)
	var rows []Row
	for i := int(after); i < min(int(after)+lim, p.total); i++ {
		rows = append(rows, Row{"id": float64(i + 1)})
	}
	*(out.(*[]Row)) = rows
	return nil
}

func TestSearchAllPages(t *testing.T) {
	for _, n := range []int{0, 3, 10, 11} {
		rows, err := SearchAll(context.Background(), pager{n}, "res.partner", nil, []string{"id"}, 5)
		if err != nil || len(rows) != n {
			t.Errorf("n=%d: got %d rows, err %v", n, len(rows), err)
		}
	}
}

// A server that ignores the id condition must not make SearchEach loop forever.
type deafPager struct{}

func (deafPager) Call(_ context.Context, _, _ string, _ []any, _ map[string]any, out any) error {
	*(out.(*[]Row)) = []Row{{"id": 1.0}, {"id": 2.0}}
	return nil
}

func TestSearchEachRefusesAServerThatIgnoresTheIDCondition(t *testing.T) {
	_, err := SearchAll(context.Background(), deafPager{}, "res.partner", nil, []string{"id"}, 2)
	if err == nil || !strings.Contains(err.Error(), "does not page like Odoo") {
		t.Fatalf("err = %v, want the paging error", err)
	}
}

func TestVersion(t *testing.T) {
	for in, want := range map[string]int{"18.0": 18, "saas~17.4": 17, "19.0+e": 19} {
		if got, err := Version(in); err != nil || got != want {
			t.Errorf("Version(%q) = %d, %v", in, got, err)
		}
	}
	if _, err := Version("banana"); err == nil {
		t.Error("Version(banana) accepted")
	}
}
