package business

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// The partner merge wizard follows Odoo 18's base.partner.merge.automatic.wizard: at most
// 3 contacts, none a parent of another, at most one user among them, same email unless the
// caller is an administrator; every many2one/many2many pointing to a source is moved to the
// destination (Odoo does it with SQL on the foreign keys, so no business rule runs),
// model/res_id references too, empty fields of the destination are filled from the
// sources, ranks are summed, a note is posted, and the sources are deleted.

const mergeModel = "base.partner.merge.automatic.wizard"

// onMergeWizardCreate is default_get with context active_model=res.partner/active_ids.
func onMergeWizardCreate(env *odoosim.Env, id int64) error {
	ctx := env.Context()
	w := at(env, mergeModel, id)
	if ctx["active_model"] != "res.partner" || len(w.ids("partner_ids")) > 0 {
		return nil
	}
	active := contextIDs(ctx["active_ids"])
	if len(active) == 0 {
		return nil
	}
	vals := map[string]any{"state": "selection", "partner_ids": active}
	if w.m2o("dst_partner_id") == 0 {
		ordered := orderedPartners(env, active)
		vals["dst_partner_id"] = ordered[len(ordered)-1]
	}
	return quiet(env).Write(mergeModel, []int64{id}, vals)
}

// orderedPartners is _get_ordered_partner: archived first, then newest first; the last one
// is the default destination (the oldest active contact).
func orderedPartners(env *odoosim.Env, ids []int64) []int64 {
	out := slices.Clone(ids)
	key := func(id int64) (bool, string) {
		p := at(env, "res.partner", id)
		return !p.boolean("active"), p.str("create_date")
	}
	slices.SortStableFunc(out, func(a, b int64) int {
		ia, da := key(a)
		ib, db := key(b)
		if ia != ib {
			if ia {
				return -1
			}
			return 1
		}
		return -strings.Compare(da, db)
	})
	return out
}

// actionMerge is the wizard's action_merge; it returns the wizard's next-screen action.
func actionMerge(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if len(ids) != 1 {
		return nil, odoosim.ValidationError("Expected singleton: %s%s", mergeModel, pyTuple(ids))
	}
	if err := requireExisting(env, mergeModel, ids); err != nil {
		return nil, err
	}
	w := at(env, mergeModel, ids[0])
	if partners := w.ids("partner_ids"); len(partners) > 0 {
		if err := mergePartners(env, partners, w.m2o("dst_partner_id")); err != nil {
			return nil, err
		}
	}
	if err := quiet(env).Write(mergeModel, ids, map[string]any{"current_line_id": false, "partner_ids": []int64{}, "state": "finished"}); err != nil {
		return nil, err
	}
	return map[string]any{"type": "ir.actions.act_window", "res_model": mergeModel, "res_id": ids[0], "view_mode": "form", "target": "new"}, nil
}

// mergePartners is _merge.
func mergePartners(env *odoosim.Env, ids []int64, dst int64) error {
	var partners []int64
	for _, id := range ids {
		if env.Exists("res.partner", id) && !slices.Contains(partners, id) {
			partners = append(partners, id)
		}
	}
	if len(partners) < 2 {
		return nil
	}
	if len(partners) > 3 {
		return odoosim.UserError("For safety reasons, you cannot merge more than 3 contacts together. You can re-open the wizard several times if needed.")
	}
	if err := checkMergeable(env, partners); err != nil {
		return err
	}
	if dst == 0 || !slices.Contains(partners, dst) {
		ordered := orderedPartners(env, partners)
		dst = ordered[len(ordered)-1]
	}
	src := slices.DeleteFunc(slices.Clone(partners), func(id int64) bool { return id == dst })
	if err := moveReferences(env, src, dst); err != nil {
		return err
	}
	if err := mergeValues(env, src, dst); err != nil {
		return err
	}
	if _, err := postMessage(env, "res.partner", dst, "Merged with the following partners: "+mergedList(env, src), nil); err != nil {
		return err
	}
	if err := env.WithContext(map[string]any{"active_test": false}).Unlink("res.partner", src); err != nil {
		return fmt.Errorf("delete merged partners %v: %w", src, err)
	}
	return nil
}

func checkMergeable(env *odoosim.Env, partners []int64) error {
	for _, p := range partners {
		below, err := env.WithContext(map[string]any{"active_test": false}).Search("res.partner", []any{leaf("id", "child_of", []any{p})}, "id", 0)
		if err != nil {
			return fmt.Errorf("read contacts below %d: %w", p, err)
		}
		for _, c := range below {
			if c != p && slices.Contains(partners, c) {
				return odoosim.UserError("You cannot merge a contact with one of his parent.")
			}
		}
	}
	users, err := env.WithContext(map[string]any{"active_test": false}).Search("res.users", []any{leaf("partner_id", "in", anyIDs(partners))}, "id", 0)
	if err != nil {
		return err
	}
	if len(users) > 1 {
		return odoosim.UserError("You cannot merge contacts linked to more than one user even if only one is active.")
	}
	if !isAdmin(env) {
		email := at(env, "res.partner", partners[0]).raw("email")
		for _, p := range partners[1:] {
			if at(env, "res.partner", p).raw("email") != email {
				return odoosim.UserError("All contacts must have the same email. Only the Administrator can merge contacts with different emails.")
			}
		}
	}
	return nil
}

// isAdmin is env.is_admin(): the superuser or the admin user (Settings group holders in
// Odoo; the simulator's administrators are uid 1 and 2).
func isAdmin(env *odoosim.Env) bool { return env.UID() == 1 || env.UID() == 2 }

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

// mergedList renders the sources like mail's note ("A <a@x.com> (ID 7) and B <n/a> (ID 9)").
func mergedList(env *odoosim.Env, src []int64) string {
	parts := make([]string, 0, len(src))
	for _, p := range src {
		r := at(env, "res.partner", p)
		email := r.str("email")
		if email == "" {
			email = "n/a"
		}
		parts = append(parts, fmt.Sprintf("%s <%s> (ID %d)", r.str("name"), email, p))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
}
