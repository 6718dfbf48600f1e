package approval

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Apply writes an approved proposal to Odoo. It returns the proposal in its new state; an
// error only for store failures (Odoo's refusals are outcomes, recorded on the proposal).
func (s *Service) Apply(ctx context.Context, p core.Proposal) (core.Proposal, error) {
	if p.Status != core.ProposalApproved {
		return p, nil // already applied, failed or in conflict: applying is idempotent
	}
	if s.Odoo == nil {
		return s.finish(ctx, p, core.ProposalFailed, auditResult{outcome: "error", message: "no Odoo connection is configured: set SMARTODOO_ODOO_URL and friends, then approve again"})
	}
	before, conflict, err := s.check(ctx, p.Expect)
	if err != nil {
		return s.retryOrFail(ctx, p, err, before)
	}
	if conflict != "" {
		return s.finish(ctx, p, core.ProposalConflict, auditResult{outcome: "conflict", message: conflict, before: before})
	}
	if err := s.execute(ctx, p.Calls); err != nil {
		return s.retryOrFail(ctx, p, err, before)
	}
	after, _, err := s.check(ctx, p.Expect)
	if err != nil {
		s.Logger.Warn("read back after apply failed", "proposal", p.ID, "err", err)
	}
	return s.finish(ctx, p, core.ProposalApplied, auditResult{outcome: "ok", message: "applied", before: before, after: after})
}

// retryOrFail leaves a transiently failed proposal approved and schedules a retry; any other
// error is Odoo refusing the operation, which becomes the proposal's outcome.
func (s *Service) retryOrFail(ctx context.Context, p core.Proposal, err error, before []recordValues) (core.Proposal, error) {
	if s.Transient != nil && s.Transient(err) {
		s.Logger.Warn("Odoo unavailable while applying; will retry", "proposal", p.ID, "err", err)
		if qerr := s.Queue.EnqueueApply(ctx, p.ID); qerr != nil {
			return p, fmt.Errorf("schedule retry of proposal %d: %w", p.ID, qerr)
		}
		p.Outcome = "Odoo is unavailable; the write will be retried automatically"
		return p, nil
	}
	return s.finish(ctx, p, core.ProposalFailed, auditResult{outcome: "error", message: odooMessage(err), before: before})
}

// execute runs the proposal's calls in order. The literal "$prev" in a call's arguments
// stands for the id returned by the previous call (e.g. a wizard created, then run).
func (s *Service) execute(ctx context.Context, calls []core.Call) error {
	var prev any
	for i, c := range calls {
		args := substitute(c.Args, prev).([]any)
		kwargs, _ := substitute(mapToAny(c.Kwargs), prev).(map[string]any)
		var result any
		if err := s.Odoo.Call(ctx, c.Model, c.Method, args, kwargs, &result); err != nil {
			return fmt.Errorf("call %d/%d %s.%s: %w", i+1, len(calls), c.Model, c.Method, err)
		}
		prev = firstID(result)
	}
	return nil
}

func mapToAny(m map[string]any) any {
	if m == nil {
		return map[string]any(nil)
	}
	return m
}

func substitute(v any, prev any) any {
	switch x := v.(type) {
	case string:
		if x == "$prev" {
			return prev
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = substitute(x[i], prev)
		}
		return out
	case map[string]any:
		if x == nil {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = substitute(e, prev)
		}
		return out
	default:
		return v
	}
}

// firstID turns a create's answer (an id, or a list of ids over JSON-2) into one id.
func firstID(v any) any {
	if l, ok := v.([]any); ok && len(l) == 1 {
		return l[0]
	}
	return v
}

type recordValues struct {
	Model  string         `json:"model"`
	ID     int64          `json:"id"`
	Values map[string]any `json:"values"`
}

// check re-reads every expected record and returns what it found and, when something no
// longer holds, a sentence saying what changed.
func (s *Service) check(ctx context.Context, expect []core.Expectation) ([]recordValues, string, error) {
	var found []recordValues
	for _, e := range expect {
		fields := slices.Sorted(maps.Keys(e.Values))
		var rows []map[string]any
		err := s.Odoo.Call(ctx, e.Model, "read", []any{[]int64{e.ID}}, map[string]any{"fields": fields}, &rows)
		if err != nil {
			return found, "", fmt.Errorf("re-read %s %d: %w", e.Model, e.ID, err)
		}
		if len(rows) == 0 {
			return found, fmt.Sprintf("%s %d no longer exists", e.Model, e.ID), nil
		}
		got := rows[0]
		delete(got, "id")
		found = append(found, recordValues{Model: e.Model, ID: e.ID, Values: got})
		for _, f := range fields {
			if !sameValue(e.Values[f], got[f]) {
				return found, fmt.Sprintf("%s %d field %s is now %s, expected %s", e.Model, e.ID, f, show(got[f]), show(e.Values[f])), nil
			}
		}
	}
	return found, "", nil
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func odooMessage(err error) string {
	if m := core.MessageOf(err); m != "" {
		return m
	}
	return err.Error()
}
