package business

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// refField is one relational field pointing to res.partner.
type refField struct {
	model, name, ttype string
}

// partnerReferences lists the stored many2one/many2many fields to res.partner and the
// model/res_id reference fields, from ir.model.fields (what Odoo reads from the database's
// foreign keys).
func partnerReferences(env *odoosim.Env) ([]refField, error) {
	ids, err := env.Search("ir.model.fields", []any{leaf("relation", "=", "res.partner"), leaf("ttype", "in", []any{"many2one", "many2many"}), leaf("store", "=", true)}, "id", 0)
	if err != nil {
		return nil, fmt.Errorf("list fields pointing to res.partner: %w", err)
	}
	refs, err := env.Search("ir.model.fields", []any{leaf("ttype", "=", "many2one_reference"), leaf("store", "=", true)}, "id", 0)
	if err != nil {
		return nil, err
	}
	var out []refField
	for _, id := range append(ids, refs...) {
		f := at(env, "ir.model.fields", id)
		model := f.str("model")
		if strings.HasPrefix(model, "base.partner.merge") {
			continue
		}
		out = append(out, refField{model: model, name: f.str("name"), ttype: f.str("ttype")})
	}
	return out, nil
}

// moveReferences points every reference to a source partner at the destination.
func moveReferences(env *odoosim.Env, src []int64, dst int64) error {
	fields, err := partnerReferences(env)
	if err != nil {
		return err
	}
	q := quiet(env).WithContext(map[string]any{"active_test": false})
	for _, f := range fields {
		if err := moveReference(env, q, f, src, dst); err != nil {
			return fmt.Errorf("move %s.%s to partner %d: %w", f.model, f.name, dst, err)
		}
	}
	return nil
}

func moveReference(env, q *odoosim.Env, f refField, src []int64, dst int64) error {
	switch f.ttype {
	case "many2one":
		recs, err := q.Search(f.model, []any{leaf(f.name, "in", anyIDs(src))}, "id", 0)
		if err != nil || len(recs) == 0 {
			return err
		}
		return q.Write(f.model, recs, map[string]any{f.name: dst})
	case "many2many":
		recs, err := q.Search(f.model, []any{leaf(f.name, "in", anyIDs(src))}, "id", 0)
		if err != nil {
			return err
		}
		for _, r := range recs {
			cur := at(env, f.model, r).ids(f.name)
			next := []int64{}
			for _, id := range cur {
				if slices.Contains(src, id) {
					id = dst
				}
				if !slices.Contains(next, id) {
					next = append(next, id)
				}
			}
			if err := q.Write(f.model, []int64{r}, map[string]any{f.name: next}); err != nil {
				return err
			}
		}
		return nil
	default: // many2one_reference: the companion field names the model
		modelField := "res_model"
		if f.model == "mail.message" || f.model == "ir.model.data" {
			modelField = "model"
		}
		recs, err := q.Search(f.model, []any{leaf(modelField, "=", "res.partner"), leaf(f.name, "in", anyIDs(src))}, "id", 0)
		if err != nil || len(recs) == 0 {
			return nil // models without the companion field carry no partner references
		}
		return q.Write(f.model, recs, map[string]any{f.name: dst})
	}
}

// mergeSummable are the fields summed instead of filled (account's _get_summable_fields).
var mergeSummable = []string{"customer_rank", "supplier_rank"}

// mergeSkip are fields _update_values leaves alone (computed ones included).
var mergeSkip = map[string]bool{"id": true, "parent_id": true, "commercial_partner_id": true, "display_name": true,
	"create_date": true, "create_uid": true, "write_date": true, "write_uid": true, "commercial_company_name": true}

// mergeValues is _update_values: the destination keeps its own non-empty values; empty
// ones take the last non-empty value among the sources; summable fields are summed.
func mergeValues(env *odoosim.Env, src []int64, dst int64) error {
	ids, err := env.Search("ir.model.fields", []any{leaf("model", "=", "res.partner"), leaf("store", "=", true), leaf("readonly", "=", false)}, "id", 0)
	if err != nil {
		return fmt.Errorf("list partner fields: %w", err)
	}
	vals := map[string]any{}
	order := append(slices.Clone(src), dst)
	for _, fid := range ids {
		f := at(env, "ir.model.fields", fid)
		name, ttype := f.str("name"), f.str("ttype")
		if mergeSkip[name] || ttype == "one2many" || ttype == "many2many" || ttype == "binary" {
			continue
		}
		if slices.Contains(mergeSummable, name) {
			var sum int64
			for _, p := range order {
				sum += at(env, "res.partner", p).int(name)
			}
			vals[name] = sum
			continue
		}
		for _, p := range order {
			if v := env.Get("res.partner", p, name); truthy(v) {
				vals[name] = v
			}
		}
	}
	if err := env.Write("res.partner", []int64{dst}, vals); err != nil {
		return fmt.Errorf("fill merged values into partner %d: %w", dst, err)
	}
	// A source's parent is taken when the destination has none, unless it makes a cycle.
	if at(env, "res.partner", dst).m2o("parent_id") != 0 {
		return nil
	}
	for _, p := range src {
		if parent := at(env, "res.partner", p).m2o("parent_id"); parent != 0 && parent != dst && !slices.Contains(src, parent) {
			_ = env.Write("res.partner", []int64{dst}, map[string]any{"parent_id": parent})
		}
	}
	return nil
}

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int64:
		return x != 0
	case float64:
		return x != 0
	case []int64:
		return len(x) > 0
	}
	return true
}
