package contract

import (
	"errors"
	"fmt"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoo"
)

// writeCase creates one record of a typed model from vals (which may look up references
// on the target), reads it back, applies change, checks it and deletes it.
type writeCase struct {
	model  string
	vals   func(s *suite) (map[string]any, error)
	change map[string]any
	check  func(s *suite, id int64) error // reads the record back after change
	// beforeUnlink brings the record to a state Odoo lets delete (a purchase order must
	// be cancelled first); nil when it can go as it is.
	beforeUnlink func(s *suite, id int64) error
}

// errSkip marks a case the target cannot run (a module or reference data is missing).
var errSkip = errors.New("skip")

func (s *suite) writes(t *testing.T) {
	for _, wc := range writeCases {
		t.Run(wc.model, s.gap("writes/"+wc.model, func(t *testing.T) {
			if missing := s.missingRights(wc.model); len(missing) > 0 {
				t.Skipf("user %s may not %v %s on this Odoo (on Community, bank statement lines and reconciliation models need the accounting group \"Show Full Accounting Features\")", s.target.User, missing, wc.model)
			}
			vals, err := wc.vals(s)
			if errors.Is(err, errSkip) || errors.Is(err, odoo.ErrUnknownModel) {
				t.Skipf("%s: %v", wc.model, err)
			}
			if err != nil {
				t.Fatalf("prepare %s: %v", wc.model, err)
			}
			id := s.create(t, wc.model, vals)
			if err := s.c.Write(s.ctx, wc.model, []int64{id}, wc.change); err != nil {
				t.Fatalf("write %s %d: %v", wc.model, id, err)
			}
			if err := wc.check(s, id); err != nil {
				t.Errorf("after write: %v", err)
			}
			if wc.beforeUnlink != nil {
				if err := wc.beforeUnlink(s, id); err != nil {
					t.Fatalf("prepare %s %d for deletion: %v", wc.model, id, err)
				}
			}
			if err := s.c.Unlink(s.ctx, wc.model, []int64{id}); err != nil {
				t.Fatalf("unlink %s %d: %v", wc.model, id, err)
			}
			if s.exists(wc.model, id) {
				t.Errorf("%s %d still found after unlink", wc.model, id)
			}
		}))
	}
}

// create makes a record and registers its removal in case the test stops half way.
func (s *suite) create(t *testing.T, model string, vals map[string]any) int64 {
	t.Helper()
	id, err := s.c.CreateOne(s.ctx, model, vals)
	if err != nil {
		t.Fatalf("create %s: %v", model, err)
	}
	t.Cleanup(func() {
		if !s.exists(model, id) {
			return // deleted by the test (Odoo answers AccessError, not MissingError, for some models)
		}
		err := s.c.Unlink(s.ctx, model, []int64{id})
		if err != nil && !errors.Is(err, odoo.ErrMissing) {
			t.Logf("cleanup %s %d: %v", model, id, err)
		}
	})
	return id
}

// exists searches for the record, archived or not. Not read(["id"]): Odoo echoes the ids
// asked for when no other field is read.
func (s *suite) exists(model string, id int64) bool {
	n, err := s.c.SearchCount(s.ctx, model, odoo.Cond("id", "=", id), odoo.CallContext(map[string]any{"active_test": false}))
	if err != nil {
		s.t.Errorf("search %s %d: %v", model, id, err)
	}
	return n != 0
}

// missingRights lists the operations the suite needs on model that the target's user
// lacks, from Odoo's own check_access_rights (16 to 19), so that a case never creates a
// record it may not delete again.
func (s *suite) missingRights(model string) []string {
	var missing []string
	for _, op := range []string{"create", "write", "unlink"} {
		var ok bool
		err := s.c.Call(s.ctx, model, "check_access_rights", []any{op}, map[string]any{"raise_exception": false}, &ok)
		if err != nil {
			s.t.Fatalf("check_access_rights(%s) on %s: %v", op, model, err)
		}
		if !ok {
			missing = append(missing, op)
		}
	}
	return missing
}

// readOne reads one typed record by id.
func readOne[T odoo.Record](s *suite, id int64) (T, error) {
	recs, err := odoo.ReadRecords[T](s.ctx, s.c, []int64{id})
	var zero T
	if err != nil {
		return zero, err
	}
	if len(recs) != 1 {
		return zero, fmt.Errorf("read %s %d: %d records", zero.Model(), id, len(recs))
	}
	return recs[0], nil
}

// checkField reads a typed record and compares one value.
func checkField[T odoo.Record](get func(T) any, want any) func(*suite, int64) error {
	return func(s *suite, id int64) error {
		rec, err := readOne[T](s, id)
		if err != nil {
			return err
		}
		if got := get(rec); got != want {
			return fmt.Errorf("%s %d: got %v, want %v", rec.Model(), id, got, want)
		}
		return nil
	}
}

// first returns the first id matching domain, or errSkip.
func (s *suite) first(model string, domain odoo.Domain) (int64, error) {
	ids, err := s.c.Search(s.ctx, model, domain, odoo.Limit(1), odoo.Order("id"))
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("%w: no %s matches %s", errSkip, model, domain)
	}
	return ids[0], nil
}

// tag makes names unique per transport so parallel runs do not collide.
func (s *suite) tag(name string) string { return "Smart Odoo contract " + name + " " + s.transport }

func constVals(v map[string]any) func(*suite) (map[string]any, error) {
	return func(*suite) (map[string]any, error) { return v, nil }
}
