package odoosim

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Automation rules (base.automation) and their server actions (ir.actions.server) are
// ordinary records; this file runs them from create/write/unlink, inside the transaction,
// so an action that raises aborts the triggering call as in Odoo.
//
// Supported: triggers on_create, on_write, on_create_or_write, on_unlink, on_archive,
// on_unarchive, and on_state_set/on_stage_set/on_user_set/on_tag_set/on_priority_set
// (a write of their field to the value in trg_selection_field_id / trg_field_ref); actions of state "webhook" (queued, posted
// after commit) and "code" limited to `raise UserError("...")`.

var writeLikeTriggers = map[string]string{"on_state_set": "state", "on_stage_set": "stage_id",
	"on_user_set": "user_id", "on_tag_set": "tag_ids", "on_priority_set": "priority"}

type rule struct {
	id            int64
	trigger       string
	preDomain     []any
	domain        []any
	triggerFields []string
	actions       []int64
}

// rulesFor returns the active automation rules of a model.
func (e *Env) rulesFor(m *model) ([]rule, error) {
	auto := e.s.models["base.automation"]
	irModel := e.s.models["ir.model"]
	if auto == nil || irModel == nil || auto.table.live == 0 {
		return nil, nil
	}
	var rules []rule
	var err error
	auto.table.livePositions(func(pos int) bool {
		active, _ := e.rawValue(auto, pos, auto.field("active")).(bool)
		modelID, _ := e.rawValue(auto, pos, auto.field("model_id")).(int64)
		if !active || e.modelNameOf(modelID) != m.name {
			return true
		}
		r := rule{id: auto.table.ids[pos]}
		r.trigger, _ = e.rawValue(auto, pos, auto.field("trigger")).(string)
		if r.preDomain, err = parseDomainText(e.rawValue(auto, pos, auto.field("filter_pre_domain"))); err != nil {
			err = ValidationError("Automation rule %d has an invalid filter_pre_domain: %v", r.id, err)
			return false
		}
		if r.domain, err = parseDomainText(e.rawValue(auto, pos, auto.field("filter_domain"))); err != nil {
			err = ValidationError("Automation rule %d has an invalid filter_domain: %v", r.id, err)
			return false
		}
		for _, fid := range e.rawValue(auto, pos, auto.field("trigger_field_ids")).([]int64) {
			r.triggerFields = append(r.triggerFields, e.fieldNameOf(fid))
		}
		if f, ok := writeLikeTriggers[r.trigger]; ok {
			r.triggerFields = append(r.triggerFields, f)
			pre, post := e.triggerValueDomains(auto, pos, r.trigger, f)
			r.preDomain = append(r.preDomain, pre...)
			r.domain = append(r.domain, post...)
		}
		r.actions = e.rawValue(auto, pos, auto.field("action_server_ids")).([]int64)
		rules = append(rules, r)
		return true
	})
	return rules, err
}

// triggerValueDomains are the domains Odoo computes for "X is set to V" triggers: the
// record did not have V before the write and has it after. V comes from
// trg_selection_field_id (state, priority) or trg_field_ref (stage, user, tag).
func (e *Env) triggerValueDomains(auto *model, pos int, trigger, field string) ([]any, []any) {
	var value any
	if sel, _ := e.rawValue(auto, pos, auto.field("trg_selection_field_id")).(int64); sel != 0 {
		value = e.relatedValue("base.automation", auto.table.ids[pos], "trg_selection_field_id", "value")
	} else if ref, _ := e.rawValue(auto, pos, auto.field("trg_field_ref")).(int64); ref != 0 {
		value = ref
	}
	if value == nil {
		return nil, nil // any change of the field triggers
	}
	if trigger == "on_tag_set" {
		return []any{[]any{field, "not in", []any{value}}}, []any{[]any{field, "in", []any{value}}}
	}
	return []any{[]any{field, "!=", value}}, []any{[]any{field, "=", value}}
}

func (e *Env) modelNameOf(irModelID int64) string {
	m := e.s.models["ir.model"]
	if pos := m.table.pos(irModelID); pos >= 0 {
		s, _ := e.rawValue(m, pos, m.field("model")).(string)
		return s
	}
	return ""
}

func (e *Env) fieldNameOf(fieldID int64) string {
	m := e.s.models["ir.model.fields"]
	if pos := m.table.pos(fieldID); pos >= 0 {
		s, _ := e.rawValue(m, pos, m.field("name")).(string)
		return s
	}
	return ""
}

// preMatches records, per on_write rule with a filter_pre_domain, which ids matched it
// before the write (Odoo evaluates the pre-domain on the old values).
func (e *Env) preMatches(m *model, ids []int64) (map[int64]map[int64]bool, error) {
	rules, err := e.rulesFor(m)
	if err != nil || len(rules) == 0 {
		return nil, err
	}
	out := map[int64]map[int64]bool{}
	for _, r := range rules {
		if len(r.preDomain) == 0 {
			continue
		}
		set, err := e.filterIDs(m, ids, r.preDomain)
		if err != nil {
			return nil, err
		}
		out[r.id] = set
	}
	return out, nil
}

func (e *Env) filterIDs(m *model, ids []int64, domain []any) (map[int64]bool, error) {
	d := append([]any{[]any{"id", "in", idsAny(ids)}}, domain...)
	found, err := e.search(m.name, d, "id", 0, 0, withInactive)
	return idSet(found), err
}

// runAutomations runs the rules of m triggered by event ("create", "write", "unlink").
func (e *Env) runAutomations(m *model, event string, ids []int64, vals map[string]any, pre map[int64]map[int64]bool) error {
	if m.name == "base.automation" || m.name == "ir.actions.server" {
		return nil
	}
	rules, err := e.rulesFor(m)
	if err != nil || len(rules) == 0 {
		return err
	}
	for _, r := range rules {
		if !r.fires(event, vals) {
			continue
		}
		targets := ids
		if event == "write" && len(r.preDomain) > 0 {
			targets = slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return !pre[r.id][id] })
		}
		if len(r.domain) > 0 && len(targets) > 0 {
			set, err := e.filterIDs(m, targets, r.domain)
			if err != nil {
				return err
			}
			targets = slices.DeleteFunc(slices.Clone(targets), func(id int64) bool { return !set[id] })
		}
		for _, id := range targets {
			for _, action := range r.actions {
				if err := e.runServerAction(action, m, id); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (r rule) fires(event string, vals map[string]any) bool {
	switch r.trigger {
	case "on_create":
		return event == "create"
	case "on_unlink":
		return event == "unlink"
	case "on_create_or_write":
		return event == "create" || (event == "write" && r.touches(vals))
	case "on_write":
		return event == "write" && r.touches(vals)
	case "on_archive", "on_unarchive":
		v, ok := vals["active"]
		return event == "write" && ok && truthy(v) == (r.trigger == "on_unarchive")
	}
	if _, ok := writeLikeTriggers[r.trigger]; ok {
		return event == "write" && r.touches(vals)
	}
	return false
}

func (r rule) touches(vals map[string]any) bool {
	if len(r.triggerFields) == 0 {
		return true
	}
	for _, f := range r.triggerFields {
		if _, ok := vals[f]; ok {
			return true
		}
	}
	return false
}

// runServerAction executes one ir.actions.server on one record.
func (e *Env) runServerAction(actionID int64, m *model, id int64) error {
	am := e.s.models["ir.actions.server"]
	pos := am.table.pos(actionID)
	if pos < 0 {
		return nil
	}
	state, _ := e.rawValue(am, pos, am.field("state")).(string)
	switch state {
	case "webhook":
		return e.queueWebhook(am, pos, m, id)
	case "code":
		code, _ := e.rawValue(am, pos, am.field("code")).(string)
		return e.runCode(code, m, id)
	}
	return nil
}

var raiseUserError = regexp.MustCompile(`^raise\s+UserError\(\s*(?:_\()?\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)?\s*(%\s*\(?\s*record\.(name|display_name)\s*,?\s*\)?)?\s*\)$`)

// checkCode refuses, at create/write time, server-action code the simulator cannot run.
func checkCode(code string) error {
	for _, line := range codeLines(code) {
		if !raiseUserError.MatchString(line) {
			return ValidationError("The Odoo simulator cannot run Python: server action code must be empty or a single line of the form raise UserError(\"message\") or raise UserError(\"message %%s\" %% record.name); got %q", line)
		}
	}
	if len(codeLines(code)) > 1 {
		return ValidationError("The Odoo simulator runs only one raise UserError(...) line per server action; got %d lines", len(codeLines(code)))
	}
	return nil
}

func codeLines(code string) []string {
	var out []string
	for _, line := range strings.Split(code, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

func (e *Env) runCode(code string, m *model, id int64) error {
	for _, line := range codeLines(code) {
		sm := raiseUserError.FindStringSubmatch(line)
		if sm == nil {
			return UserError("server action code not supported by the simulator: %q", line)
		}
		lit, err := parsePyLiteral(sm[1])
		if err != nil {
			return fmt.Errorf("parse server action message: %w", err)
		}
		msg := lit.(string)
		if sm[2] != "" {
			pos := m.table.pos(id)
			value := e.displayName(m, pos)
			if f := m.field("name"); sm[3] == "name" && f != nil {
				value = fmt.Sprint(e.render(f, e.rawValue(m, pos, f), true))
			}
			msg = strings.Replace(msg, "%s", value, 1)
		}
		return UserError("%s", msg)
	}
	return nil
}
