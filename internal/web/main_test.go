package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"go.uber.org/goleak"
)

func newServer(h http.Handler) *httptest.Server { return httptest.NewServer(h) }

// TestMain fails the package when a test leaves goroutines behind (a WebSocket writer, a
// subscription, a chromium reader). Idle keep-alive connections of the HTTP clients and
// database/sql's opener belong to the standard library's pools, not to us.
func TestMain(m *testing.M) {
	http.DefaultClient.CloseIdleConnections()
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("database/sql.(*DB).connectionOpener"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).writeLoop"),
	)
}
