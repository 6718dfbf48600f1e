package odoosim

import (
	"fmt"
	"maps"
	"strings"
)

// call is one model method invocation, whatever the transport.
type call struct {
	uid           int64
	model, method string
	ids           []int64
	hasIDs        bool // JSON-2 sent "ids"
	args          []any
	kwargs        map[string]any
	json2         bool
}

// execute runs a model method with Odoo's checks in Odoo's order: model, private method,
// method existence, argument binding, missing records; then the method in one
// transaction (shared lock for reads, exclusive for anything that may write).
func (s *Server) execute(c call) (any, error) {
	ctx, _ := c.kwargs["context"].(map[string]any)
	kwargs := maps.Clone(c.kwargs)
	delete(kwargs, "context")
	s.mu.RLock()
	m := s.models[c.model]
	biz := s.methods[c.model][c.method]
	s.mu.RUnlock()
	if m == nil {
		if c.json2 {
			return nil, werkzeug(404, "NotFound", "the model '%s' does not exist", c.model)
		}
		return nil, UserError("Object %s doesn't exist", c.model)
	}
	if strings.HasPrefix(c.method, "_") {
		if s.version >= 19 {
			return nil, AccessError("Private methods (such as '%s.%s') cannot be called remotely.", c.model, c.method)
		}
		return nil, AccessError("Private methods (such as %s) cannot be called remotely.", c.method)
	}
	orm, isORM := s.orm[c.method]
	if biz == nil && !isORM {
		if c.json2 {
			return nil, werkzeug(404, "NotFound", "The method '%s.%s' does not exist", c.model, c.method)
		}
		if s.version >= 19 {
			return nil, attributeError("The method '%s.%s' does not exist", c.model, c.method)
		}
		return nil, attributeError("The method '%s' does not exist on the model '%s'", c.method, c.model)
	}
	env := &Env{s: s, uid: c.uid, ctx: ctx}
	if env.ctx == nil {
		env.ctx = map[string]any{}
	}
	if biz != nil {
		return s.runBusiness(env, m, c, biz, kwargs)
	}
	return s.runORM(env, m, c, orm, kwargs)
}

// splitIDs takes the records of a record method from args[0] (JSON-RPC/XML-RPC).
func (c call) splitIDs(record bool) ([]int64, []any, error) {
	if c.json2 || !record {
		return c.ids, c.args, nil
	}
	if len(c.args) == 0 {
		return nil, nil, typeError("%s() missing 1 required positional argument: 'self' (the record ids)", c.method)
	}
	ids, err := argIDs(c.args[0])
	return ids, c.args[1:], err
}

func (s *Server) runORM(env *Env, m *model, c call, orm ormMethod, kwargs map[string]any) (any, error) {
	if c.json2 && c.hasIDs && !orm.sig.record {
		return nil, werkzeug(422, "UnprocessableEntity", "cannot call %s.%s with ids", c.model, c.method)
	}
	ids, args, err := c.splitIDs(orm.sig.record)
	if err != nil {
		return nil, err
	}
	var bound map[string]any
	if c.json2 {
		bound, err = orm.sig.bindNamed(kwargs)
	} else {
		bound, err = orm.sig.bind(args, kwargs)
	}
	if err != nil {
		return nil, err
	}
	return s.inTx(env, orm.readOnly, func(e *Env) (any, error) {
		if orm.sig.record && !orm.readOnly && c.method != "unlink" && c.method != "write" {
			if _, err := e.positions(m, ids); err != nil {
				return nil, err
			}
		}
		res, err := orm.run(e, m, ids, bound)
		if id, single := res.(int64); single && c.json2 && c.method == "create" {
			res = []int64{id} // JSON-2's create always answers a list
		}
		return res, err
	})
}

func (s *Server) runBusiness(env *Env, m *model, c call, fn MethodFunc, kwargs map[string]any) (any, error) {
	ids, args := c.ids, c.args
	if !c.json2 && len(args) > 0 {
		if parsed, err := argIDs(args[0]); err == nil && isIDList(args[0]) {
			ids, args = parsed, args[1:]
		}
	}
	return s.inTx(env, false, func(e *Env) (any, error) {
		if _, err := e.positions(m, ids); err != nil {
			return nil, err
		}
		return fn(e, ids, args, kwargs)
	})
}

func isIDList(v any) bool {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if _, ok := e.(int64); !ok {
				return false
			}
		}
		return true
	case int64:
		return true
	}
	return false
}

// inTx runs fn under the server lock in a transaction: rolled back on error, webhooks
// queued on success.
func (s *Server) inTx(env *Env, readOnly bool, fn func(*Env) (any, error)) (any, error) {
	if readOnly {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return fn(env.withTx(&tx{readOnly: true}))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &tx{}
	res, err := runGuarded(func() (any, error) { return fn(env.withTx(t)) })
	if err != nil {
		t.rollback()
		return nil, err
	}
	s.hooks.enqueue(t.posts)
	return res, nil
}

// runGuarded turns a panic in a method (a bug in simulated business code) into an error,
// so the call is rolled back and answered like Odoo answers an unexpected exception.
func runGuarded(fn func() (any, error)) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &OdooError{Name: "builtins.Exception", Message: fmt.Sprintf("odoosim: method panicked: %v", r)}
		}
	}()
	return fn()
}

// dispatch is the /jsonrpc and /xmlrpc/2 service dispatcher.
func (s *Server) dispatch(service, method string, args []any) (any, error) {
	switch service {
	case "common":
		return s.dispatchCommon(method, args)
	case "object":
		return s.dispatchObject(method, args)
	case "db":
		if method == "list" {
			return []any{s.opts.DB}, nil
		}
		if method == "server_version" {
			return fmt.Sprintf("%d.0", s.version), nil
		}
		return nil, attributeError("'db' service has no method '%s'", method)
	}
	return nil, &OdooError{Name: excKeyError, Message: service}
}

func (s *Server) versionInfo() *record {
	v := fmt.Sprintf("%d.0", s.version)
	return &record{keys: []string{"server_version", "server_version_info", "server_serie", "protocol_version"},
		vals: []any{v, []any{int64(s.version), int64(0), int64(0), "final", int64(0), ""}, v, int64(1)}}
}

func (s *Server) unknownDB(db string) error {
	return &OdooError{Name: excOperational, Message: fmt.Sprintf("connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  database %q does not exist\n", db)}
}

func (s *Server) dispatchCommon(method string, args []any) (any, error) {
	switch method {
	case "version":
		return s.versionInfo(), nil
	case "login", "authenticate":
		if len(args) < 3 {
			return nil, typeError("%s() missing required arguments: db, login, password", method)
		}
		db, _ := args[0].(string)
		if db != s.opts.DB {
			return nil, s.unknownDB(db)
		}
		login, _ := args[1].(string)
		password, _ := args[2].(string)
		if uid := s.login(login, password); uid != 0 {
			return uid, nil
		}
		return false, nil
	case "about":
		return "See http://openerp.com", nil
	}
	return nil, attributeError("'common' service has no method '%s'", method)
}

// login returns the uid whose login and password (or API key) match, else 0.
func (s *Server) login(login, secret string) int64 {
	env := s.SuperEnv()
	ids, err := env.Search("res.users", []any{[]any{"login", "=", login}}, "", 1)
	if err != nil || len(ids) == 0 {
		return 0
	}
	if s.users.check(ids[0], secret) {
		return ids[0]
	}
	return 0
}

func (s *Server) dispatchObject(method string, args []any) (any, error) {
	if method != "execute_kw" && method != "execute" {
		return nil, attributeError("'object' service has no method '%s'", method)
	}
	if len(args) < 5 {
		return nil, typeError("%s() takes at least 5 arguments (db, uid, password, model, method), %d given", method, len(args))
	}
	db, _ := args[0].(string)
	if db != s.opts.DB {
		return nil, s.unknownDB(db)
	}
	uid, err := toID(args[1])
	if err != nil {
		return nil, err
	}
	password, _ := args[2].(string)
	if err := s.checkUser(uid, password); err != nil {
		return nil, err
	}
	model, _ := args[3].(string)
	name, _ := args[4].(string)
	c := call{uid: uid, model: model, method: name}
	if method == "execute" {
		c.args = args[5:]
		return s.execute(c)
	}
	if len(args) > 5 {
		list, ok := args[5].([]any)
		if !ok {
			return nil, typeError("execute_kw() args must be a list, got %s", pyRepr(args[5]))
		}
		c.args = list
	}
	if len(args) > 6 && args[6] != nil {
		kw, ok := args[6].(map[string]any)
		if !ok {
			return nil, typeError("execute_kw() kwargs must be a dict, got %s", pyRepr(args[6]))
		}
		c.kwargs = kw
	}
	return s.execute(c)
}

// checkUser is execute_kw's authentication: a uid that does not exist is a MissingError
// (as Odoo raises), a wrong password or key is AccessDenied.
func (s *Server) checkUser(uid int64, secret string) error {
	if !s.SuperEnv().Exists("res.users", uid) {
		return &OdooError{Name: excMissingError, Message: missingMessage("res.users", []int64{uid}, uid)}
	}
	if active, _ := s.SuperEnv().Get("res.users", uid, "active").(bool); !active || !s.users.check(uid, secret) {
		return accessDenied() // archived users cannot log in, whatever their password
	}
	return nil
}
