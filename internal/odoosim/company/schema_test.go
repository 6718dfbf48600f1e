package company

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Fields of models that were not captured, as defined in Odoo 18's source
// (odoo/addons/base/models/res_bank.py, res_country.py, addons/account/models/
// account_partial_reconcile.py, account_full_reconcile.py, addons/product/models/
// product_supplierinfo.py): stored fields only.
var sourceFields = map[string][]string{
	"res.partner.bank": {"active", "acc_number", "sanitized_acc_number", "acc_holder_name", "partner_id",
		"allow_out_payment", "bank_id", "sequence", "currency_id", "company_id"},
	"res.country": {"name", "code", "currency_id", "phone_code", "address_format", "vat_label"},
	"account.partial.reconcile": {"debit_move_id", "credit_move_id", "full_reconcile_id", "exchange_move_id",
		"debit_currency_id", "credit_currency_id", "amount", "debit_amount_currency", "credit_amount_currency",
		"company_id", "max_date"},
	"account.full.reconcile": {"exchange_move_id"},
	"product.supplierinfo": {"partner_id", "product_name", "product_code", "sequence", "min_qty", "price",
		"company_id", "currency_id", "date_start", "date_end", "product_id", "product_tmpl_id", "delay", "discount"},
}

// storedFields reads the fields_get capture of model for version, or nil when absent.
func storedFields(t *testing.T, version int, model string) map[string]bool {
	path := filepath.Join("/work/shared/odoo-reference", map[int]string{18: "18.0", 19: "19.0"}[version], "fields_get", model+".json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var resp struct {
		Result map[string]struct {
			Store bool `json:"store"`
		} `json:"result"`
	}
	if err := json.Unmarshal(b, &resp); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	out := map[string]bool{}
	for name, f := range resp.Result {
		if f.Store {
			out[name] = true
		}
	}
	return out
}

// TestWrittenFieldsAreStoredOdooFields: every field the generator writes is a stored field
// of the target version (from the real fields_get captures), or of the Odoo 18 source for
// the models that were not captured. The simulator's Insert rejects anything else.
func TestWrittenFieldsAreStoredOdooFields(t *testing.T) {
	if _, err := os.Stat("/work/shared/odoo-reference"); err != nil {
		t.Skip("odoo-reference captures not available")
	}
	for _, version := range []int{18, 19} {
		s, _ := generateSmall(t, 2, version)
		models := make([]string, 0, len(s.models))
		for m := range s.models {
			models = append(models, m)
		}
		sort.Strings(models)
		for _, model := range models {
			stored := storedFields(t, version, model)
			if stored == nil {
				stored = map[string]bool{}
				fields, ok := sourceFields[model]
				if !ok {
					t.Errorf("v%d: model %s is neither captured nor listed from source", version, model)
					continue
				}
				for _, f := range fields {
					stored[f] = true
				}
			}
			bad := map[string]bool{}
			for _, rec := range s.models[model] {
				for f := range rec {
					if !stored[f] {
						bad[f] = true
					}
				}
			}
			for f := range bad {
				t.Errorf("v%d: %s.%s is not a stored field", version, model, f)
			}
		}
	}
}
