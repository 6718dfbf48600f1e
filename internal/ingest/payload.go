package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

var modelName = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// signedEvent is one change in a signed webhook. The body is one such object or
// {"events": [ ... ]} with up to MaxBatch of them.
type signedEvent struct {
	Model     string          `json:"model"`
	ID        *int64          `json:"id"`
	Action    string          `json:"action"`
	WriteDate string          `json:"write_date"`
	Values    json.RawMessage `json:"values"`
}

// MaxBatch bounds the events of one signed request.
const MaxBatch = 500

// ParseSigned turns a signed webhook body into events, naming the first problem found.
func ParseSigned(body []byte, connID int64, now time.Time) ([]core.Event, error) {
	var batch struct {
		Events []json.RawMessage `json:"events"`
	}
	if err := strictJSON(body, &batch); err != nil {
		return nil, err
	}
	raws := batch.Events
	if raws == nil {
		raws = []json.RawMessage{body}
	}
	if len(raws) == 0 || len(raws) > MaxBatch {
		return nil, core.Errorf(core.CodeInvalid, "events must hold 1 to %d events, got %d", MaxBatch, len(raws))
	}
	out := make([]core.Event, 0, len(raws))
	for i, raw := range raws {
		var se signedEvent
		if err := json.Unmarshal(raw, &se); err != nil {
			return nil, core.Errorf(core.CodeInvalid, "event %d: %v", i, err)
		}
		if problem := se.validate(); problem != "" {
			return nil, core.Errorf(core.CodeInvalid, "event %d: %s", i, problem)
		}
		e := core.Event{
			ConnectionID: connID, Source: core.SourceSignedWebhook, Model: se.Model, RecordID: *se.ID,
			Action: se.Action, WriteDate: se.WriteDate, Payload: compact(raw), ReceivedAt: now,
		}
		e.CoalesceKey = coalesceKey(e)
		out = append(out, e)
	}
	return out, nil
}

func (se signedEvent) validate() string {
	switch {
	case !modelName.MatchString(se.Model):
		return fmt.Sprintf("model %q is not an Odoo model name like res.partner", se.Model)
	case se.ID == nil || *se.ID <= 0:
		return "id must be a positive record id"
	case se.Action != "create" && se.Action != "write" && se.Action != "unlink":
		return fmt.Sprintf("action %q must be create, write or unlink", se.Action)
	case se.WriteDate != "" && !validOdooDatetime(se.WriteDate):
		return fmt.Sprintf("write_date %q must be Odoo's UTC \"2006-01-02 15:04:05\"", se.WriteDate)
	}
	return ""
}

func validOdooDatetime(s string) bool {
	_, err := time.Parse(time.DateTime, s)
	return err == nil
}

// ParseNative turns Odoo's own "Send Webhook Notification" body ({_action, _id, _model,
// id, <fields>}) into an event. Rules created by `smartodoo odoo connect` are named
// "smartodoo:<model>:<action>", which Odoo sends as _action "smartodoo:<model>:<action>(#<id>)".
func ParseNative(body []byte, connID int64, now time.Time) (core.Event, error) {
	var n struct {
		Action    string `json:"_action"`
		ID        *int64 `json:"_id"`
		Model     string `json:"_model"`
		WriteDate any    `json:"write_date"`
	}
	if err := strictJSON(body, &n); err != nil {
		return core.Event{}, err
	}
	if !modelName.MatchString(n.Model) {
		return core.Event{}, core.Errorf(core.CodeInvalid, "_model %q is not an Odoo model name: is this an Odoo \"Send Webhook Notification\" payload?", n.Model)
	}
	if n.ID == nil || *n.ID <= 0 {
		return core.Event{}, core.Errorf(core.CodeInvalid, "_id must be a positive record id")
	}
	e := core.Event{
		ConnectionID: connID, Source: core.SourceNativeWebhook, Model: n.Model, RecordID: *n.ID,
		Action: nativeAction(n.Action), Payload: compact(body), ReceivedAt: now,
	}
	if wd, ok := n.WriteDate.(string); ok && validOdooDatetime(wd) {
		e.WriteDate = wd
	}
	e.CoalesceKey = coalesceKey(e)
	return e, nil
}

func nativeAction(a string) string {
	name, _, _ := strings.Cut(a, "(#")
	parts := strings.Split(name, ":")
	if len(parts) == 3 && parts[0] == "smartodoo" {
		switch parts[2] {
		case "create", "write", "unlink":
			return parts[2]
		}
	}
	return "change"
}

// coalesceKey folds the several posts Odoo sends for one edit into one event. Without a
// write_date (a native rule that does not send it) posts within the same 2 seconds fold.
func coalesceKey(e core.Event) string {
	wd := e.WriteDate
	if wd == "" {
		wd = "~" + e.ReceivedAt.UTC().Truncate(2*time.Second).Format(time.DateTime)
	}
	action := e.Action
	if action == "write" || action == "change" {
		action = "write" // a webhook and the poller must land on the same key
	}
	return core.CoalesceKeyFor(e.ConnectionID, e.Model, e.RecordID, action, wd)
}

// strictJSON decodes one JSON value and reports where malformed JSON breaks.
func strictJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return core.Errorf(core.CodeInvalid, "empty body: send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return core.Errorf(core.CodeInvalid, "malformed JSON at byte %d: %v", se.Offset, se.Error())
		case errors.As(err, &te) && te.Field == "":
			return core.Errorf(core.CodeInvalid, "the body must be a JSON object, got JSON %s", te.Value)
		case errors.As(err, &te):
			return core.Errorf(core.CodeInvalid, "field %q must be %s, got JSON %s", te.Field, te.Type, te.Value)
		}
		return core.Errorf(core.CodeInvalid, "malformed JSON: %v", err)
	}
	if dec.More() {
		return core.Errorf(core.CodeInvalid, "malformed JSON: more than one value in the body")
	}
	return nil
}

func compact(raw []byte) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return json.RawMessage(raw)
	}
	return b.Bytes()
}
