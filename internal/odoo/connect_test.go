package odoo

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

func TestAutoTransportSelection(t *testing.T) {
	notFound := func(w http.ResponseWriter, r *http.Request, _ []byte) { http.NotFound(w, r) }
	cases := []struct {
		name   string
		major  int
		minor  int
		apiKey string
		block  string // path prefix answering 404
		want   string
	}{
		{"19 with key", 19, 0, "key", "", TransportJSON2},
		{"19 with password only", 19, 0, "", "", TransportJSONRPC},
		{"18 with key", 18, 0, "key", "", TransportJSONRPC},
		{"saas~18.4 serving JSON-2", 18, 4, "key", "", TransportJSON2},
		{"saas~18.4 without JSON-2", 18, 4, "key", "/json/", TransportJSONRPC},
		{"no jsonrpc (Odoo 22)", 22, 0, "key", "/jsonrpc", TransportJSON2},
		{"only xmlrpc", 17, 0, "key", "/jsonrpc", TransportXMLRPC},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake, srv := newFakeOdoo(t, tc.major, anyTransport(int64(3)))
			fake.minor = tc.minor
			if tc.block != "" {
				inner := fake
				blocked := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if strings.HasPrefix(r.URL.Path, tc.block) || (tc.want == TransportXMLRPC && r.URL.Path == "/json/version") {
						notFound(w, r, nil)
						return
					}
					inner.ServeHTTP(w, r)
				})
				srv.Config.Handler = blocked
			}
			c := testClient(t, srv, TransportAuto, func(c *Config) { c.APIKey, c.Password = tc.apiKey, "pw" })
			n, err := c.SearchCount(context.Background(), "res.partner", nil)
			if err != nil || n != 3 {
				t.Fatalf("search_count: %v %v", n, err)
			}
			if c.TransportName() != tc.want {
				t.Errorf("transport %s, want %s", c.TransportName(), tc.want)
			}
			v, _ := c.Version(context.Background())
			if v.Major != tc.major {
				t.Errorf("version %+v", v)
			}
		})
	}
}

func TestLoginRefused(t *testing.T) {
	for _, tr := range []string{TransportJSONRPC, TransportXMLRPC} {
		fake, srv := newFakeOdoo(t, 18, nil)
		srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/xmlrpc/2/common" {
				xmlrpc.EncodeResponse(w, false)
				return
			}
			jsonResult(false)(w, r, nil)
		})
		_ = fake
		_, err := testClient(t, srv, tr).Login(context.Background())
		if !errors.Is(err, ErrAccessDenied) {
			t.Errorf("%s: %v", tr, err)
		}
	}
}

func TestPingIsNotCached(t *testing.T) {
	fake, srv := newFakeOdoo(t, 19, anyTransport(true))
	c := testClient(t, srv, TransportJSONRPC, func(c *Config) { c.MaxRetries = -1 })
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := fake.count()
	if _, err := c.Version(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := c.Ping(context.Background()); err != nil || fake.count() != before+2 {
		t.Errorf("ping %v, %d requests after %d (version is cached after the first, ping is not)", err, fake.count(), before)
	}
	srv.Close()
	if err := c.Ping(context.Background()); !errors.Is(err, ErrTransport) {
		t.Errorf("ping of a stopped server: %v", err)
	}
}
