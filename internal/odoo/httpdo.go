package odoo

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"time"
)

// httpDoer sends one HTTP request and reads a bounded answer. It knows nothing of RPC
// envelopes; the transports interpret the bytes.
type httpDoer struct {
	client    *http.Client
	base      string
	maxBody   int64
	userAgent string
	clock     func() time.Time
}

type httpAnswer struct {
	status int
	header http.Header
	body   []byte
}

func newHTTPDoer(cfg Config) *httpDoer {
	var c http.Client
	if cfg.HTTPClient != nil {
		c = *cfg.HTTPClient // a copy: the caller's client keeps its own redirect policy
	} else {
		c.Timeout = cfg.Timeout
	}
	// Odoo answers "not logged in" and "no JSON-2 here" with a redirect to /web/login;
	// following it would turn a clear failure into a confusing HTML page.
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &httpDoer{client: &c, base: cfg.URL, maxBody: cfg.MaxResponseBytes, userAgent: cfg.UserAgent, clock: cfg.Clock}
}

// do sends the request. A failure before any answer is a KindTransport *Error whose
// delivered field says whether Odoo may have received (and acted on) the request.
func (h *httpDoer) do(ctx context.Context, method, path, contentType string, body []byte, headers ...string) (*httpAnswer, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.base+path, rd)
	if err != nil {
		return nil, &Error{Kind: KindTransport, Message: "build request for " + path, Err: err}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("User-Agent", h.userAgent)
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] != "" {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	wrote := false
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { wrote = true }}
	req = req.WithContext(httptrace.WithClientTrace(ctx, trace))

	resp, err := h.client.Do(req)
	if err != nil {
		return nil, &Error{
			Kind: KindTransport, Message: fmt.Sprintf("%s %s", method, path), Err: err,
			Retryable: ctx.Err() == nil, delivered: wrote,
		}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, h.maxBody+1))
	if err != nil {
		return nil, &Error{
			Kind: KindTransport, HTTPStatus: resp.StatusCode, Err: err,
			Message:   fmt.Sprintf("read the answer to %s %s", method, path),
			Retryable: ctx.Err() == nil, delivered: true,
		}
	}
	if int64(len(data)) > h.maxBody {
		return nil, &Error{
			Kind: KindBadResponse, HTTPStatus: resp.StatusCode,
			Message: fmt.Sprintf("answer to %s is larger than %d bytes: request fewer records per page or raise MaxResponseBytes", path, h.maxBody),
		}
	}
	return &httpAnswer{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// statusError explains an HTTP answer that carries no RPC result, for any transport.
// It returns nil when the status is one the transport should interpret itself.
func (h *httpDoer) statusError(a *httpAnswer, path string) *Error {
	e := &Error{HTTPStatus: a.status}
	switch {
	case a.status >= 300 && a.status < 400:
		e.Kind = KindTransport
		e.Message = fmt.Sprintf("%s redirected to %q: wrong URL, or this endpoint does not exist on this Odoo version", path, a.header.Get("Location"))
	case a.status == http.StatusTooManyRequests:
		e.Kind, e.Retryable = KindTransport, true
		e.Message = "rate limited by the server (HTTP 429)"
		e.RetryAfter = retryAfter(a.header.Get("Retry-After"), h.clock)
	case a.status == http.StatusServiceUnavailable:
		// A proxy or a restarting worker: the request was not processed.
		e.Kind, e.Retryable = KindTransport, true
		e.Message = "Odoo is unavailable (HTTP 503)"
		e.RetryAfter = retryAfter(a.header.Get("Retry-After"), h.clock)
	case a.status == http.StatusBadGateway || a.status == http.StatusGatewayTimeout:
		// The proxy lost Odoo mid-request: Odoo may have done the work, so only reads repeat.
		e.Kind, e.Retryable, e.delivered = KindTransport, true, true
		e.Message = fmt.Sprintf("proxy error (HTTP %d) between us and Odoo", a.status)
	default:
		return nil
	}
	return e
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date.
func retryAfter(v string, now func() time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now()); d > 0 {
			return d
		}
	}
	return 0
}

// isJSON reports whether the answer declares a JSON body.
func (a *httpAnswer) isJSON() bool {
	mt, _, _ := mime.ParseMediaType(a.header.Get("Content-Type"))
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// notRPC describes a body that is no RPC answer at all: an HTML login page, a proxy
// error page, plain text.
func notRPC(a *httpAnswer, path, want string) *Error {
	kind := KindBadResponse
	if a.status != http.StatusOK {
		kind = KindTransport
	}
	// A 5xx that is not an Odoo error body came from a proxy or a crashed worker: worth
	// another try, but only for reads, since Odoo may have done the work.
	serverSide := a.status >= 500
	return &Error{
		Kind: kind, HTTPStatus: a.status, Retryable: serverSide, delivered: serverSide,
		Message: fmt.Sprintf("%s answered %s instead of %s: check the URL (and that it is not a login page or a proxy): %s",
			path, describeBody(a), want, snippet(a.body)),
	}
}

func describeBody(a *httpAnswer) string {
	ct := a.header.Get("Content-Type")
	trimmed := bytes.TrimSpace(a.body)
	switch {
	case len(trimmed) == 0:
		return "an empty body"
	case bytes.HasPrefix(bytes.ToLower(trimmed[:min(len(trimmed), 15)]), []byte("<!doctype html")) || bytes.HasPrefix(trimmed, []byte("<html")):
		return "an HTML page"
	case ct != "":
		return "a " + ct + " body"
	}
	return "an unrecognised body"
}

// snippet keeps error messages short and printable.
func snippet(b []byte) string {
	const max = 200
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > max {
		s = s[:max] + "…"
	}
	return strconv.Quote(s)
}
