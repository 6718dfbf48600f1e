package business

import (
	"fmt"
	"html"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// commercialPartner is res.partner._compute_commercial_partner_id: a company, or a contact
// without parent, is its own commercial entity; other contacts take their parent's.
func commercialPartner(env *odoosim.Env, partner int64) int64 {
	seen := map[int64]bool{}
	for partner != 0 && !seen[partner] {
		seen[partner] = true
		p := at(env, "res.partner", partner)
		parent := p.m2o("parent_id")
		if p.boolean("is_company") || parent == 0 {
			return partner
		}
		partner = parent
	}
	return partner
}

// onPartnerChange keeps commercial_partner_id (and the company name contacts show) right
// for the partner and every contact below it when is_company or parent_id changes.
func onPartnerChange(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) {
		return nil
	}
	if vals != nil {
		_, a := vals["parent_id"]
		_, b := vals["is_company"]
		if !a && !b {
			return nil
		}
	}
	for _, id := range ids {
		if err := refreshCommercial(env, id, 0); err != nil {
			return err
		}
	}
	return nil
}

// onPartnerCreate sets the commercial entity of a new contact.
func onPartnerCreate(env *odoosim.Env, id int64) error {
	return onPartnerChange(env, []int64{id}, nil)
}

// refreshCommercial recomputes one partner and descends to its children (depth-limited:
// Odoo refuses recursive hierarchies, a cycle here would be corrupt data).
func refreshCommercial(env *odoosim.Env, id int64, depth int) error {
	if depth > 64 {
		return odoosim.ValidationError("You cannot create recursive Partner hierarchies.")
	}
	cp := commercialPartner(env, id)
	vals := map[string]any{"commercial_partner_id": cp}
	if cp != id {
		vals["commercial_company_name"] = at(env, "res.partner", cp).raw("name")
	}
	if err := quiet(env).Write("res.partner", []int64{id}, vals); err != nil {
		return fmt.Errorf("store commercial partner of %d: %w", id, err)
	}
	children, err := env.Search("res.partner", []any{leaf("parent_id", "=", id), leaf("active", "in", []any{true, false})}, "id", 0)
	if err != nil {
		return err
	}
	for _, c := range children {
		if err := refreshCommercial(env, c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// messagePost is mail.thread.message_post on any model: it stores a mail.message on the
// record and returns its id ([id] from 19).
func messagePost(model string) odoosim.MethodFunc {
	return func(env *odoosim.Env, ids []int64, args []any, kwargs map[string]any) (any, error) {
		if len(ids) != 1 {
			return nil, odoosim.ValidationError("Expected singleton: %s%s", model, pyTuple(ids))
		}
		if err := requireExisting(env, model, ids); err != nil {
			return nil, err
		}
		body := kwargs["body"]
		if body == nil && len(args) > 0 {
			body = args[0]
		}
		id, err := postMessage(env, model, ids[0], body, kwargs)
		if err != nil {
			return nil, err
		}
		if env.Version() >= 19 {
			// 19 dropped @api.returns: the new mail.message comes back as its id list on
			// every transport (real 19: "result": [732]); 18 returns the bare id.
			return []int64{id}, nil
		}
		return id, nil
	}
}

// postMessage creates the mail.message as Odoo 18/19's message_post does (checked against
// real servers, docs/real-odoo.md): a text body is HTML-escaped and wrapped in <p> (body_is_html
// keeps it as sent); without message_type it is a "notification"; without subtype_xmlid the
// subtype is Note; is_internal stays false unless the caller sets it.
func postMessage(env *odoosim.Env, model string, id int64, body any, kwargs map[string]any) (int64, error) {
	mtype := "notification"
	if t, ok := kwargs["message_type"].(string); ok && t != "" {
		mtype = t
	}
	vals := map[string]any{"model": model, "res_id": id, "body": messageBody(body, kwargs["body_is_html"] == true), "message_type": mtype,
		"author_id":   at(env, "res.users", env.UID()).m2o("partner_id"),
		"record_name": env.Get(model, id, "display_name")}
	if s, ok := kwargs["subject"].(string); ok {
		vals["subject"] = s
	}
	vals["is_internal"] = kwargs["is_internal"] == true
	sub := "Note"
	if x, _ := kwargs["subtype_xmlid"].(string); x == "mail.mt_comment" {
		sub = "Discussions"
	}
	if ids, err := env.Search("mail.message.subtype", []any{leaf("name", "=", sub)}, "id", 1); err == nil && len(ids) > 0 {
		vals["subtype_id"] = ids[0]
	}
	msg, err := quiet(env).Create("mail.message", vals)
	if err != nil {
		return 0, fmt.Errorf("post message on %s %d: %w", model, id, err)
	}
	return msg, nil
}

// messageBody is what mail.message.body holds after message_post: escape(body) for text,
// then the Html field's sanitizer wraps bare text in a paragraph.
func messageBody(body any, isHTML bool) any {
	text, ok := body.(string)
	if !ok || isHTML || text == "" {
		return body
	}
	return "<p>" + html.EscapeString(text) + "</p>"
}

// messageIDs computes message_ids (newest first, like mail.message's order).
func messageIDs(model string) func(*odoosim.Env, int64) any {
	return func(env *odoosim.Env, id int64) any {
		ids, err := env.Search("mail.message", []any{leaf("model", "=", model), leaf("res_id", "=", id)}, "id desc", 0)
		if err != nil || ids == nil {
			return []int64{}
		}
		return ids
	}
}

// partnerBalance computes res.partner.credit (receivable, sign as is) or debit (payable,
// negated) like _credit_debit_get: open posted journal items of the partner on
// receivable/payable accounts.
func partnerBalance(accountType string, sign float64) func(*odoosim.Env, int64) any {
	return func(env *odoosim.Env, partner int64) any {
		accounts, err := env.Search("account.account", []any{leaf("account_type", "=", accountType)}, "id", 0)
		if err != nil || len(accounts) == 0 {
			return 0.0
		}
		lines, err := env.Search("account.move.line", []any{leaf("partner_id", "=", partner), leaf("parent_state", "=", "posted"),
			leaf("reconciled", "=", false), leaf("account_id", "in", anyIDs(accounts))}, "id", 0)
		if err != nil {
			return 0.0
		}
		dec := companyDecimals(env, currentCompany(env))
		var sum int64
		for _, l := range lines {
			sum += minor(at(env, "account.move.line", l).f64("amount_residual"), dec)
		}
		return sign * major(sum, dec)
	}
}
