package odoo

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
)

// Client talks to one Odoo database over one transport, chosen at the first call. It is
// safe for concurrent use; WithContext returns a view sharing connection, limits and login.
type Client struct {
	cfg     Config
	http    *httpDoer
	shared  *shared
	context map[string]any // default Odoo context (lang, tz, allowed_company_ids, …)
}

// shared is the state every WithContext view of a client has in common.
type shared struct {
	sem     chan struct{}
	limiter *tokenBucket

	mu      sync.Mutex
	tr      transport
	version *VersionInfo
	uid     int64
}

// New checks cfg and builds a client. It does not contact Odoo: the transport is chosen
// and the user logged in on the first call (or call Connect to do it now).
func New(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Client{
		cfg:  cfg,
		http: newHTTPDoer(cfg),
		shared: &shared{
			sem:     make(chan struct{}, cfg.MaxConcurrency),
			limiter: newTokenBucket(cfg.RatePerSecond, cfg.Clock, cfg.Sleep),
		},
	}, nil
}

// WithContext returns a client whose calls carry these context keys (lang, tz,
// allowed_company_ids, active_test, …) merged over the current ones. Use it per company:
// c.WithContext(map[string]any{"allowed_company_ids": []int64{3}}).
func (c *Client) WithContext(kv map[string]any) *Client {
	cp := *c
	cp.context = maps.Clone(c.context)
	if cp.context == nil {
		cp.context = map[string]any{}
	}
	maps.Copy(cp.context, kv)
	return &cp
}

// Connect chooses the transport and, for JSON-RPC and XML-RPC, logs in. Calls do this
// on their own; Connect surfaces a wrong URL or bad credentials early.
func (c *Client) Connect(ctx context.Context) error {
	if _, err := c.transport(ctx); err != nil {
		return err
	}
	_, err := c.UID(ctx)
	return err
}

// TransportName reports the transport in use ("" before the first call).
func (c *Client) TransportName() string {
	c.shared.mu.Lock()
	defer c.shared.mu.Unlock()
	if c.shared.tr == nil {
		return ""
	}
	return c.shared.tr.name()
}

// transport returns the chosen transport, choosing it on first use.
func (c *Client) transport(ctx context.Context) (transport, error) {
	c.shared.mu.Lock()
	defer c.shared.mu.Unlock()
	if c.shared.tr != nil {
		return c.shared.tr, nil
	}
	tr, v, err := c.choose(ctx)
	if err != nil {
		return nil, err
	}
	c.shared.tr = tr
	if v != nil {
		c.shared.version = v
	}
	c.cfg.Logger.Info("odoo transport chosen", "transport", tr.name(), "url", c.cfg.URL, "version", v.String())
	return tr, nil
}

func (c *Client) jsonrpc() *jsonrpcTransport {
	return &jsonrpcTransport{http: c.http, db: c.cfg.DB, secret: c.cfg.secret()}
}
func (c *Client) json2() *json2Transport {
	return &json2Transport{http: c.http, db: c.cfg.DB, apiKey: c.cfg.APIKey}
}
func (c *Client) xmlrpc() *xmlrpcTransport {
	return &xmlrpcTransport{http: c.http, db: c.cfg.DB, secret: c.cfg.secret()}
}

// choose picks the transport. "auto" asks common.version over /jsonrpc (16-21), then
// GET /json/version (19+, the only way once /jsonrpc is gone in 22), then XML-RPC; it
// prefers JSON-2 on 19+ when an API key is set, JSON-RPC otherwise, XML-RPC last.
func (c *Client) choose(ctx context.Context) (transport, *VersionInfo, error) {
	switch c.cfg.Transport {
	case TransportJSON2:
		return c.json2(), nil, nil
	case TransportJSONRPC:
		return c.jsonrpc(), nil, nil
	case TransportXMLRPC:
		return c.xmlrpc(), nil, nil
	}
	var errs []error
	candidates := []transport{c.jsonrpc(), c.json2(), c.xmlrpc()}
	for _, tr := range candidates {
		if tr.name() == TransportJSON2 && c.cfg.APIKey == "" {
			continue
		}
		v, err := c.askVersion(ctx, tr)
		if err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
			continue
		}
		if v.Major >= 19 && c.cfg.APIKey != "" {
			return c.json2(), v, nil
		}
		if c.cfg.APIKey != "" && v.Major == 18 && v.Minor >= 3 && tr.name() == TransportJSONRPC {
			// Odoo Online's saas~18.3+ may already serve JSON-2 (it landed in master before 19):
			// use it when /json/version answers there.
			if _, err := c.askVersion(ctx, c.json2()); err == nil {
				return c.json2(), v, nil
			}
		}
		if tr.name() == TransportJSON2 { // /json/version answered: JSON-2 is there, whatever it says
			return tr, v, nil
		}
		if c.cfg.DB == "" || c.cfg.User == "" {
			return nil, v, fmt.Errorf("odoo %s at %s: %s needs DB and User to log in (JSON-2 needs Odoo 19+ and an API key)",
				v.ServerVersion, c.cfg.URL, tr.name())
		}
		return tr, v, nil
	}
	return nil, nil, fmt.Errorf("odoo at %s: no API answered (tried JSON-RPC, JSON-2, XML-RPC): %w", c.cfg.URL, errors.Join(errs...))
}

func (c *Client) askVersion(ctx context.Context, tr transport) (*VersionInfo, error) {
	var v VersionInfo
	err := c.withRetry(ctx, rpcName{tr.name(), "common", "version"}, true, func() error { return tr.common(ctx, "version", nil, &v) })
	if err != nil {
		return nil, err
	}
	if err := v.parse(); err != nil {
		return nil, &Error{Kind: KindBadResponse, Method: "version", Transport: tr.name(), Message: err.Error()}
	}
	return &v, nil
}

// Version returns the server version (cached after the first answer).
func (c *Client) Version(ctx context.Context) (VersionInfo, error) {
	tr, err := c.transport(ctx)
	if err != nil {
		return VersionInfo{}, err
	}
	c.shared.mu.Lock()
	v := c.shared.version
	c.shared.mu.Unlock()
	if v != nil {
		return *v, nil
	}
	if v, err = c.askVersion(ctx, tr); err != nil {
		return VersionInfo{}, err
	}
	c.shared.mu.Lock()
	c.shared.version = v
	c.shared.mu.Unlock()
	return *v, nil
}

// Close releases idle HTTP connections. The client stays usable; calling Close when done
// keeps goroutine-leak checks in tests quiet.
func (c *Client) Close() { c.http.client.CloseIdleConnections() }

// Ping asks Odoo its version again (Version caches it), for readiness checks: it fails
// when Odoo cannot be reached now.
func (c *Client) Ping(ctx context.Context) error {
	tr, err := c.transport(ctx)
	if err != nil {
		return err
	}
	_, err = c.askVersion(ctx, tr)
	return err
}
