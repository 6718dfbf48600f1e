package business

import (
	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// buttonDraft is account.move.button_draft: only posted/cancelled moves, their
// reconciliations undone; returns None.
func buttonDraft(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	return nil, resetToDraft(env, ids)
}

func resetToDraft(env *odoosim.Env, ids []int64) error {
	if err := requireExisting(env, "account.move", ids); err != nil {
		return err
	}
	for _, id := range ids {
		if s := at(env, "account.move", id).str("state"); s != "posted" && s != "cancel" {
			return odoosim.UserError("Only posted/cancelled journal entries can be reset to draft.")
		}
		if at(env, "account.move", id).str("state") == "posted" {
			if err := checkMoveLock(env, id); err != nil {
				return err // taking an entry out of a locked period is changing it
			}
		}
	}
	for _, id := range ids {
		lines, err := moveLines(env, id)
		if err != nil {
			return err
		}
		if err := removeReconcile(env, lines); err != nil {
			return err
		}
		if err := env.WithContext(map[string]any{"skip_readonly_check": true}).Write("account.move", []int64{id}, map[string]any{"state": "draft"}); err != nil {
			return err
		}
		if err := finishInternal(env, id); err != nil {
			return err
		}
	}
	return nil
}

// buttonCancel is account.move.button_cancel: posted moves go through draft first.
func buttonCancel(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.move", ids); err != nil {
		return nil, err
	}
	var posted []int64
	for _, id := range ids {
		if at(env, "account.move", id).str("state") == "posted" {
			posted = append(posted, id)
		}
	}
	if len(posted) > 0 {
		if err := resetToDraft(env, posted); err != nil {
			return nil, err
		}
	}
	for _, id := range ids {
		if at(env, "account.move", id).str("state") != "draft" {
			return nil, odoosim.UserError("Only draft journal entries can be cancelled.")
		}
	}
	for _, id := range ids {
		if err := env.Write("account.move", []int64{id}, map[string]any{"auto_post": "no", "state": "cancel"}); err != nil {
			return nil, err
		}
		if err := finishInternal(env, id); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// requireExisting raises Odoo's MissingError when a record of ids is gone.
func requireExisting(env *odoosim.Env, model string, ids []int64) error {
	var missing []int64
	for _, id := range ids {
		if !env.Exists(model, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return odoosim.MissingError(model, missing)
	}
	return nil
}

// finishInternal finishes a move after a state write: the move's write hook already did it
// unless env is one of this package's quiet envs, whose writes skip the hooks.
func finishInternal(env *odoosim.Env, move int64) error {
	if !internal(env) {
		return nil
	}
	return finishMove(env, move)
}
