package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
	"github.com/smartodoo/smartodoo/internal/web"
)

var simToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// env is a running Smart Odoo with the dashboard, connected to a simulated Odoo holding a
// generated company.
type env struct {
	*apptest.Env
	Sim    *odoosim.Server
	SimURL string
	Truth  *company.Truth
	Web    *web.Server
	Odoo   *odoo.Client
}

var simOnce sync.Map // size -> *simCompany

type simCompany struct {
	srv   *odoosim.Server
	url   string
	truth *company.Truth
}

// startSim generates a company into a fresh simulator (tests that write get their own).
func startSim(t testing.TB, size company.Size) simCompany {
	t.Helper()
	sim, err := seeded.New(context.Background(), seeded.Options{Version: 18, Seed: 3, Size: size, Today: simToday,
		Clock: func() time.Time { return simToday }})
	if err != nil {
		t.Fatalf("simulator with a generated company: %v", err)
	}
	srv, tr := sim.Server, sim.Truth
	hs := newServer(srv.Handler())
	t.Cleanup(hs.Close)
	t.Cleanup(srv.Close)
	return simCompany{srv: srv, url: hs.URL, truth: tr}
}

func newEnv(t testing.TB, size company.Size) *env {
	t.Helper()
	sc := startSim(t, size)
	c, err := odoo.New(odoo.Config{URL: sc.url, DB: sc.srv.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := apptest.Config(apptest.Dialects()[0].DSN(t))
	cfg.OdooURL, cfg.OdooDB, cfg.OdooUser, cfg.OdooAPIKey = sc.url, sc.srv.DB(), "admin", "smartodoo-demo-key"
	cfg.SessionSecret = "test-session-secret-0123456789abcdef"
	e := apptest.StartConfig(t, cfg, app.Options{Work: true, OdooClient: c})
	var credit web.CreditOverrider
	if a, err := e.App.Registry.Get("credit"); err == nil {
		credit, _ = a.(web.CreditOverrider)
	}
	w, err := web.New(web.Deps{Credit: credit,
		Store: e.App.Store, Approval: e.App.Approval, Runner: e.App.Runner, Starter: e.App.Starter, Hub: e.App.Hub,
		Odoo: c, Auth: web.OdooAuth{URL: sc.url, DB: sc.srv.DB()}, SessionSecret: []byte(cfg.SessionSecret),
		Timezone: "Europe/Brussels", Clock: e.App.Clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	// Mount unless the integrator already mounts the dashboard in app.build.
	if resp, err := http.Get(e.Server.URL + "/login"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			w.Mount(e.App.API.Mux())
		}
	}
	return &env{Env: e, Sim: sc.srv, SimURL: sc.url, Truth: sc.truth, Web: w, Odoo: c}
}

// client is a browser-like HTTP client with a cookie jar that does not follow redirects.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
	csrf string
}

func newClient(t testing.TB, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) get(path string) (int, string) {
	c.t.Helper()
	resp, err := c.hc.Get(c.base + path)
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfRE.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return resp.StatusCode, string(b)
}

func (c *client) post(path string, form url.Values) (int, string, string) {
	c.t.Helper()
	resp, err := c.hc.PostForm(c.base+path, form)
	if err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// login signs in through the form, as a browser does; login = password in the simulator.
func (c *client) login(user string) {
	c.t.Helper()
	c.get("/login")
	code, loc, body := c.post("/login", url.Values{"csrf": {c.csrf}, "login": {user}, "password": {user}})
	if code != http.StatusSeeOther {
		c.t.Fatalf("sign in as %s: status %d: %s", user, code, excerpt(body))
	}
	if loc != "/" {
		c.t.Fatalf("sign in as %s redirected to %q", user, loc)
	}
	c.get("/") // picks up the session's CSRF token
}

func excerpt(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 600 {
		s = s[:600]
	}
	return s
}

func mustURL(t testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
