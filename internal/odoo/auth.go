package odoo

import (
	"context"
	"encoding/json"
	"fmt"
)

// UID returns the logged-in user's id, logging in on first use.
func (c *Client) UID(ctx context.Context) (int64, error) {
	c.shared.mu.Lock()
	uid := c.shared.uid
	c.shared.mu.Unlock()
	if uid != 0 {
		return uid, nil
	}
	return c.Login(ctx)
}

// Login authenticates again and caches the uid. JSON-RPC and XML-RPC use common.login
// (an API key works in place of the password); bad credentials are an AccessDenied error.
// JSON-2 has no login: the API key is checked by looking up the configured user.
func (c *Client) Login(ctx context.Context) (int64, error) {
	tr, err := c.transport(ctx)
	if err != nil {
		return 0, err
	}
	var uid int64
	if tr.name() == TransportJSON2 {
		uid, err = c.json2UID(ctx, tr)
	} else {
		uid, err = c.login(ctx, tr)
	}
	if err != nil {
		return 0, err
	}
	c.shared.mu.Lock()
	c.shared.uid = uid
	c.shared.mu.Unlock()
	return uid, nil
}

func (c *Client) login(ctx context.Context, tr transport) (int64, error) {
	if c.cfg.DB == "" || c.cfg.User == "" {
		return 0, &Error{Kind: KindAccessDenied, Method: "login", Transport: tr.name(),
			Message: "DB and User must be set to log in over " + tr.name()}
	}
	var res loginResult
	err := c.withRetry(ctx, rpcName{tr.name(), "common", "login"}, true, func() error {
		return tr.common(ctx, "login", []any{c.cfg.DB, c.cfg.User, c.cfg.secret()}, &res)
	})
	if err != nil {
		return 0, err
	}
	if res.uid <= 0 {
		return 0, &Error{Kind: KindAccessDenied, Method: "login", Transport: tr.name(),
			Message: fmt.Sprintf("Odoo refused user %q on database %q: check the login and the API key or password", c.cfg.User, c.cfg.DB)}
	}
	return res.uid, nil
}

// json2UID finds the user's id with the API key, which also proves the key works.
func (c *Client) json2UID(ctx context.Context, tr transport) (int64, error) {
	if c.cfg.User == "" {
		// Any authenticated read proves the key; without a login there is no uid to look up.
		_, err := c.SearchCount(ctx, "res.users", Cond("id", "=", 0))
		return 0, err
	}
	ids, err := c.Search(ctx, "res.users", Cond("login", "=", c.cfg.User), Limit(1))
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, &Error{Kind: KindAccessDenied, Method: "login", Transport: tr.name(),
			Message: fmt.Sprintf("the API key works but no user has login %q", c.cfg.User)}
	}
	return ids[0], nil
}

// loginResult reads common.login's answer: a uid, or false for bad credentials.
type loginResult struct{ uid int64 }

func (r *loginResult) UnmarshalJSON(b []byte) error {
	if string(b) == "false" || string(b) == "null" {
		r.uid = 0
		return nil
	}
	return json.Unmarshal(b, &r.uid)
}
