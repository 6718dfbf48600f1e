package odoosim

import (
	"maps"
	"time"
)

// Env is one call's environment (user, context, version, clock). Its record operations are
// what RPC methods are built from; business methods receive one already inside the call's
// transaction. An Env from SuperEnv/EnvFor is outside any transaction: each of its
// operations then locks the server and is atomic on its own.
type Env struct {
	s   *Server
	uid int64
	ctx map[string]any
	tx  *tx
}

// tx is the undo journal of one call. The server lock is held for its whole life, so the
// journal only has to restore values, never to merge concurrent changes.
type tx struct {
	readOnly bool
	undo     []func()
	posts    []webhookPost
}

func (t *tx) record(fn func()) {
	if t != nil && !t.readOnly {
		t.undo = append(t.undo, fn)
	}
}

func (t *tx) rollback() {
	for i := len(t.undo) - 1; i >= 0; i-- {
		t.undo[i]()
	}
	t.undo, t.posts = nil, nil
}

func (e *Env) UID() int64              { return e.uid }
func (e *Env) Version() int            { return e.s.version }
func (e *Env) Now() time.Time          { return e.s.clock().UTC() }
func (e *Env) Context() map[string]any { return e.ctx }
func (e *Env) Server() *Server         { return e.s }
func (e *Env) inTx() bool              { return e.tx != nil }
func (e *Env) withTx(t *tx) *Env       { return &Env{s: e.s, uid: e.uid, ctx: e.ctx, tx: t} }
func (e *Env) activeTest() bool        { v, ok := e.ctx["active_test"]; return !ok || truthy(v) }
func (e *Env) WithContext(kv map[string]any) *Env {
	ctx := maps.Clone(e.ctx)
	if ctx == nil {
		ctx = map[string]any{}
	}
	maps.Copy(ctx, kv)
	return &Env{s: e.s, uid: e.uid, ctx: ctx, tx: e.tx}
}

// write runs fn in a write transaction: inside the caller's one, or a new one that is
// committed when fn succeeds and rolled back entirely when it fails.
func (e *Env) write(fn func(*Env) error) error {
	if e.tx != nil {
		if e.tx.readOnly {
			return AccessError("this call is read-only and cannot change records")
		}
		return fn(e)
	}
	e.s.mu.Lock()
	defer e.s.mu.Unlock()
	t := &tx{}
	if _, err := runGuarded(func() (any, error) { return nil, fn(e.withTx(t)) }); err != nil {
		t.rollback()
		return err
	}
	e.s.hooks.enqueue(t.posts)
	return nil
}

// read runs fn under the shared lock unless the caller already holds a lock.
func (e *Env) read(fn func(*Env) error) error {
	if e.tx != nil {
		return fn(e)
	}
	e.s.mu.RLock()
	defer e.s.mu.RUnlock()
	return fn(e.withTx(&tx{readOnly: true}))
}

// Create validates vals (required fields, selections, types), stores the record, applies
// x2many commands and runs OnCreate hooks and automations. It returns the new id.
func (e *Env) Create(model string, vals map[string]any) (int64, error) {
	var id int64
	err := e.write(func(e *Env) error {
		var err error
		id, err = e.create(model, vals)
		return err
	})
	return id, err
}

// Write updates ids with vals (MissingError when one does not exist) and runs OnWrite hooks
// and automations; any error undoes the whole write.
func (e *Env) Write(model string, ids []int64, vals map[string]any) error {
	return e.write(func(e *Env) error { return e.writeRecords(model, ids, vals) })
}

// Unlink deletes ids (MissingError when one does not exist), running on_unlink automations.
func (e *Env) Unlink(model string, ids []int64) error {
	return e.write(func(e *Env) error { return e.unlink(model, ids) })
}

// Search returns the ids matching domain in order ("" = the model's order); limit 0 = all.
func (e *Env) Search(model string, domain []any, order string, limit int) ([]int64, error) {
	var ids []int64
	err := e.read(func(e *Env) error {
		var err error
		ids, err = e.search(model, domain, order, 0, limit)
		return err
	})
	return ids, err
}

// Read returns Odoo-shaped values (false for empty, [id, name] for many2one) of the ids
// that exist, silently dropping the others like Odoo; fields nil = all fields.
func (e *Env) Read(model string, ids []int64, fields []string) ([]map[string]any, error) {
	var out []map[string]any
	err := e.read(func(e *Env) error {
		recs, err := e.readRecords(model, ids, fields, true)
		for _, r := range recs {
			out = append(out, r.asMap())
		}
		return err
	})
	return out, err
}

// Get returns the raw stored (or computed) value of one field, nil when the record or the
// field does not exist. See the package documentation for the raw forms.
func (e *Env) Get(model string, id int64, field string) any {
	var v any
	_ = e.read(func(e *Env) error {
		m := e.s.models[model]
		if m == nil {
			return nil
		}
		f := m.field(field)
		pos := m.table.pos(id)
		if f == nil || pos < 0 {
			return nil
		}
		v = e.rawValue(m, pos, f)
		return nil
	})
	return v
}

// Exists reports whether the record exists (archived records exist).
func (e *Env) Exists(model string, id int64) bool {
	ok := false
	_ = e.read(func(e *Env) error {
		m := e.s.models[model]
		ok = m != nil && m.table.pos(id) >= 0
		return nil
	})
	return ok
}
