package automation

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Ping is a tiny built-in automation that exercises the whole path (event → run → finding →
// proposal → approval → audited write) without any business logic. On a res.partner event it
// proposes to post a note on the partner's chatter (message_post, a harmless write), so the
// foundation can be tested end to end against the simulator.
type Ping struct{}

var _ core.Automation = Ping{}

func (Ping) Info() core.AutomationInfo {
	return core.AutomationInfo{
		Name:        "ping",
		Title:       "Ping",
		Description: "Self-test: for each partner event, proposes a chatter note on the partner.",
		Models:      []string{"res.partner"},
		PerEvent:    true,
		DefaultRule: core.Rule{Automation: "ping", Enabled: false},
	}
}

func (Ping) Run(_ context.Context, in core.RunInput) (core.RunOutput, error) {
	if in.Event == nil {
		return core.RunOutput{Summary: "nothing to do without an event"}, nil
	}
	ref := core.RecordRef{Model: in.Event.Model, ID: in.Event.RecordID}
	evidence, _ := json.Marshal(map[string]any{"event_id": in.Event.ID})
	return core.RunOutput{
		Findings: []core.Finding{{
			Kind: "ping", Severity: core.SeverityInfo, Records: []core.RecordRef{ref},
			Title: fmt.Sprintf("%s %d changed", in.Event.Model, in.Event.RecordID),
		}},
		Proposals: []core.Proposal{{
			Kind:       "ping_note",
			Title:      fmt.Sprintf("Post a note on %s %d", ref.Model, ref.ID),
			Rationale:  "self-test of the proposal path",
			Confidence: 1,
			Calls: []core.Call{{
				Model: ref.Model, Method: "message_post", Args: []any{[]int64{ref.ID}},
				Kwargs: map[string]any{"body": "Smart Odoo self-test", "message_type": "comment"},
			}},
			Records:  []core.RecordRef{ref},
			Evidence: evidence,
			DedupKey: fmt.Sprintf("ping:%s:%d:%s", ref.Model, ref.ID, in.Event.CoalesceKey),
		}},
		Metrics: map[string]float64{"events": 1},
		Summary: "1 note proposed",
	}, nil
}
