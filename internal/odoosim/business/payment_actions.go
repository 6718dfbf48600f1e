package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// paymentActionPost is account.payment.action_post: draft/in_process payments go to
// in_process, generating and posting their entry. Returns None.
func paymentActionPost(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.payment", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if s := at(env, "account.payment", id).str("state"); s != "draft" && s != pstate(env, "in_process") && s != "" {
			continue
		}
		if m := at(env, "account.payment", id).m2o("move_id"); m != 0 && at(env, "account.move", m).str("state") == "draft" {
			if err := repostPayments(env, []int64{id}); err != nil {
				return nil, err
			}
			continue
		}
		if err := env.Write("account.payment", []int64{id}, map[string]any{"state": pstate(env, "in_process")}); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// onPaymentWrite: writing state "in_process" on a payment without entry generates it, as
// account.payment.write does in Odoo 18.
func onPaymentWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) || vals["state"] != pstate(env, "in_process") {
		return nil
	}
	for _, id := range ids {
		if at(env, "account.payment", id).m2o("move_id") != 0 {
			continue
		}
		if _, err := generatePaymentEntry(env, id, nil); err != nil {
			return fmt.Errorf("generate the entry of payment %d: %w", id, err)
		}
	}
	return nil
}

// paymentActionDraft is action_draft: state draft, entry back to draft. Returns None.
func paymentActionDraft(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.payment", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := env.Write("account.payment", []int64{id}, map[string]any{"state": "draft"}); err != nil {
			return nil, err
		}
		if m := at(env, "account.payment", id).m2o("move_id"); m != 0 && at(env, "account.move", m).str("state") != "draft" {
			if err := resetToDraft(env, []int64{m}); err != nil {
				return nil, err
			}
		}
	}
	return nil, nil
}

// paymentActionCancel is action_cancel: state canceled, draft entries deleted, posted
// ones cancelled. Returns None.
func paymentActionCancel(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.payment", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := env.Write("account.payment", []int64{id}, map[string]any{"state": pstate(env, "canceled")}); err != nil {
			return nil, err
		}
		m := at(env, "account.payment", id).m2o("move_id")
		if m == 0 {
			continue
		}
		if at(env, "account.move", m).str("state") == "draft" {
			if err := quiet(env).Write("account.payment", []int64{id}, map[string]any{"move_id": false}); err != nil {
				return nil, err
			}
			if err := env.Unlink("account.move", []int64{m}); err != nil {
				return nil, err
			}
			continue
		}
		if _, err := buttonCancel(env, []int64{m}, nil, nil); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// onPaymentUnlink is account.payment.unlink: its entry goes back to draft (undoing the
// matching) and is deleted with it.
func onPaymentUnlink(env *odoosim.Env, ids []int64) error {
	for _, id := range ids {
		m := at(env, "account.payment", id).m2o("move_id")
		if m == 0 || !env.Exists("account.move", m) {
			continue
		}
		if at(env, "account.move", m).str("state") != "draft" {
			if err := resetToDraft(env, []int64{m}); err != nil {
				return err
			}
		}
		if err := quiet(env).Unlink("account.move", []int64{m}); err != nil {
			return fmt.Errorf("delete the entry of payment %d: %w", id, err)
		}
	}
	return nil
}
