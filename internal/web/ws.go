package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/coder/websocket"

	"github.com/smartodoo/smartodoo/internal/apikey"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/live"
)

// wsBuffer is how many updates a slow browser may lag behind before it misses some (the
// hub drops rather than block a run); the page then reloads its data on the next update.
const wsBuffer = 256

// websocket streams live updates (runs, findings, proposals) to a signed-in browser or an
// API key holder, filtered by role: a message about an automation the role does not see
// is never sent.
func (s *Server) websocket(w http.ResponseWriter, r *http.Request) {
	who, stillValid, ok := s.wsPrincipal(r)
	if !ok {
		http.Error(w, "sign in, or send an API key in X-API-Key, to receive live updates", http.StatusUnauthorized)
		return
	}
	// Accept checks the Origin against the Host: another site cannot ride a user's cookie.
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer conn.CloseNow()
	sub := s.d.Hub.Subscribe(wsBuffer)
	defer sub.Close()
	ctx := conn.CloseRead(r.Context())
	if err := writeJSON(ctx, conn, map[string]any{"topic": "hello", "data": map[string]any{"role": who.Role}}); err != nil {
		return
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	// A session signed out elsewhere, or a key revoked, ends the stream: checked on every
	// ping and before delivering an update, at most every wsRecheck.
	checked := time.Now()
	valid := func() bool {
		if time.Since(checked) < wsRecheck {
			return true
		}
		checked = time.Now()
		return stillValid(ctx)
	}
	for {
		select {
		case <-ctx.Done():
			conn.Close(websocket.StatusNormalClosure, "")
			return
		case <-ping.C:
			if !valid() {
				conn.Close(websocket.StatusPolicyViolation, "session ended: sign in again")
				return
			}
			if err := conn.Ping(ctx); err != nil {
				return
			}
		case m := <-sub.C:
			if !visibleMessage(who.Role, m) {
				continue
			}
			if !valid() {
				conn.Close(websocket.StatusPolicyViolation, "session ended: sign in again")
				return
			}
			if err := writeJSON(ctx, conn, m); err != nil {
				return
			}
		}
	}
}

// wsRecheck bounds how often an open stream re-reads its session or key from the store.
const wsRecheck = 2 * time.Second

func writeJSON(ctx context.Context, conn *websocket.Conn, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return conn.Write(ctx, websocket.MessageText, b)
}

// wsPrincipal authenticates a WebSocket by session or API key, and returns how to check,
// while the connection lasts, that the session or key has not been ended since.
func (s *Server) wsPrincipal(r *http.Request) (core.Principal, func(context.Context) bool, bool) {
	if sess, ok := s.session(r); ok { // a GET: no CSRF token to check
		return sess.Principal(), func(ctx context.Context) bool {
			live, err := s.d.Store.SessionLive(ctx, sess.Nonce)
			return err == nil && live
		}, true
	}
	key := r.Header.Get("X-API-Key")
	if key == "" {
		return core.Principal{}, nil, false
	}
	hash := apikey.Hash(key)
	k, err := s.d.Store.LookupAPIKey(r.Context(), hash)
	if err != nil {
		return core.Principal{}, nil, false
	}
	return core.Principal{Kind: "apikey", ID: k.Prefix, Name: k.Name, Role: k.Role}, func(ctx context.Context) bool {
		_, err := s.d.Store.LookupAPIKey(ctx, hash)
		return err == nil
	}, true
}

// visibleMessage applies the dashboard's reading rules to one hub message.
func visibleMessage(role core.Role, m live.Message) bool {
	switch d := m.Data.(type) {
	case core.Proposal:
		return seesProposal(role, d)
	case *core.Proposal:
		return d != nil && seesProposal(role, *d)
	case core.Run:
		return seesAutomation(role, d.Automation)
	case core.Finding:
		return seesAutomation(role, d.Automation)
	case *core.Finding:
		return d != nil && seesAutomation(role, d.Automation)
	case map[string]any:
		name, _ := d["automation"].(string)
		return name != "" && seesAutomation(role, name)
	}
	// Anything else: only if it names an automation the role sees.
	raw, err := json.Marshal(m.Data)
	if err != nil {
		return false
	}
	var probe struct {
		Automation string `json:"automation"`
	}
	return json.Unmarshal(raw, &probe) == nil && probe.Automation != "" && seesAutomation(role, probe.Automation)
}
