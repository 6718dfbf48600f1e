package api

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

type healthOut struct {
	Body struct {
		Status  string `json:"status"`
		Version string `json:"version"`
	}
}

type readyOut struct {
	Status int `json:"-"`
	Body   struct {
		Ready  bool          `json:"ready"`
		Checks []checkResult `json:"checks"`
	}
}

type checkResult struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	Took  string `json:"took"`
}

func (s *Server) routeHealth() {
	register(s, huma.Operation{
		OperationID: "healthz", Method: http.MethodGet, Path: "/healthz", Tags: []string{"Health"},
		Summary: "Liveness: the process answers",
	}, nil, func(context.Context, *struct{}) (*healthOut, error) {
		out := &healthOut{}
		out.Body.Status, out.Body.Version = "ok", s.deps.Version
		return out, nil
	})
	// readyz is a plain handler: its status code depends on the checks.
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.routes = append(s.routes, Route{Method: http.MethodGet, Path: "/readyz", OperationID: "readyz"})
}

// readyz checks the store, the queue and each Odoo connection, each within 3 seconds.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	names := make([]string, 0, len(s.deps.Ready))
	for n := range s.deps.Ready {
		names = append(names, n)
	}
	sort.Strings(names)
	out := readyOut{}
	out.Body.Ready = true
	for _, n := range names {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		start := time.Now()
		err := s.deps.Ready[n](ctx)
		cancel()
		c := checkResult{Name: n, OK: err == nil, Took: time.Since(start).Round(time.Millisecond).String()}
		if err != nil {
			c.Error = err.Error()
			out.Body.Ready = false
		}
		out.Body.Checks = append(out.Body.Checks, c)
	}
	w.Header().Set("Content-Type", "application/json")
	if !out.Body.Ready {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	json.NewEncoder(w).Encode(out.Body)
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
