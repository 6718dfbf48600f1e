package web_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func newServer(h http.Handler) *httptest.Server { return httptest.NewServer(h) }

func TestMain(m *testing.M) { os.Exit(m.Run()) }
