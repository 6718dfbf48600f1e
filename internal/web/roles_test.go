package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// pageRoles is the expected access matrix: which roles open each page.
var pageRoles = map[string][]core.Role{
	"/":          core.Roles,
	"/approvals": core.Roles,
	"/runs":      core.Roles,
	"/bank":      {core.RoleAdmin, core.RoleCFO, core.RoleViewer},
	"/close":     {core.RoleAdmin, core.RoleCFO, core.RoleViewer},
	"/dedup":     {core.RoleAdmin, core.RoleCFO, core.RoleSales, core.RoleViewer},
	"/credit":    {core.RoleAdmin, core.RoleCFO, core.RoleSales, core.RoleViewer},
	"/audit":     {core.RoleAdmin, core.RoleCFO},
	"/settings":  {core.RoleAdmin},
}

// users maps each role to the simulator's user holding the Odoo group that grants it.
var users = map[core.Role]string{
	core.RoleAdmin: "admin", core.RoleCFO: "cfo", core.RoleSales: "sales", core.RoleWarehouse: "warehouse", core.RoleViewer: "viewer",
}

func TestRolesOnEveryPageAndAction(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	pending := seedPingProposal(t, e)
	for _, role := range core.Roles {
		t.Run(string(role), func(t *testing.T) {
			c := newClient(t, e.Server.URL)
			c.login(users[role])
			if _, body := c.get("/"); !strings.Contains(body, `class="role">`+string(role)+`<`) {
				t.Fatalf("%s signed in but the header does not show the role: %s", role, excerpt(body))
			}
			for path, allowed := range pageRoles {
				code, body := c.get(path)
				want := http.StatusForbidden
				if slices.Contains(allowed, role) {
					want = http.StatusOK
				}
				if code != want {
					t.Errorf("%s GET %s: status %d, want %d: %s", role, path, code, want, excerpt(body))
				}
			}
			code, body := c.get("/approvals/" + pending)
			if want := statusFor(role != core.RoleSales && role != core.RoleWarehouse, http.StatusOK); code != want && !(want == http.StatusForbidden && code == http.StatusNotFound) {
				t.Errorf("%s GET /approvals/%s (a ping proposal): status %d, want %d", role, pending, code, want)
			}
			if canDecide := role == core.RoleAdmin || role == core.RoleCFO; canDecide != strings.Contains(body, `value="approve"`) {
				t.Errorf("%s sees the approve button: %v, want %v", role, !canDecide, canDecide)
			}
			c.get("/")
			code, _, _ = c.post("/settings/ping", url.Values{"csrf": {c.csrf}, "enabled": {"on"}, "auto_apply_at": {"0"}})
			if want := statusFor(role == core.RoleAdmin, http.StatusSeeOther); code != want {
				t.Errorf("%s POST /settings/ping: status %d, want %d", role, code, want)
			}
			code, _, _ = c.post("/runs", url.Values{"csrf": {c.csrf}, "automation": {"bankrec"}})
			finance := role == core.RoleAdmin || role == core.RoleCFO
			if want := statusFor(finance, http.StatusSeeOther); code != want {
				t.Errorf("%s POST /runs bankrec: status %d, want %d", role, code, want)
			}
			// The ping proposal's default roles are admin and cfo: others may not decide. A
			// rejection without a reason proves the check was passed (400) without deciding.
			code, _, body = c.post("/approvals/"+pending+"/decide", url.Values{"csrf": {c.csrf}, "decision": {"reject"}})
			switch finance {
			case true:
				if code != http.StatusBadRequest || !strings.Contains(body, "say why") {
					t.Errorf("%s reject without reason: status %d %s", role, code, excerpt(body))
				}
			default:
				if code != http.StatusForbidden && code != http.StatusNotFound {
					t.Errorf("%s could reach the decision on a finance proposal: status %d %s", role, code, excerpt(body))
				}
			}
		})
	}
}

func statusFor(allowed bool, ok int) int {
	if allowed {
		return ok
	}
	return http.StatusForbidden
}

func TestSignInRefusesBadPasswordsAndForms(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	c := newClient(t, e.Server.URL)
	if code, _ := c.get("/approvals"); code != http.StatusSeeOther {
		t.Fatalf("anonymous GET /approvals: status %d, want a redirect to sign in", code)
	}
	c.get("/login")
	code, _, body := c.post("/login", url.Values{"csrf": {c.csrf}, "login": {"cfo"}, "password": {"wrong"}})
	if code != http.StatusUnauthorized || !strings.Contains(body, "did not accept") {
		t.Fatalf("bad password: status %d: %s", code, excerpt(body))
	}
	code, _, _ = c.post("/login", url.Values{"csrf": {"forged"}, "login": {"cfo"}, "password": {"cfo"}})
	if code != http.StatusForbidden {
		t.Fatalf("sign-in with a forged form token: status %d, want 403", code)
	}
	c.login("cfo")
	code, _, _ = c.post("/runs", url.Values{"automation": {"bankrec"}})
	if code != http.StatusForbidden {
		t.Fatalf("POST without CSRF token: status %d, want 403", code)
	}
	code, _, _ = c.post("/runs", url.Values{"csrf": {c.csrf + "x"}, "automation": {"bankrec"}})
	if code != http.StatusForbidden {
		t.Fatalf("POST with a wrong CSRF token: status %d, want 403", code)
	}
	other := newClient(t, e.Server.URL)
	other.login("admin")
	code, _, _ = c.post("/runs", url.Values{"csrf": {other.csrf}, "automation": {"bankrec"}})
	if code != http.StatusForbidden {
		t.Fatalf("POST with another session's CSRF token: status %d, want 403", code)
	}
	// An API key still works for machines, a dashboard session is not an API key.
	if r := e.Do(core.RoleCFO, http.MethodGet, "/api/runs", nil); r.Status != http.StatusOK {
		t.Fatalf("API key GET /api/runs: %d", r.Status)
	}
}

// TestBulkApprove applies the ticked proposals at or above 90 % and skips the others,
// whatever the form says; the applied note is in Odoo.
func TestBulkApprove(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	high, low := seedPing(t, e, 1, 0.97), seedPing(t, e, 2, 0.5)
	c := newClient(t, e.Server.URL)
	c.login("cfo")
	code, loc, body := c.post("/approvals/bulk", url.Values{"csrf": {c.csrf}, "id": {high, low}})
	if code != http.StatusSeeOther {
		t.Fatalf("bulk approve: status %d %s", code, excerpt(body))
	}
	if !strings.Contains(loc, "1+applied") || !strings.Contains(loc, "Skipped+1") {
		t.Fatalf("bulk approve message: %s", loc)
	}
	for id, want := range map[string]core.ProposalStatus{high: core.ProposalApplied, low: core.ProposalPending} {
		n, _ := strconv.ParseInt(id, 10, 64)
		p, err := e.App.Store.GetProposal(context.Background(), n)
		if err != nil || p.Status != want {
			t.Errorf("proposal %s: %s (%v), want %s", id, p.Status, err, want)
		}
	}
	partner := e.Truth.Credit.Customers[1].PartnerID
	var msgs []map[string]any
	err := e.Odoo.SearchRead(context.Background(), "mail.message", odoo.And(odoo.Cond("model", "=", "res.partner"), odoo.Cond("res_id", "=", partner)), []string{"body"}, &msgs)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("no chatter note on partner %d after bulk approval: %v %v", partner, msgs, err)
	}
}

// TestAPIAcceptsDashboardSession wires web.Server.Principal as api.Deps.Sessions, as
// internal/app does: a signed-in browser calls the API with its cookie, and a change needs
// the page's CSRF token besides.
func TestAPIAcceptsDashboardSession(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	a := e.App
	srv := api.New(api.Deps{Store: a.Store, Queue: a.Queue, Runner: a.Runner, Starter: a.Starter, Approval: a.Approval,
		Writer: a.Writer, Clock: a.Clock, Logger: a.Logger, Sessions: e.Web.Principal})
	mux := http.NewServeMux()
	e.Web.Mount(mux)
	mux.Handle("/api/", srv.Handler())
	hs := newServer(mux)
	defer hs.Close()
	c := newClient(t, hs.URL)
	c.login("cfo")
	if code, body := c.get("/api/runs"); code != http.StatusOK {
		t.Fatalf("GET /api/runs with a session: %d %s", code, body)
	}
	post := func(token string) int {
		req, _ := http.NewRequest(http.MethodPost, hs.URL+"/api/runs", strings.NewReader(`{"automation":"ping"}`))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("X-CSRF-Token", token)
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(""); code != http.StatusUnauthorized {
		t.Fatalf("POST /api/runs with a session but no CSRF token: %d, want 401", code)
	}
	if code := post(c.csrf); code != http.StatusAccepted {
		t.Fatalf("POST /api/runs with session and CSRF token: %d, want 202", code)
	}
}
