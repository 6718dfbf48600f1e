package app

import (
	"strings"

	"github.com/smartodoo/smartodoo/internal/web"
)

// newWeb builds the dashboard over the app's services. Sign-in checks each user's own
// credentials against the configured Odoo; without an Odoo nobody can sign in, and the
// dashboard says so on its sign-in page.
func (a *App) newWeb(opts ...func(*web.Deps)) (*web.Server, error) {
	d := web.Deps{
		Store: a.Store, Approval: a.Approval, Runner: a.Runner, Starter: a.Starter, Hub: a.Hub, Odoo: a.Odoo,
		SessionSecret: []byte(a.Config.SessionSecret), Timezone: a.Config.Timezone, Clock: a.Clock,
		Logger: a.Logger.With("component", "web"),
	}
	if a.Config.OdooURL != "" {
		d.Auth = web.OdooAuth{URL: a.Config.OdooURL, DB: a.Config.OdooDB, Transport: a.Config.OdooTransport}
	}
	if a.Config.DashboardRoles != "" {
		m, err := web.ParseRoleMap(a.Config.DashboardRoles)
		if err != nil {
			return nil, err
		}
		d.RoleMap = m
	}
	d.SecureCookies = strings.HasPrefix(a.Config.PublicURL, "https://")
	if c, err := a.Registry.Get("credit"); err == nil {
		d.Credit, _ = c.(web.CreditOverrider)
	}
	for _, o := range opts {
		o(&d)
	}
	return web.New(d)
}

// mountWeb mounts the dashboard on the API's mux: pages at /, assets under /static/ and
// the live feed at /api/ws. Build the dashboard with newWeb before api.New so that its
// Principal can be passed as api.Deps.Sessions.
func (a *App) mountWeb(w *web.Server) { w.Mount(a.API.Mux()) }
