package odoosim

import (
	"cmp"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Options configure a simulated Odoo server. Zero values get the documented defaults.
type Options struct {
	Version                    int    // 17, 18 or 19 (default 18)
	DB                         string // database name, default "smartodoo_demo"
	AdminPassword, AdminAPIKey string // defaults "admin" / "smartodoo-demo-key"
	Clock                      func() time.Time
	Logger                     *slog.Logger
	HTTPClient                 *http.Client // for outgoing native webhooks
}

// MethodFunc is a public business method callable over RPC on a model. ids are the records
// the call was made on (args[0] for JSON-RPC/XML-RPC record methods, `ids` for JSON-2);
// args/kwargs are the remaining arguments.
type MethodFunc func(env *Env, ids []int64, args []any, kwargs map[string]any) (any, error)

// Server is one simulated Odoo database with its HTTP endpoints.
// All record data is guarded by mu: read-only calls share it, anything that may write holds
// it exclusively for the whole call, which is what makes a call atomic.
type Server struct {
	opts    Options
	version int
	log     *slog.Logger
	clock   func() time.Time

	mu       sync.RWMutex
	models   map[string]*model
	methods  map[string]map[string]MethodFunc
	onCreate map[string][]func(*Env, int64) error
	onWrite  map[string][]func(*Env, []int64, map[string]any) error
	onUnlink map[string][]func(*Env, []int64) error
	compute  map[string]map[string]computeFunc
	orm      map[string]ormMethod // the version's ORM methods, read-only after New
	users    *userBook
	stamp    stampCache

	hooks    *webhookSender
	sessions sessionBook
}

// computeFunc computes a non-stored field's value for one record (raw form).
type computeFunc func(env *Env, id int64) any

// New builds a server with the schema of opts.Version, the base records (company, admin and
// demo users, groups, currencies) and nothing else: seeding business data is up to callers.
func New(opts Options) (*Server, error) {
	opts.Version = cmp.Or(opts.Version, 18)
	if opts.Version < 17 || opts.Version > 19 {
		return nil, fmt.Errorf("odoosim: version %d is not simulated: use 17, 18 or 19", opts.Version)
	}
	opts.DB = cmp.Or(opts.DB, "smartodoo_demo")
	opts.AdminPassword = cmp.Or(opts.AdminPassword, "admin")
	opts.AdminAPIKey = cmp.Or(opts.AdminAPIKey, "smartodoo-demo-key")
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{}
	}
	s := &Server{
		opts: opts, version: opts.Version, log: opts.Logger, clock: opts.Clock,
		models:   map[string]*model{},
		methods:  map[string]map[string]MethodFunc{},
		onCreate: map[string][]func(*Env, int64) error{},
		onWrite:  map[string][]func(*Env, []int64, map[string]any) error{},
		onUnlink: map[string][]func(*Env, []int64) error{},
		compute:  map[string]map[string]computeFunc{},
		users:    newUserBook(),
	}
	if err := s.buildSchema(); err != nil {
		return nil, err
	}
	s.orm = ormMethods(s.version)
	s.registerBuiltins()
	for name := range s.compute {
		s.bindComputes(name)
	}
	s.hooks = newWebhookSender(opts.HTTPClient, opts.Logger)
	if err := s.seedBase(); err != nil {
		s.hooks.close()
		return nil, fmt.Errorf("odoosim: seed base records: %w", err)
	}
	return s, nil
}

// Close delivers the webhooks already queued and refuses new ones. A server that is
// not closed leaks nothing either: the sender runs only while posts are queued.
func (s *Server) Close() { s.hooks.close() }

// Version is the simulated Odoo major version.
func (s *Server) Version() int { return s.version }

// DB is the simulated database name.
func (s *Server) DB() string { return s.opts.DB }

// RegisterMethod makes fn callable over RPC as model.method (replacing a previous one).
func (s *Server) RegisterMethod(model, method string, fn MethodFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.methods[model] == nil {
		s.methods[model] = map[string]MethodFunc{}
	}
	s.methods[model][method] = fn
}

// OnCreate adds a hook run inside create (RPC or Env.Create) after the values are stored.
// An error aborts the whole call: nothing of it is kept.
func (s *Server) OnCreate(model string, fn func(env *Env, id int64) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onCreate[model] = append(s.onCreate[model], fn)
}

// OnWrite adds a hook run inside write (RPC or Env.Write) after the values are stored.
// vals are the values as written: scalars in raw form, x2many fields as the command lists
// given. An error aborts the whole call.
func (s *Server) OnWrite(model string, fn func(env *Env, ids []int64, vals map[string]any) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onWrite[model] = append(s.onWrite[model], fn)
}

// OnUnlink adds a hook run inside unlink before the records are deleted (e.g. to refuse
// deleting a posted entry). An error aborts the whole call.
func (s *Server) OnUnlink(model string, fn func(env *Env, ids []int64) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onUnlink[model] = append(s.onUnlink[model], fn)
}

// Compute registers how a non-stored field is computed (e.g. amount_residual), used by reads,
// domains and ordering. Without one, a non-stored field reads as its empty value.
func (s *Server) Compute(model, field string, fn func(env *Env, id int64) any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.compute[model] == nil {
		s.compute[model] = map[string]computeFunc{}
	}
	s.compute[model][field] = fn
	s.bindComputes(model)
}

// bindComputes copies a model's registered compute functions onto its field
// definitions; fields defined later are bound by defineModel.
func (s *Server) bindComputes(model string) {
	m := s.models[model]
	if m == nil {
		return
	}
	for name, fn := range s.compute[model] {
		if f := m.field(name); f != nil {
			f.compute = fn
		}
	}
}

// DefineModel adds a model, or fields to an existing model. The base fields (id,
// display_name, create/write uid and date) are added when missing.
func (s *Server) DefineModel(name string, fields map[string]Field) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.defineModel(name, fields)
}

func (s *Server) defineModel(name string, fields map[string]Field) *model {
	m := s.models[name]
	if m == nil {
		m = newModel(name)
		s.models[name] = m
	}
	for _, fname := range sortedKeys(fields) {
		m.define(fname, fields[fname])
	}
	ensureBaseFields(m)
	s.bindComputes(name)
	return m
}

// SuperEnv is the environment of the admin user (uid 2), for setup code and tests.
// Each operation on it is its own atomic transaction.
func (s *Server) SuperEnv() *Env { return &Env{s: s, uid: adminUID, ctx: map[string]any{}} }

// EnvFor is the environment of another user, e.g. to check what a role can see.
func (s *Server) EnvFor(uid int64) *Env { return &Env{s: s, uid: uid, ctx: map[string]any{}} }

func (s *Server) model(name string) (*model, error) {
	m := s.models[name]
	if m == nil {
		return nil, UserError("Object %s doesn't exist", name)
	}
	return m, nil
}
