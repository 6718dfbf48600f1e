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

// Reference is one field of one model whose records point to a partner being merged away:
// the records the merge will repoint to the destination.
type Reference struct {
	Model, Field, Type string // Type: many2one, many2many or many2one_reference
	IDs                []int64
}

// MergeReferences lists what merging src into a destination would move: every record of
// every model referring to a source partner, by field. Dedup proposals can show it as
// evidence ("3 invoices, 1 sale order move to the kept contact") before anything changes.
func MergeReferences(env *odoosim.Env, src []int64) ([]Reference, error) {
	fields, err := partnerReferences(env)
	if err != nil {
		return nil, err
	}
	all := env.WithContext(map[string]any{"active_test": false})
	var out []Reference
	for _, f := range fields {
		domain := []any{leaf(f.name, "in", anyIDs(src))}
		if f.ttype == "many2one_reference" {
			// the companion field names the model of res_id
			modelField := "res_model"
			if f.model == "mail.message" || f.model == "ir.model.data" {
				modelField = "model"
			}
			domain = append(domain, leaf(modelField, "=", "res.partner"))
		}
		recs, err := all.Search(f.model, domain, "id", 0)
		if err != nil {
			if f.ttype == "many2one_reference" {
				continue // a model without the companion field holds no partner references
			}
			return nil, fmt.Errorf("find %s.%s pointing to partners %v: %w", f.model, f.name, src, err)
		}
		if len(recs) > 0 {
			out = append(out, Reference{Model: f.model, Field: f.name, Type: f.ttype, IDs: recs})
		}
	}
	return out, nil
}

// moveReferences points every reference to a source partner at the destination.
func moveReferences(env *odoosim.Env, src []int64, dst int64) error {
	refs, err := MergeReferences(env, src)
	if err != nil {
		return err
	}
	q := quiet(env).WithContext(map[string]any{"active_test": false})
	for _, r := range refs {
		if err := moveReference(env, q, r, src, dst); err != nil {
			return fmt.Errorf("move %s.%s to partner %d: %w", r.Model, r.Field, dst, err)
		}
	}
	return nil
}

// moveReference repoints one field's records; many2many lists lose the duplicate the
// destination would otherwise appear as (Odoo's unique-pair handling).
func moveReference(env, q *odoosim.Env, r Reference, src []int64, dst int64) error {
	if r.Type != "many2many" {
		return q.Write(r.Model, r.IDs, map[string]any{r.Field: dst})
	}
	for _, id := range r.IDs {
		next := []int64{}
		for _, p := range at(env, r.Model, id).ids(r.Field) {
			if slices.Contains(src, p) {
				p = dst
			}
			if !slices.Contains(next, p) {
				next = append(next, p)
			}
		}
		if err := q.Write(r.Model, []int64{id}, map[string]any{r.Field: next}); err != nil {
			return err
		}
	}
	return nil
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
