package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/smartodoo/smartodoo/internal/changefeed"
	"github.com/smartodoo/smartodoo/internal/config"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/store"
)

// NewOdooClient builds the client for the configured Odoo, or nil when none is configured.
func NewOdooClient(cfg config.Config, logger *slog.Logger) (*odoo.Client, error) {
	if cfg.OdooURL == "" {
		return nil, nil
	}
	c, err := odoo.New(odoo.Config{
		URL: cfg.OdooURL, DB: cfg.OdooDB, User: cfg.OdooUser, APIKey: cfg.OdooAPIKey, Password: cfg.OdooPassword,
		Transport: cfg.OdooTransport, Logger: logger.With("component", "odoo"),
	})
	if err != nil {
		return nil, fmt.Errorf("configure Odoo client: %w", err)
	}
	return c, nil
}

// TransientOdoo reports Odoo failures worth retrying later (network, 429, 502/503,
// serialization conflicts); Odoo refusing an operation is not one of them.
func TransientOdoo(err error) bool {
	var oe *odoo.Error
	return errors.As(err, &oe) && oe.Retryable
}

// odooReady is the /readyz check of an Odoo connection: it must answer now (Version is
// cached after the first answer, Ping asks every time).
func odooReady(c *odoo.Client) func(context.Context) error { return c.Ping }

// ensureConnection records the configured Odoo as connection "main", creating its secret
// webhook token the first time.
func (a *App) ensureConnection(ctx context.Context) (*store.Connection, error) {
	conns, err := a.Store.ListConnections(ctx)
	if err != nil {
		return nil, fmt.Errorf("list Odoo connections: %w", err)
	}
	conn := &store.Connection{Name: "main"}
	for _, c := range conns {
		if c.Name == "main" {
			*conn = c
		}
	}
	if conn.WebhookToken == "" {
		conn.WebhookToken = changefeed.NewToken()
	}
	conn.URL, conn.DB, conn.User, conn.Transport = a.Config.OdooURL, a.Config.OdooDB, a.Config.OdooUser, a.Config.OdooTransport
	if err := a.Store.UpsertConnection(ctx, conn); err != nil {
		return nil, fmt.Errorf("record the Odoo connection: %w", err)
	}
	return conn, nil
}

// WatchedModels are the Odoo models the registered automations react to.
func (a *App) WatchedModels() []string {
	seen := map[string]bool{}
	var out []string
	for _, info := range a.Registry.Infos() {
		if info.Name == "ping" {
			continue // the self-test reacts to events, it does not need its model polled
		}
		for _, m := range info.Models {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// defaultCompany is the connection user's current company, asked once and remembered.
func (a *App) defaultCompany() func(ctx context.Context) (int64, error) {
	var mu sync.Mutex
	var known int64
	return func(ctx context.Context) (int64, error) {
		mu.Lock()
		defer mu.Unlock()
		if known != 0 {
			return known, nil
		}
		uid, err := a.Odoo.UID(ctx)
		if err != nil {
			return 0, err
		}
		var users []struct {
			Company odoo.Many2one `json:"company_id"`
		}
		if err := a.Odoo.Read(ctx, "res.users", []int64{uid}, []string{"company_id"}, &users); err != nil {
			return 0, err
		}
		if len(users) == 0 || users[0].Company.ID == 0 {
			return 0, fmt.Errorf("Odoo user %d has no company", uid)
		}
		known = users[0].Company.ID
		return known, nil
	}
}
