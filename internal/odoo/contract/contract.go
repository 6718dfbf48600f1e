// Package contract is the Odoo client's contract suite: the same checks run against a real
// Odoo (SMARTODOO_TEST_ODOO_* variables) and against the simulator (internal/odoosim), so
// both are held to one behaviour. Run(t, target) exercises every client call, every error
// class and, when the target is writable, creates, reads, writes and deletes its own
// records of every typed model over every transport the target offers.
package contract

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
)

// Target is an Odoo to check.
type Target struct {
	Name     string
	URL      string
	DB       string
	User     string
	APIKey   string
	Password string
	// Transports to exercise; empty means every transport the server's version offers
	// (JSON-2 from 19 with an API key, JSON-RPC and XML-RPC always).
	Transports []string
	// Writable lets the suite create records (and delete them again). Leave it false
	// against a database whose data must not change at all.
	Writable   bool
	HTTPClient *http.Client
	Timeout    time.Duration // per test; default 2 minutes
	// KnownGaps turns named subtests ("writes/res.company", "business methods") into skips
	// that say why: for a simulator that does not yet do what Odoo does. Never set it for a
	// real Odoo.
	KnownGaps map[string]string
}

// Run runs the whole suite, one subtest per transport.
func Run(t *testing.T, target Target) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), cmp.Or(target.Timeout, 2*time.Minute))
	defer cancel()
	probe := target.client(t, odoo.TransportAuto)
	v, err := probe.Version(ctx)
	if err != nil {
		t.Fatalf("%s: version: %v", target.Name, err)
	}
	transports := target.Transports
	if len(transports) == 0 {
		transports = []string{odoo.TransportJSONRPC, odoo.TransportXMLRPC}
		if v.Major >= 19 && target.APIKey != "" {
			transports = append([]string{odoo.TransportJSON2}, transports...)
		}
	}
	for _, tr := range transports {
		t.Run(tr, func(t *testing.T) {
			s := &suite{t: t, ctx: ctx, target: target, c: target.client(t, tr), major: v.Major, transport: tr}
			s.run()
		})
	}
}

// client builds a client for one transport, failing the test on a bad configuration.
func (tg Target) client(t *testing.T, transport string, mod ...func(*odoo.Config)) *odoo.Client {
	t.Helper()
	cfg := odoo.Config{URL: tg.URL, DB: tg.DB, User: tg.User, APIKey: tg.APIKey, Password: tg.Password,
		Transport: transport, HTTPClient: tg.HTTPClient, RetryBaseDelay: 10 * time.Millisecond}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := odoo.New(cfg)
	if err != nil {
		t.Fatalf("odoo.New(%s): %v", transport, err)
	}
	return c
}

type suite struct {
	t         *testing.T
	ctx       context.Context
	target    Target
	c         *odoo.Client
	major     int
	transport string
}

func (s *suite) run() {
	s.t.Run("connect", s.connect)
	s.t.Run("reads", s.reads)
	s.t.Run("typed reads", s.typedReads)
	s.t.Run("paging", s.paging)
	s.t.Run("errors", s.errors)
	if s.target.Writable {
		s.t.Run("writes", s.writes)
		s.t.Run("business methods", s.gap("business methods", s.business))
	}
}

// gap wraps a subtest so a known gap of the target is reported as a skip with its reason.
func (s *suite) gap(name string, fn func(*testing.T)) func(*testing.T) {
	return func(t *testing.T) {
		if why, ok := s.target.KnownGaps[name]; ok {
			t.Skipf("known gap of %s: %s", s.target.Name, why)
		}
		fn(t)
	}
}

func (s *suite) connect(t *testing.T) {
	if err := s.c.Connect(s.ctx); err != nil {
		t.Fatalf("connect: %v", err)
	}
	if got := s.c.TransportName(); got != s.transport {
		t.Errorf("transport %q, want %q", got, s.transport)
	}
	uid, err := s.c.UID(s.ctx)
	if err != nil || uid <= 0 {
		t.Errorf("uid %d, %v", uid, err)
	}
	v, err := s.c.Version(s.ctx)
	if err != nil || v.Major != s.major {
		t.Errorf("version %+v, %v", v, err)
	}
}

// expectKind fails unless err is an *odoo.Error of kind want.
func expectKind(t *testing.T, what string, err error, want odoo.Kind) {
	t.Helper()
	var oe *odoo.Error
	switch {
	case err == nil:
		t.Errorf("%s: no error, want %s", what, want)
	case !errors.As(err, &oe):
		t.Errorf("%s: %T %v, want *odoo.Error", what, err, err)
	case oe.Kind != want:
		t.Errorf("%s: kind %s, want %s (%v)", what, oe.Kind, want, err)
	}
}
