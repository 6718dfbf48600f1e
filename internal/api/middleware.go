package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/smartodoo/smartodoo/internal/apikey"
	"github.com/smartodoo/smartodoo/internal/core"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyPrincipal
)

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(keyRequestID).(string)
	return id
}

// PrincipalFrom returns the authenticated caller of a request.
func PrincipalFrom(ctx context.Context) (core.Principal, bool) {
	p, ok := ctx.Value(keyPrincipal).(core.Principal)
	return p, ok
}

func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyRequestID, id)))
	})
}

// recoverPanics turns a bug into a 500 with a request id instead of a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				id := requestID(r.Context())
				s.deps.Logger.Error("panic in handler", "request_id", id, "panic", v)
				writeProblem(w, http.StatusInternalServerError, "internal error; quote request id "+id+" when reporting it")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	b, _ := jsonMarshal(map[string]any{"title": http.StatusText(status), "status": status, "detail": detail})
	w.Write(b)
}

// authorize admits callers with an API key (X-API-Key or Authorization: Bearer) or a
// dashboard session whose role is in roles.
func (s *Server) authorize(roles []core.Role) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		p, err := s.authenticate(ctx)
		if err != nil {
			huma.WriteErr(s.api, ctx, http.StatusUnauthorized, core.MessageOf(err))
			return
		}
		if !slices.Contains(roles, p.Role) {
			huma.WriteErr(s.api, ctx, http.StatusForbidden, "role "+string(p.Role)+" may not call this operation (allowed: "+roleList(roles)+")")
			return
		}
		next(huma.WithValue(ctx, keyPrincipal, p))
	}
}

func (s *Server) authenticate(ctx huma.Context) (core.Principal, error) {
	key := ctx.Header("X-API-Key")
	if key == "" {
		if auth := ctx.Header("Authorization"); len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
			key = strings.TrimSpace(auth[7:])
		}
	}
	if key == "" {
		if s.deps.Sessions != nil {
			r, _ := humago.Unwrap(ctx)
			if p, ok := s.deps.Sessions(r); ok {
				return p, nil
			}
		}
		return core.Principal{}, core.Errorf(core.CodeUnauthorized, "no credentials: send an API key in X-API-Key or Authorization: Bearer (create one with `smartodoo apikey create`)")
	}
	k, err := s.deps.Store.LookupAPIKey(ctx.Context(), apikey.Hash(key))
	if err != nil {
		return core.Principal{}, core.Errorf(core.CodeUnauthorized, "unknown or revoked API key")
	}
	s.touch(ctx.Context(), k.ID)
	return core.Principal{Kind: "apikey", ID: k.Prefix, Name: k.Name, Role: k.Role}, nil
}

// touch records a key's last use at most once a minute per key: a write per request would
// make every API call contend with ingest for SQLite's single writer.
func (s *Server) touch(ctx context.Context, id int64) {
	now := s.deps.Clock()
	s.touchMu.Lock()
	last, seen := s.touched[id]
	if seen && now.Sub(last) < time.Minute {
		s.touchMu.Unlock()
		return
	}
	s.touched[id] = now
	s.touchMu.Unlock()
	if err := s.deps.Store.TouchAPIKey(ctx, id, now); err != nil {
		s.deps.Logger.Warn("record API key use", "key", id, "err", err)
	}
}
