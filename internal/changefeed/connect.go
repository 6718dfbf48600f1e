// Package changefeed keeps Smart Odoo informed of changes in Odoo. It installs Odoo's own
// "Send Webhook Notification" automation rules (Odoo 17+) pointing at the connection's secret
// webhook URL, removes exactly what it installed, and polls each watched model by write_date
// to catch what webhooks missed (Odoo's webhook has a 1 s timeout and no retry). Both paths
// produce events with the same coalescing key, so one change is one event.
package changefeed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Installed records what Connect created in Odoo, so Disconnect removes exactly that.
type Installed struct {
	Rules   map[string]int64 `json:"rules"`   // model → base.automation id
	Actions map[string]int64 `json:"actions"` // model → ir.actions.server id
}

// NewToken returns a fresh secret for a connection's webhook URL.
func NewToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// WebhookURL is where Odoo posts a connection's native webhooks.
func WebhookURL(baseURL, token string) string { return baseURL + "/api/webhooks/odoo/" + token }

// Connect installs, for each model not yet connected, a server action of type webhook sending
// id and write_date, and an automation rule running it on create and on write. Rules are named
// "smartodoo:<model>:write", which the ingest side reads back from the payload's _action.
func Connect(ctx context.Context, c *odoo.Client, st *store.Store, conn *store.Connection, baseURL string, models []string) (Installed, error) {
	inst := installedOf(*conn)
	for _, m := range models {
		if _, done := inst.Rules[m]; done {
			continue
		}
		modelID, fieldIDs, err := lookup(ctx, c, m)
		if err != nil {
			return inst, err
		}
		name := "smartodoo:" + m + ":write"
		action, err := c.CreateOne(ctx, "ir.actions.server", map[string]any{
			"name": name, "model_id": modelID, "state": "webhook",
			"webhook_url": WebhookURL(baseURL, conn.WebhookToken), "webhook_field_ids": []any{[]any{6, 0, fieldIDs}},
		})
		if err != nil {
			return inst, fmt.Errorf("create the webhook action for %s (needs Odoo 17+ and the base_automation module): %w", m, err)
		}
		rule, err := c.CreateOne(ctx, "base.automation", map[string]any{
			"name": name, "model_id": modelID, "trigger": "on_create_or_write", "action_server_ids": []any{[]any{6, 0, []int64{action}}},
		})
		if err != nil {
			_ = c.Unlink(ctx, "ir.actions.server", []int64{action})
			return inst, fmt.Errorf("create the automation rule for %s: %w", m, err)
		}
		inst.Rules[m], inst.Actions[m] = rule, action
		if err := save(ctx, st, conn, inst); err != nil { // after each model: a failure later loses nothing
			return inst, err
		}
	}
	return inst, nil
}

// Disconnect removes the rules and actions Connect created, and nothing else.
func Disconnect(ctx context.Context, c *odoo.Client, st *store.Store, conn *store.Connection) (Installed, error) {
	inst := installedOf(*conn)
	removed := Installed{Rules: map[string]int64{}, Actions: map[string]int64{}}
	for m, rule := range inst.Rules {
		if err := unlinkExisting(ctx, c, "base.automation", rule); err != nil {
			return removed, fmt.Errorf("remove the automation rule for %s: %w", m, err)
		}
		// Odoo deletes the action with the rule (ondelete cascade); remove it if it survived.
		if err := unlinkExisting(ctx, c, "ir.actions.server", inst.Actions[m]); err != nil {
			return removed, fmt.Errorf("remove the webhook action for %s: %w", m, err)
		}
		removed.Rules[m], removed.Actions[m] = rule, inst.Actions[m]
		delete(inst.Rules, m)
		delete(inst.Actions, m)
		if err := save(ctx, st, conn, inst); err != nil {
			return removed, err
		}
	}
	return removed, nil
}

func lookup(ctx context.Context, c *odoo.Client, model string) (int64, []int64, error) {
	var models []struct {
		ID int64 `json:"id"`
	}
	if err := c.SearchRead(ctx, "ir.model", odoo.Cond("model", "=", model), []string{"id"}, &models); err != nil {
		return 0, nil, fmt.Errorf("look up model %s: %w", model, err)
	}
	if len(models) == 0 {
		return 0, nil, fmt.Errorf("model %s does not exist in this Odoo: install its module or stop watching it", model)
	}
	var fields []struct {
		ID int64 `json:"id"`
	}
	dom := odoo.And(odoo.Cond("model", "=", model), odoo.Cond("name", "in", []string{"id", "write_date"}))
	if err := c.SearchRead(ctx, "ir.model.fields", dom, []string{"id"}, &fields); err != nil {
		return 0, nil, fmt.Errorf("look up fields of %s: %w", model, err)
	}
	ids := make([]int64, len(fields))
	for i, f := range fields {
		ids[i] = f.ID
	}
	return models[0].ID, ids, nil
}

func unlinkExisting(ctx context.Context, c *odoo.Client, model string, id int64) error {
	if id == 0 {
		return nil
	}
	ids, err := c.Search(ctx, model, odoo.Cond("id", "=", id), odoo.CallContext(map[string]any{"active_test": false}))
	if err != nil || len(ids) == 0 {
		return err
	}
	return c.Unlink(ctx, model, ids)
}

func installedOf(conn store.Connection) Installed {
	inst := Installed{Rules: map[string]int64{}, Actions: map[string]int64{}}
	if len(conn.CreatedRecords) > 0 {
		_ = json.Unmarshal(conn.CreatedRecords, &inst)
		if inst.Rules == nil {
			inst.Rules = map[string]int64{}
		}
		if inst.Actions == nil {
			inst.Actions = map[string]int64{}
		}
	}
	return inst
}

func save(ctx context.Context, st *store.Store, conn *store.Connection, inst Installed) error {
	raw, err := json.Marshal(inst)
	if err != nil {
		return err
	}
	conn.CreatedRecords = raw
	if err := st.UpsertConnection(ctx, conn); err != nil {
		return fmt.Errorf("remember what was installed in Odoo: %w", err)
	}
	return nil
}
