package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// TestRoleMatrix walks every route with no key, with each role's key and with a revoked key:
// a role outside the route's list gets 403, no key gets 401, a listed role gets past auth.
func TestRoleMatrix(t *testing.T) {
	e, _ := apptest.StartWithSim(t, apptest.Dialects()[0].DSN(t), company.SizeSmall, app.Options{})
	routes := e.App.API.Routes()
	if len(routes) < 25 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	// Ids that exist nowhere: the matrix is about who gets past authorisation, and DELETE
	// /api/keys/{id} must not revoke one of the test's own keys.
	fill := strings.NewReplacer("{id}", "999999", "{automation}", "ping", "{token}", "nope", "{period}", "2026-11", "{partner_id}", "999999")
	for _, rt := range routes {
		path := fill.Replace(rt.Path)
		if rt.Roles == nil {
			continue // public: health and webhooks (which authenticate by signature or token)
		}
		if r := e.Do("", rt.Method, path, []byte(`{}`)); r.Status != http.StatusUnauthorized {
			t.Errorf("%s %s without a key: %d, want 401", rt.Method, rt.Path, r.Status)
		}
		for _, role := range core.Roles {
			r := e.Do(role, rt.Method, path, []byte(`{}`))
			allowed := slices.Contains(rt.Roles, role)
			switch {
			case allowed && (r.Status == 401 || r.Status == 403):
				t.Errorf("%s %s as %s: %d %s, want access", rt.Method, rt.Path, role, r.Status, r.Body)
			case !allowed && r.Status != 403:
				t.Errorf("%s %s as %s: %d, want 403", rt.Method, rt.Path, role, r.Status)
			case r.Status >= 500:
				t.Errorf("%s %s as %s: %d %s", rt.Method, rt.Path, role, r.Status, r.Body)
			}
		}
	}
	// Admin-only routes really are: a viewer cannot create keys or change rules.
	for _, p := range []struct{ method, path string }{{"POST", "/api/keys"}, {"PUT", "/api/rules/ping"}, {"GET", "/api/events"}} {
		if r := e.Do(core.RoleViewer, p.method, p.path, []byte(`{}`)); r.Status != 403 {
			t.Errorf("viewer %s %s: %d", p.method, p.path, r.Status)
		}
	}
	// A revoked key is refused at once.
	keys, _ := e.App.Store.ListAPIKeys(t.Context())
	for _, k := range keys {
		if k.Role == core.RoleAdmin {
			e.App.Store.RevokeAPIKey(t.Context(), k.ID)
		}
	}
	if r := e.Do(core.RoleAdmin, "GET", "/api/rules", nil); r.Status != 401 {
		t.Errorf("revoked key: %d, want 401", r.Status)
	}
}

func TestBearerAndDocs(t *testing.T) {
	e := apptest.Start(t, apptest.Dialects()[0].DSN(t), app.Options{})
	r := e.Do("", "GET", "/api/rules", nil, "Authorization", "Bearer "+e.Keys[core.RoleViewer])
	if r.Status != 200 || !strings.Contains(string(r.Body), `"ping"`) {
		t.Fatalf("bearer: %d %s", r.Status, r.Body)
	}
	for _, p := range []string{"/openapi.json", "/docs", "/healthz", "/readyz", "/metrics"} {
		if r := e.Do("", "GET", p, nil); r.Status != 200 {
			t.Errorf("%s: %d %s", p, r.Status, r.Body)
		}
	}
	if r := e.Do("", "GET", "/docs", nil); strings.Contains(string(r.Body), "http") && strings.Contains(string(r.Body), "<script src=") {
		t.Errorf("/docs loads a remote script")
	}
	m := e.Do("", "GET", "/metrics", nil)
	if !strings.Contains(string(m.Body), `smartodoo_http_requests_total{route="GET /api/rules",status="200"}`) {
		t.Errorf("metrics do not count requests by route pattern:\n%.2000s", m.Body)
	}
	spec := e.Do("", "GET", "/openapi.json", nil)
	if !strings.Contains(string(spec.Body), `"openapi":"3.1.0"`) {
		t.Errorf("openapi version missing: %.200s", spec.Body)
	}
}
