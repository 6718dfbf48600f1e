package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/smartodoo/smartodoo/internal/apikey"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// TestWebSocketFiltersByRole connects once per role with an API key, publishes updates
// about several automations, and checks each role receives exactly what it may see. A
// sentinel per role marks the end of the stream (the hub keeps publish order).
func TestWebSocketFiltersByRole(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	wsURL := "ws" + strings.TrimPrefix(e.Server.URL, "http") + "/api/ws"

	if _, resp, err := websocket.Dial(ctx, wsURL, nil); err == nil || resp == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("dial without credentials: err %v, response %v; want 401", err, resp)
	}
	conns := map[core.Role]*websocket.Conn{}
	for _, role := range core.Roles {
		c, _, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{HTTPHeader: http.Header{"X-API-Key": {e.Keys[role]}}})
		if err != nil {
			t.Fatalf("dial as %s: %v", role, err)
		}
		defer c.CloseNow()
		if m := readMsg(t, ctx, c); m.Topic != "hello" {
			t.Fatalf("%s: first message %q, want hello", role, m.Topic)
		}
		conns[role] = c
	}
	hub := e.App.Hub
	hub.Publish("proposal", core.Proposal{ID: 1, Automation: "bankrec", Roles: []core.Role{core.RoleAdmin, core.RoleCFO}})
	hub.Publish("proposal", core.Proposal{ID: 2, Automation: "dedup", Roles: []core.Role{core.RoleAdmin, core.RoleSales}})
	hub.Publish("run", core.Run{ID: 3, Automation: "credit"})
	hub.Publish("finding", core.Finding{ID: 4, Automation: "anomaly"})
	for i, role := range core.Roles {
		hub.Publish("proposal", core.Proposal{ID: int64(1000 + i), Automation: "stock", Roles: []core.Role{role}})
	}
	want := map[core.Role][]int64{
		core.RoleAdmin: {1, 2, 3, 4}, core.RoleCFO: {1, 2, 3, 4}, core.RoleViewer: {1, 2, 3, 4},
		core.RoleSales: {2, 3}, core.RoleWarehouse: {},
	}
	for i, role := range core.Roles {
		var got []int64
		for {
			m := readMsg(t, ctx, conns[role])
			if m.Data.ID == int64(1000+i) {
				break
			}
			if m.Data.ID < 1000 {
				got = append(got, m.Data.ID)
			}
		}
		if !slices.Equal(got, want[role]) && !(len(got) == 0 && len(want[role]) == 0) {
			t.Errorf("%s received %v, want %v", role, got, want[role])
		}
	}
}

type wsMsg struct {
	Topic string `json:"topic"`
	Data  struct {
		ID int64 `json:"id"`
	} `json:"data"`
}

func readMsg(t *testing.T, ctx context.Context, c *websocket.Conn) wsMsg {
	t.Helper()
	_, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read live update: %v", err)
	}
	var m wsMsg
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return m
}

// Revoking the key of an open stream ends it: the next update is not delivered.
func TestWebSocketEndsWhenTheKeyIsRevoked(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	key, k, err := apikey.Create(ctx, e.App.Store, "stream", core.RoleCFO)
	if err != nil {
		t.Fatal(err)
	}
	wsURL := "ws" + strings.TrimPrefix(e.Server.URL, "http") + "/api/ws"
	c, _, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{HTTPHeader: http.Header{"X-API-Key": {key}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	if m := readMsg(t, ctx, c); m.Topic != "hello" {
		t.Fatalf("first message %q, want hello", m.Topic)
	}
	if err := e.App.Store.RevokeAPIKey(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2100 * time.Millisecond) // past the stream's recheck interval
	e.App.Hub.Publish("run", core.Run{ID: 7, Automation: "credit"})
	_, b, err := c.Read(ctx)
	if websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
		t.Fatalf("after revoking the key the stream delivered %s (err %v), want it closed", b, err)
	}
}
