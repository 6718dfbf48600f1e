package apptest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/smartodoo/smartodoo/internal/core"
)

// FakeOdoo is a minimal in-memory stand-in for the approval engine's Odoo calls (read,
// write, message_post) in API tests that do not need the full simulator. Records are keyed
// "model:id" and hold plain field values.
type FakeOdoo struct {
	mu      sync.Mutex
	Records map[string]map[string]any
	Calls   []core.Call
	// Refuse, when set, makes every write fail with this message (like an Odoo UserError).
	Refuse string
}

// NewFakeOdoo returns an empty fake.
func NewFakeOdoo() *FakeOdoo { return &FakeOdoo{Records: map[string]map[string]any{}} }

// Put stores a record.
func (f *FakeOdoo) Put(model string, id int64, vals map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Records[fmt.Sprintf("%s:%d", model, id)] = vals
}

// Get returns a copy of a record's values.
func (f *FakeOdoo) Get(model string, id int64) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]any{}
	for k, v := range f.Records[fmt.Sprintf("%s:%d", model, id)] {
		out[k] = v
	}
	return out
}

// Writes counts the calls other than read.
func (f *FakeOdoo) Writes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.Calls {
		if c.Method != "read" {
			n++
		}
	}
	return n
}

// Call implements approval.Odoo.
func (f *FakeOdoo) Call(_ context.Context, model, method string, args []any, kwargs map[string]any, out any) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Calls = append(f.Calls, core.Call{Model: model, Method: method, Args: args, Kwargs: kwargs})
	var result any
	switch method {
	case "read":
		var rows []map[string]any
		for _, id := range ids(args) {
			if rec, ok := f.Records[fmt.Sprintf("%s:%d", model, id)]; ok {
				row := map[string]any{"id": id}
				for _, fld := range fields(kwargs) {
					row[fld] = rec[fld]
				}
				rows = append(rows, row)
			}
		}
		result = rows
	case "write":
		if f.Refuse != "" {
			return core.Errorf(core.CodeInvalid, "%s", f.Refuse)
		}
		vals, _ := args[1].(map[string]any)
		for _, id := range ids(args) {
			rec := f.Records[fmt.Sprintf("%s:%d", model, id)]
			for k, v := range vals {
				rec[k] = v
			}
		}
		result = true
	default:
		if f.Refuse != "" {
			return core.Errorf(core.CodeInvalid, "%s", f.Refuse)
		}
		result = 1
	}
	raw, _ := json.Marshal(result)
	return json.Unmarshal(raw, out)
}

func ids(args []any) []int64 {
	if len(args) == 0 {
		return nil
	}
	raw, _ := json.Marshal(args[0])
	var out []int64
	if json.Unmarshal(raw, &out) != nil {
		var one int64
		json.Unmarshal(raw, &one)
		out = []int64{one}
	}
	return out
}

func fields(kwargs map[string]any) []string {
	raw, _ := json.Marshal(kwargs["fields"])
	var out []string
	json.Unmarshal(raw, &out)
	return out
}
