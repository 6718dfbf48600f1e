// Package api is Smart Odoo's HTTP API: huma operations on net/http, one file per resource.
// Authentication, roles and the mapping of errors to RFC 9457 problems happen here, in one
// place each; handlers stay plain functions over the domain services.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"path"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/smartodoo/smartodoo/internal/approval"
	"github.com/smartodoo/smartodoo/internal/automation"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/ingest"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Deps are the services the API exposes.
type Deps struct {
	Store    *store.Store
	Queue    *queue.Queue
	Runner   *automation.Runner
	Starter  *automation.Starter
	Approval *approval.Service
	Writer   *ingest.Writer
	Verifier *ingest.Verifier
	// Ready checks each dependency for /readyz; key = name ("store", "queue", "odoo:main").
	Ready   map[string]func(context.Context) error
	Clock   func() time.Time
	Logger  *slog.Logger
	Version string
	// Timezone is the default for schedules that do not name one.
	Timezone string
	// Sessions resolves a dashboard session cookie to a principal (nil: API keys only).
	Sessions func(r *http.Request) (core.Principal, bool)
}

// Server holds the mux and the list of routes with their roles (for docs and the role test).
type Server struct {
	deps   Deps
	mux    *http.ServeMux
	api    huma.API
	routes []Route

	metrics *metrics

	touchMu sync.Mutex
	touched map[int64]time.Time
}

// Route is one operation and the roles admitted to it (nil = public).
type Route struct {
	Method, Path, OperationID string
	Roles                     []core.Role
}

// New builds every route.
func New(d Deps) *Server {
	s := &Server{deps: d, mux: http.NewServeMux(), touched: map[int64]time.Time{}, metrics: newMetrics()}
	cfg := huma.DefaultConfig("Smart Odoo API", d.Version)
	cfg.Components.Schemas = huma.NewMapRegistry("#/components/schemas/", schemaName)
	cfg.DocsPath = "" // our own /docs page: huma's loads its renderer from a CDN
	cfg.Info.Description = "Automations beside Odoo: proposals, approvals and an audit trail of every write."
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"apiKey": {Type: "apiKey", In: "header", Name: "X-API-Key"},
		"bearer": {Type: "http", Scheme: "bearer"},
	}
	s.api = humago.New(s.mux, cfg)
	s.routeHealth()
	s.routeWebhooks()
	s.routeApprovals()
	s.routeAudit()
	s.routeRules()
	s.routeRuns()
	s.routeKeys()
	s.mux.HandleFunc("GET /docs", s.docs)
	s.mux.Handle("GET /metrics", s.metrics.handler())
	return s
}

// Handler is the server's http.Handler, with request ids and panic recovery around it.
func (s *Server) Handler() http.Handler {
	return s.withRequestID(s.recoverPanics(s.metrics.instrument(s.mux)))
}

// Mux lets the dashboard and metrics add their routes.
func (s *Server) Mux() *http.ServeMux { return s.mux }

// Routes lists every operation and its roles.
func (s *Server) Routes() []Route { return s.routes }

// Role sets: who may call what. Exported for the automations' endpoints.
var (
	Everyone = everyone
	Deciders = deciders
	Finance  = finance
	Admins   = adminsOnly
	Sales    = []core.Role{core.RoleAdmin, core.RoleCFO, core.RoleSales}
)

var (
	everyone   = []core.Role{core.RoleAdmin, core.RoleCFO, core.RoleSales, core.RoleWarehouse, core.RoleViewer}
	deciders   = []core.Role{core.RoleAdmin, core.RoleCFO, core.RoleSales, core.RoleWarehouse}
	finance    = []core.Role{core.RoleAdmin, core.RoleCFO}
	adminsOnly = []core.Role{core.RoleAdmin}
)

// Register adds an operation from outside the package (the automations' endpoints).
func Register[I, O any](s *Server, op huma.Operation, roles []core.Role, h func(context.Context, *I) (*O, error)) {
	register(s, op, roles, h)
}

// register adds an operation: roles nil = public; otherwise the caller must present an API key
// or session whose role is listed. Handler errors are turned into problems here.
func register[I, O any](s *Server, op huma.Operation, roles []core.Role, h func(context.Context, *I) (*O, error)) {
	if roles != nil {
		op.Security = []map[string][]string{{"apiKey": {}}, {"bearer": {}}}
		op.Middlewares = append(op.Middlewares, s.authorize(roles))
		op.Errors = append(op.Errors, http.StatusUnauthorized, http.StatusForbidden)
		op.Description += "\n\nRoles: " + roleList(roles) + "."
	}
	s.routes = append(s.routes, Route{Method: op.Method, Path: op.Path, OperationID: op.OperationID, Roles: roles})
	huma.Register(s.api, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, in)
		if err != nil {
			return nil, s.problem(ctx, err)
		}
		return out, nil
	})
}

func roleList(roles []core.Role) string {
	out := ""
	for i, r := range roles {
		if i > 0 {
			out += ", "
		}
		out += string(r)
	}
	return out
}

// schemaName names OpenAPI schemas after their Go type, prefixed with the package for types
// outside core and api: two automations may both have a "Report".
func schemaName(t reflect.Type, hint string) string {
	name := huma.DefaultSchemaNamer(t, hint)
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	pkg := path.Base(t.PkgPath())
	if t.Name() == "" || pkg == "." || pkg == "core" || pkg == "api" || pkg == "featureapi" {
		return name
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:] + name
}
