package odoo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// allRecords lists one zero value of every typed record.
var allRecords = []Record{
	Partner{}, Company{}, Currency{}, Account{}, Journal{}, Move{}, MoveLine{}, Payment{},
	BankStatementLine{}, ReconcileModel{}, SaleOrder{}, SaleOrderLine{}, PurchaseOrder{},
	PurchaseOrderLine{}, Picking{}, StockMove{}, Product{}, SupplierInfo{}, Lead{}, Activity{},
}

func fieldsGet(t *testing.T, version, model string) map[string]json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(refDir, version, "fields_get", model+".json"))
	if err != nil {
		return nil
	}
	var env struct {
		Result map[string]json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("%s %s: %v", version, model, err)
	}
	return env.Result
}

// TestRecordFieldsExist checks every field a typed record requests on 18 and 19 exists in
// that version's captured fields_get, and that fields tagged for other versions really
// are absent (so the version tags describe real renames).
func TestRecordFieldsExist(t *testing.T) {
	if _, err := os.Stat(refDir); err != nil {
		t.Skip("reference captures absent: they live in /work/shared/odoo-reference")
	}
	for _, rec := range allRecords {
		for _, version := range []int{18, 19} {
			fg := fieldsGet(t, itoa(version)+".0", rec.Model())
			if fg == nil {
				t.Logf("%s: no fields_get capture for %d; its fields are unchecked", rec.Model(), version)
				continue
			}
			for _, f := range rec.Fields(version) {
				if _, ok := fg[f]; !ok {
					t.Errorf("%s on %d requests %q, which fields_get does not list", rec.Model(), version, f)
				}
			}
			requested := map[string]bool{}
			for _, f := range rec.Fields(version) {
				requested[f] = true
			}
			st := reflect.TypeOf(rec)
			for i := range st.NumField() {
				name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
				if !requested[name] {
					if _, ok := fg[name]; ok && !sameNameRequested(rec, version, name) {
						t.Errorf("%s: %q is excluded on %d but fields_get of %d has it", rec.Model(), name, version, version)
					}
				}
			}
		}
	}
}

func sameNameRequested(rec Record, version int, name string) bool {
	for _, f := range rec.Fields(version) {
		if f == name {
			return true
		}
	}
	return false
}

func TestFieldsByVersion(t *testing.T) {
	has := func(fs []string, f string) bool {
		for _, x := range fs {
			if x == f {
				return true
			}
		}
		return false
	}
	checks := []struct {
		rec     Record
		version int
		field   string
		want    bool
	}{
		{Product{}, 16, "detailed_type", true}, {Product{}, 18, "detailed_type", false}, {Product{}, 18, "is_storable", true},
		{Account{}, 17, "company_id", true}, {Account{}, 18, "company_ids", true}, {Account{}, 18, "company_id", false},
		{Account{}, 19, "active", true}, {Account{}, 19, "deprecated", false},
		{Move{}, 17, "to_check", true}, {Move{}, 18, "checked", true},
		{Payment{}, 17, "ref", true}, {Payment{}, 18, "memo", true},
		{SaleOrderLine{}, 18, "tax_id", true}, {SaleOrderLine{}, 19, "tax_ids", true}, {SaleOrderLine{}, 19, "tax_id", false},
		{Partner{}, 19, "mobile", false}, {Partner{}, 18, "mobile", true},
	}
	for _, c := range checks {
		if got := has(c.rec.Fields(c.version), c.field); got != c.want {
			t.Errorf("%s on %d has %s = %v, want %v", c.rec.Model(), c.version, c.field, got, c.want)
		}
	}
}

// TestDecodeSearchReadCaptures decodes every captured search_read page into its typed record.
func TestDecodeSearchReadCaptures(t *testing.T) {
	byModel := map[string]func() any{
		"res.partner": func() any { return &[]Partner{} }, "account.account": func() any { return &[]Account{} },
		"account.journal": func() any { return &[]Journal{} }, "account.move": func() any { return &[]Move{} },
		"account.move.in_invoice": func() any { return &[]Move{} }, "account.move.line": func() any { return &[]MoveLine{} },
		"account.payment": func() any { return &[]Payment{} }, "account.bank.statement.line": func() any { return &[]BankStatementLine{} },
		"sale.order": func() any { return &[]SaleOrder{} }, "purchase.order": func() any { return &[]PurchaseOrder{} },
		"stock.picking": func() any { return &[]Picking{} }, "stock.move": func() any { return &[]StockMove{} },
		"product.product": func() any { return &[]Product{} }, "crm.lead": func() any { return &[]Lead{} },
	}
	files, _ := filepath.Glob(filepath.Join(refDir, "*/search_read/*.json"))
	if len(files) == 0 {
		t.Skip("reference captures absent")
	}
	for _, f := range files {
		model := strings.TrimSuffix(filepath.Base(f), ".json")
		mk, ok := byModel[model]
		if !ok {
			t.Errorf("no typed record for capture %s", f)
			continue
		}
		raw, _ := os.ReadFile(f)
		out := mk()
		env := jsonrpcResponse{Result: out}
		if err := json.Unmarshal(raw, &env); err != nil || env.Error != nil {
			t.Errorf("%s: %v %v", f, err, env.Error)
			continue
		}
		var generic struct{ Result []map[string]any }
		json.Unmarshal(raw, &generic)
		v := reflect.ValueOf(out).Elem()
		if v.Len() != len(generic.Result) || v.Len() > 0 && v.Index(0).FieldByName("ID").Int() == 0 {
			t.Errorf("%s: decoded %d records, first without id", f, v.Len())
		}
	}
}
