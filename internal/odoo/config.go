package odoo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Transport names accepted in Config.Transport.
const (
	TransportAuto    = "auto"
	TransportJSON2   = "json2"
	TransportJSONRPC = "jsonrpc"
	TransportXMLRPC  = "xmlrpc"
)

// Config says how to reach one Odoo database. Zero values get sensible defaults.
type Config struct {
	URL      string // base URL, e.g. https://mycompany.odoo.com
	DB       string // database name; required for JSON-RPC and XML-RPC
	User     string // login, needed to obtain the uid for JSON-RPC and XML-RPC
	APIKey   string // preferred secret; required for JSON-2
	Password string // used when no API key is set

	Transport string // auto (default), json2, jsonrpc or xmlrpc

	Timeout          time.Duration // per HTTP request; default 60s
	MaxConcurrency   int           // in-flight requests per client; default 4
	RatePerSecond    float64       // request rate limit (token bucket); 0 = unlimited
	MaxRetries       int           // attempts after the first for transient failures; default 3, -1 = none
	RetryBaseDelay   time.Duration // first backoff; default 250ms, doubled per attempt with jitter
	RetryMaxDelay    time.Duration // backoff ceiling; default 10s
	MaxResponseBytes int64         // cap on a response body; default 256 MiB
	UserAgent        string

	HTTPClient *http.Client // default: a client with Timeout
	Logger     *slog.Logger // default: discard

	// Clock and Sleep are injected by tests; defaults are time.Now and a context-aware sleep.
	Clock func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0,1) used to spread retries; default math/rand.
	Jitter func() float64
	// Observe, when set, is told about every finished RPC (for Prometheus counters and
	// latency histograms in internal/app). It must be quick and safe for concurrent use.
	Observe func(CallInfo)
}

const defaultMaxResponse = 256 << 20

func (c Config) withDefaults() Config {
	c.Transport = cmp.Or(strings.ToLower(strings.TrimSpace(c.Transport)), TransportAuto)
	c.Timeout = cmp.Or(c.Timeout, 60*time.Second)
	c.MaxConcurrency = cmp.Or(c.MaxConcurrency, 4)
	if c.MaxRetries == 0 {
		c.MaxRetries = 3
	} else if c.MaxRetries < 0 {
		c.MaxRetries = 0
	}
	c.RetryBaseDelay = cmp.Or(c.RetryBaseDelay, 250*time.Millisecond)
	c.RetryMaxDelay = cmp.Or(c.RetryMaxDelay, 10*time.Second)
	c.MaxResponseBytes = cmp.Or(c.MaxResponseBytes, defaultMaxResponse)
	c.UserAgent = cmp.Or(c.UserAgent, "smartodoo")
	c.URL = strings.TrimRight(strings.TrimSpace(c.URL), "/")
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = sleepCtx
	}
	return c
}

// validate explains, for each problem, what to set.
func (c Config) validate() error {
	var errs []error
	u, err := url.Parse(c.URL)
	switch {
	case c.URL == "":
		errs = append(errs, errors.New("URL is empty: set it to the Odoo base URL, e.g. https://mycompany.odoo.com"))
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		errs = append(errs, fmt.Errorf("URL %q is not an http(s) URL with a host", c.URL))
	}
	switch c.Transport {
	case TransportAuto, TransportJSON2, TransportJSONRPC, TransportXMLRPC:
	default:
		errs = append(errs, fmt.Errorf("transport %q is unknown: use auto, json2, jsonrpc or xmlrpc", c.Transport))
	}
	if c.APIKey == "" && c.Password == "" {
		errs = append(errs, errors.New("no credentials: set an API key (preferred) or a password"))
	}
	if c.Transport == TransportJSON2 && c.APIKey == "" {
		errs = append(errs, errors.New("transport json2 needs an API key (Odoo preferences > Account Security > New API Key)"))
	}
	if (c.Transport == TransportJSONRPC || c.Transport == TransportXMLRPC) && (c.DB == "" || c.User == "") {
		errs = append(errs, fmt.Errorf("transport %s needs DB and User to log in", c.Transport))
	}
	if c.MaxConcurrency < 0 || c.RatePerSecond < 0 || c.MaxResponseBytes < 0 {
		errs = append(errs, errors.New("MaxConcurrency, RatePerSecond and MaxResponseBytes must not be negative"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("odoo config: %w", errors.Join(errs...))
	}
	return nil
}

// secret is what execute_kw and login take as the password: an API key works in its place.
func (c Config) secret() string { return cmp.Or(c.APIKey, c.Password) }

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
