package web

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/approval"
	"github.com/smartodoo/smartodoo/internal/automation"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/live"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Deps are the services the dashboard reads and acts through: the same ones the API uses,
// so a decision taken here is the decision the API would take.
type Deps struct {
	Store    *store.Store
	Approval *approval.Service
	Runner   *automation.Runner  // registry and effective rules
	Starter  *automation.Starter // "run now"
	Hub      *live.Hub
	// Odoo is the integration client, for the overview's reads; nil = no Odoo connected.
	Odoo *odoo.Client
	// Credit overrides credit holds (credit.Automation); nil hides the override form.
	Credit CreditOverrider
	// Auth checks sign-ins; nil = nobody can sign in (API keys still work for /api/ws).
	Auth Authenticator
	// RoleMap maps Odoo groups to roles, first match wins (default DefaultRoleMap).
	RoleMap []GroupRole
	// SessionSecret signs sessions and CSRF tokens; empty = random per process.
	SessionSecret []byte
	SessionTTL    time.Duration // default 12 h
	// SecureCookies forces the Secure flag (behind a TLS-terminating proxy); requests
	// over TLS get it anyway.
	SecureCookies bool
	// Timezone is the display timezone for users whose Odoo profile has none.
	Timezone string
	// CacheTTL bounds how stale the overview's Odoo figures may be (default 1 minute).
	CacheTTL time.Duration
	Clock    func() time.Time
	Logger   *slog.Logger
}

// Server is the dashboard: pages, sign-in, static assets and the live WebSocket.
type Server struct {
	d     Deps
	sess  sessions
	tmpl  map[string]*template.Template
	cache *odooCache
}

// New parses the embedded templates and fills defaults.
func New(d Deps) (*Server, error) {
	if d.Store == nil || d.Approval == nil || d.Runner == nil || d.Hub == nil {
		return nil, errors.New("web: Store, Approval, Runner and Hub are required")
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if len(d.RoleMap) == 0 {
		d.RoleMap = DefaultRoleMap
	}
	d.SessionTTL = cmp.Or(d.SessionTTL, 12*time.Hour)
	d.CacheTTL = cmp.Or(d.CacheTTL, time.Minute)
	tm, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{d: d, sess: newSessions(d.SessionSecret, d.SessionTTL, d.Clock), tmpl: tm}
	s.cache = newOdooCache(d.Odoo, d.CacheTTL, d.Clock)
	return s, nil
}

// Principal resolves a request's dashboard session, for api.Deps.Sessions: the API then
// accepts signed-in users besides API keys. A request that changes something must also
// carry the session's CSRF token in X-CSRF-Token (pages have it in <meta name="csrf-token">):
// SameSite=Strict already keeps other sites' requests cookie-less, this is the second lock.
func (s *Server) Principal(r *http.Request) (core.Principal, bool) {
	sess, ok := s.session(r)
	if !ok {
		return core.Principal{}, false
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		if !s.sess.checkCSRF(sess, r.Header.Get("X-CSRF-Token")) {
			return core.Principal{}, false
		}
	}
	return sess.Principal(), true
}

// Mount adds the dashboard's routes to mux (the API's): pages at /, assets under /static/,
// the live feed at /api/ws.
func (s *Server) Mount(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.withSession(s.logout))
	mux.HandleFunc("GET /api/ws", s.websocket)
	mux.HandleFunc("GET /{$}", s.page("/", s.overview))
	mux.HandleFunc("GET /approvals", s.page("/approvals", s.approvals))
	mux.HandleFunc("GET /approvals/{id}", s.page("/approvals", s.proposal))
	mux.HandleFunc("POST /approvals/{id}/decide", s.action("/approvals", s.decide))
	mux.HandleFunc("POST /approvals/bulk", s.action("/approvals", s.bulkApprove))
	mux.HandleFunc("GET /bank", s.page("/bank", s.bank))
	mux.HandleFunc("GET /dedup", s.page("/dedup", s.dedup))
	mux.HandleFunc("POST /dedup/{id}", s.action("/dedup", s.dedupDecide))
	mux.HandleFunc("POST /bank/{id}/choose", s.action("/bank", s.bankChoose))
	mux.HandleFunc("GET /credit", s.page("/credit", s.credit))
	mux.HandleFunc("POST /credit/override", s.action("/credit", s.overrideHold))
	mux.HandleFunc("GET /close", s.page("/close", s.closing))
	mux.HandleFunc("GET /runs", s.page("/runs", s.runs))
	mux.HandleFunc("POST /runs", s.action("/runs", s.startRun))
	mux.HandleFunc("GET /audit", s.page("/audit", s.audit))
	mux.HandleFunc("GET /settings", s.page("/settings", s.settings))
	mux.HandleFunc("POST /settings/{automation}", s.action("/settings", s.saveRule))
}

// Handler is the dashboard alone on its own mux (tests, or serving it apart from the API).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.Mount(mux)
	return mux
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// request is what a page handler gets: the signed-in user and their formatter.
type request struct {
	*http.Request
	Sess Session
	F    formatter
}

func (s *Server) currency(ctx context.Context) Currency {
	c, err := s.cache.currency(ctx)
	if err != nil {
		s.d.Logger.Warn("read company currency", "err", err)
		return defaultCurrency
	}
	return c
}

// withSession admits signed-in users and sends others to the sign-in page.
func (s *Server) withSession(h func(http.ResponseWriter, *request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.session(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			http.Error(w, "Your session has ended: sign in again.", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost && !s.sess.checkCSRF(sess, r.PostFormValue(csrfField)) {
			http.Error(w, "This form is stale or was not sent by the dashboard (CSRF check failed): reload the page and try again.", http.StatusForbidden)
			return
		}
		f := newFormatter(sess.Lang, cmpOr(sess.TZ, s.d.Timezone), s.currency(r.Context()))
		h(w, &request{Request: r, Sess: sess, F: f})
	}
}

// page wraps a GET handler: session, the page's roles, and rendering.
func (s *Server) page(path string, h func(*request) (string, any, error)) http.HandlerFunc {
	pg := pageFor(path)
	return s.withSession(func(w http.ResponseWriter, r *request) {
		if !pg.allows(r.Sess.Role) {
			s.forbidden(w, r, pg)
			return
		}
		name, data, err := h(r)
		if err != nil {
			s.fail(w, r, pg, err)
			return
		}
		s.render(w, r, http.StatusOK, pg, name, data)
	})
}

// action wraps a POST handler: session, CSRF, the page's roles; it answers with a redirect
// (post/redirect/get) carrying a short message.
func (s *Server) action(path string, h func(*request) (string, error)) http.HandlerFunc {
	pg := pageFor(path)
	return s.withSession(func(w http.ResponseWriter, r *request) {
		if !pg.allows(r.Sess.Role) {
			s.forbidden(w, r, pg)
			return
		}
		to, err := h(r)
		if err != nil {
			s.fail(w, r, pg, err)
			return
		}
		http.Redirect(w, r.Request, to, http.StatusSeeOther)
	})
}

func (s *Server) forbidden(w http.ResponseWriter, r *request, pg page) {
	s.render(w, r, http.StatusForbidden, pg, "error", errorView{
		Title:   "Not for your role",
		Message: fmt.Sprintf("Your role (%s) cannot open %s. Ask an administrator if you need it.", r.Sess.Role, cmpOr(pg.Title, "this page")),
	})
}

// fail shows a safe message for a *core.Error and a request-id-free generic one otherwise.
func (s *Server) fail(w http.ResponseWriter, r *request, pg page, err error) {
	code := core.CodeOf(err)
	msg := core.MessageOf(err)
	status := api.StatusOf(code)
	if code == core.CodeInternal || msg == "" {
		s.d.Logger.Error("dashboard request failed", "path", r.URL.Path, "user", r.Sess.Login, "err", err)
		msg = "Something went wrong on our side; it has been logged. Try again, and tell your administrator if it persists."
		status = http.StatusInternalServerError
	}
	s.render(w, r, status, pg, "error", errorView{Title: "Could not do that", Message: msg})
}

type errorView struct{ Title, Message string }
