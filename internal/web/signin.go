package web

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
)

// Identity is an Odoo user who proved their password or API key.
type Identity struct {
	UID    int64
	Login  string
	Name   string
	TZ     string
	Lang   string
	Groups []string // the mapped groups (xml ids) the user holds
}

// Authenticator checks a login and secret against Odoo and reports which of the given
// groups the user holds. OdooAuth is the real one; tests may supply another.
type Authenticator interface {
	Authenticate(ctx context.Context, login, secret string, groups []string) (Identity, error)
}

// errBadCredentials is what a user sees for a wrong login or password; the Odoo detail
// goes to the log only, so the form does not tell an attacker which part was wrong.
var errBadCredentials = core.Errorf(core.CodeUnauthorized, "Odoo did not accept this login and password (or API key)")

// OdooAuth signs users in against the connected Odoo with their own credentials: a
// password or an API key, through common.login (JSON-RPC, XML-RPC) or JSON-2 (19+).
type OdooAuth struct {
	URL, DB   string
	Transport string // as configured for the integration client: auto, json2, jsonrpc, xmlrpc
	Timeout   time.Duration
}

// Authenticate logs in as the user, then asks Odoo, as that user, which groups they hold
// (res.users.has_group) and reads their name, timezone and language.
func (a OdooAuth) Authenticate(ctx context.Context, login, secret string, groups []string) (Identity, error) {
	if a.URL == "" {
		return Identity{}, core.Errorf(core.CodeUnavailable, "no Odoo is configured: set SMARTODOO_ODOO_URL so users can sign in")
	}
	cfg := odoo.Config{URL: a.URL, DB: a.DB, User: login, Password: secret, Transport: a.Transport,
		Timeout: a.Timeout, MaxRetries: -1}
	if cfg.Transport == odoo.TransportJSON2 {
		cfg.APIKey, cfg.Password = secret, ""
	}
	c, err := odoo.New(cfg)
	if err != nil {
		return Identity{}, fmt.Errorf("configure sign-in client: %w", err)
	}
	uid, err := c.Login(ctx)
	if err != nil {
		if odoo.KindOf(err) == odoo.KindAccessDenied {
			return Identity{}, errBadCredentials
		}
		return Identity{}, &core.Error{Code: core.CodeUnavailable, Message: "Odoo could not be reached to check the sign-in; try again shortly", Err: err}
	}
	if uid == 0 {
		return Identity{}, errBadCredentials
	}
	id := Identity{UID: uid, Login: login}
	if err := readUser(ctx, c, &id); err != nil {
		return Identity{}, err
	}
	for _, g := range groups {
		var has bool
		// group_ext_id by name: JSON-2 (19+) takes named arguments only, execute_kw either way.
		if err := c.Call(ctx, "res.users", "has_group", []any{[]int64{uid}}, map[string]any{"group_ext_id": g}, &has); err != nil {
			if odoo.KindOf(err) == odoo.KindAccessDenied {
				return Identity{}, errBadCredentials
			}
			// A group of an uninstalled module (no stock, no sales) is simply not held.
			continue
		}
		if has {
			id.Groups = append(id.Groups, g)
		}
	}
	return id, nil
}

func readUser(ctx context.Context, c *odoo.Client, id *Identity) error {
	var rows []struct {
		Name odoo.String `json:"name"`
		TZ   odoo.String `json:"tz"`
		Lang odoo.String `json:"lang"`
	}
	if err := c.Read(ctx, "res.users", []int64{id.UID}, []string{"name", "tz", "lang"}, &rows); err != nil {
		if odoo.KindOf(err) == odoo.KindAccessDenied {
			return errBadCredentials
		}
		return &core.Error{Code: core.CodeUnavailable, Message: "Odoo answered the sign-in but not the user's profile; try again", Err: err}
	}
	if len(rows) == 1 {
		id.Name, id.TZ, id.Lang = string(rows[0].Name), string(rows[0].TZ), string(rows[0].Lang)
	}
	if id.Name == "" {
		id.Name = id.Login
	}
	return nil
}

// GroupRole maps an Odoo group (xml id) to a dashboard role.
type GroupRole struct {
	Group string
	Role  core.Role
}

// DefaultRoleMap is checked in order; the first group the user holds gives the role, and a
// user with none of them is a viewer.
var DefaultRoleMap = []GroupRole{
	{"base.group_system", core.RoleAdmin},
	{"account.group_account_manager", core.RoleCFO},
	{"sales_team.group_sale_manager", core.RoleSales},
	{"stock.group_stock_manager", core.RoleWarehouse},
}

// ParseRoleMap reads "group=role,group=role" (first match wins), e.g.
// "base.group_system=admin,account.group_account_manager=cfo".
func ParseRoleMap(s string) ([]GroupRole, error) {
	var out []GroupRole
	for i, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		g, r, ok := strings.Cut(part, "=")
		role := core.Role(strings.TrimSpace(r))
		g = strings.TrimSpace(g)
		if !ok || !strings.Contains(g, ".") || !role.Valid() {
			return nil, fmt.Errorf("role map entry %d %q: want module.group_xmlid=role with role one of admin, cfo, sales, warehouse, viewer", i+1, part)
		}
		out = append(out, GroupRole{Group: g, Role: role})
	}
	if len(out) == 0 {
		return nil, errors.New("role map is empty: give at least one group=role pair")
	}
	return out, nil
}

// roleFor picks the role of the first mapped group the user holds.
func roleFor(m []GroupRole, held []string) core.Role {
	for _, gr := range m {
		for _, h := range held {
			if h == gr.Group {
				return gr.Role
			}
		}
	}
	return core.RoleViewer
}

func mapGroups(m []GroupRole) []string {
	out := make([]string, 0, len(m))
	for _, gr := range m {
		out = append(out, gr.Group)
	}
	return out
}
