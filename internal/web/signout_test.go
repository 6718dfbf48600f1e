package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// Signing out ends the session on the server: a copy of the cookie taken before (another
// tab, a stolen cookie) no longer opens a page or the API.
func TestSignOutEndsTheSessionEverywhere(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	c := newClient(t, e.Server.URL)
	c.login("cfo")
	copied := newClient(t, e.Server.URL)
	u := mustURL(t, e.Server.URL)
	copied.hc.Jar.SetCookies(u, c.hc.Jar.Cookies(u))
	if code, _ := copied.get("/"); code != http.StatusOK {
		t.Fatalf("the copied cookie does not open the overview before sign-out: %d", code)
	}
	if code, loc, body := c.post("/logout", url.Values{"csrf": {c.csrf}}); code != http.StatusSeeOther || loc != "/login" {
		t.Fatalf("sign out: %d %q %s", code, loc, excerpt(body))
	}
	if code, _ := copied.get("/"); code != http.StatusSeeOther {
		t.Fatalf("after sign-out the copied cookie still opens the overview: %d", code)
	}
	if code, _ := copied.get("/api/runs"); code != http.StatusUnauthorized {
		t.Fatalf("after sign-out the copied cookie still reads the API: %d", code)
	}
}
