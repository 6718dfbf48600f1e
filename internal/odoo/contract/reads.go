package contract

import (
	"errors"
	"slices"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoo"
)

func (s *suite) reads(t *testing.T) {
	n, err := s.c.SearchCount(s.ctx, "res.partner", nil)
	if err != nil || n < 1 {
		t.Fatalf("search_count res.partner: %d, %v", n, err)
	}
	ids, err := s.c.Search(s.ctx, "res.partner", nil, odoo.Limit(3), odoo.Order("id desc"))
	if err != nil || len(ids) == 0 || len(ids) > 3 || !slices.IsSortedFunc(ids, func(a, b int64) int { return int(b - a) }) {
		t.Errorf("search limit 3 order id desc: %v, %v", ids, err)
	}
	var partners []odoo.Partner
	if err := s.c.Read(s.ctx, "res.partner", append(slices.Clone(ids), 2147483000), []string{"name", "parent_id", "write_date"}, &partners); err != nil {
		t.Errorf("read: %v", err)
	} else if len(partners) != len(ids) {
		t.Errorf("read of %d ids plus a missing one returned %d records: the missing id must be dropped", len(ids), len(partners))
	}
	for _, p := range partners {
		if p.ID == 0 || p.WriteDate.IsZero() {
			t.Errorf("partner without id or write_date: %+v", p)
		}
	}
	// Asked for nothing but "id", Odoo reads no field, so it cannot notice the missing id:
	// it echoes it. Nothing may use read(["id"]) to test that a record exists.
	var echoed []map[string]any
	if err := s.c.Read(s.ctx, "res.partner", []int64{2147483000}, []string{"id"}, &echoed); err != nil || len(echoed) != 1 {
		t.Errorf("read of a missing id with fields [id]: %v, %v; Odoo echoes the id", echoed, err)
	}
	var companies []odoo.Partner
	if err := s.c.SearchRead(s.ctx, "res.partner", odoo.Cond("is_company", "=", true), []string{"name", "is_company"}, &companies, odoo.Limit(5)); err != nil {
		t.Errorf("search_read: %v", err)
	}
	for _, p := range companies {
		if !p.IsCompany {
			t.Errorf("domain is_company = true returned %+v", p)
		}
	}
	s.readGroups(t)
	s.nameSearch(t, partners)
	fields, err := s.c.FieldsGet(s.ctx, "res.partner", nil)
	if err != nil || fields["name"].Type != "char" || fields["parent_id"].Relation != "res.partner" {
		t.Errorf("fields_get: name %+v parent_id %+v, %v", fields["name"], fields["parent_id"], err)
	}
	all, err := s.c.WithContext(map[string]any{"active_test": false}).SearchCount(s.ctx, "res.partner", nil)
	if err != nil || all < n {
		t.Errorf("active_test=false counted %d < %d active (%v)", all, n, err)
	}
}

func (s *suite) readGroups(t *testing.T) {
	var groups []map[string]any
	err := s.c.ReadGroup(s.ctx, "res.partner", nil, []string{"id:count"}, []string{"is_company"}, &groups)
	if err != nil || len(groups) == 0 {
		t.Errorf("read_group: %v, %v", groups, err)
	}
	var fgroups []map[string]any
	err = s.c.FormattedReadGroup(s.ctx, "res.partner", nil, []string{"is_company"}, []string{"__count"}, &fgroups)
	if s.major >= 19 {
		if err != nil || len(fgroups) == 0 {
			t.Errorf("formatted_read_group: %v, %v", fgroups, err)
		}
	} else if !errors.Is(err, odoo.ErrUnknownMethod) {
		t.Errorf("formatted_read_group on %d: %v, want unknown method", s.major, err)
	}
}

func (s *suite) nameSearch(t *testing.T, partners []odoo.Partner) {
	if len(partners) == 0 {
		return
	}
	prefix := []rune(string(partners[0].Name))
	prefix = prefix[:min(3, len(prefix))]
	res, err := s.c.NameSearch(s.ctx, "res.partner", string(prefix), odoo.Cond("id", "!=", 0), odoo.Limit(50))
	if err != nil || len(res) == 0 {
		t.Errorf("name_search %q: %v, %v", string(prefix), res, err)
	}
}

// typedReads reads a few records of every typed model: each requested field must exist
// on the target's version, or Odoo answers "Invalid field".
func (s *suite) typedReads(t *testing.T) {
	for _, r := range typedReaders {
		t.Run(r.model, s.gap("typed reads/"+r.model, func(t *testing.T) {
			n, err := r.read(s)
			if errors.Is(err, odoo.ErrUnknownModel) {
				t.Skipf("%s is not installed on this target", r.model)
			}
			if err != nil {
				t.Fatalf("typed search_read: %v", err)
			}
			t.Logf("%d records", n)
		}))
	}
}

type typedReader struct {
	model string
	read  func(*suite) (int, error)
}

func reader[T odoo.Record]() typedReader {
	var zero T
	return typedReader{model: zero.Model(), read: func(s *suite) (int, error) {
		recs, err := odoo.SearchRecords[T](s.ctx, s.c, nil, odoo.Limit(5))
		return len(recs), err
	}}
}

var typedReaders = []typedReader{
	reader[odoo.Partner](), reader[odoo.Company](), reader[odoo.Currency](), reader[odoo.Account](),
	reader[odoo.Journal](), reader[odoo.Move](), reader[odoo.MoveLine](), reader[odoo.Payment](),
	reader[odoo.BankStatementLine](), reader[odoo.ReconcileModel](), reader[odoo.SaleOrder](),
	reader[odoo.SaleOrderLine](), reader[odoo.PurchaseOrder](), reader[odoo.PurchaseOrderLine](),
	reader[odoo.Picking](), reader[odoo.StockMove](), reader[odoo.Product](), reader[odoo.SupplierInfo](),
	reader[odoo.Lead](), reader[odoo.Activity](),
}

func (s *suite) paging(t *testing.T) {
	want, err := s.c.SearchCount(s.ctx, "res.partner", nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	err = odoo.FetchAllRecords(s.ctx, s.c, nil, odoo.PageOptions{PageSize: 7, Concurrency: 2}, func(page []odoo.Partner) error {
		for _, p := range page {
			if seen[p.ID] {
				t.Errorf("partner %d fetched twice", p.ID)
			}
			seen[p.ID] = true
		}
		return nil
	})
	if err != nil || int64(len(seen)) != want {
		t.Errorf("FetchAll saw %d partners, search_count says %d (%v)", len(seen), want, err)
	}
}
