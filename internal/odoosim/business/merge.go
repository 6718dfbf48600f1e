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
