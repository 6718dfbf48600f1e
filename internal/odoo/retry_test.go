package odoo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"
)

// flaky answers the first n object calls with fail, then with ok.
func flaky(n int, fail, ok func(http.ResponseWriter, *http.Request, []byte)) func(http.ResponseWriter, *http.Request, []byte) {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request, b []byte) {
		mu.Lock()
		n--
		failing := n >= 0
		mu.Unlock()
		if failing {
			fail(w, r, b)
			return
		}
		ok(w, r, b)
	}
}

func status(code int, headers ...string) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
	}
}

func rpcError(name, msg string) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": 1, "error": map[string]any{
			"code": 200, "message": "Odoo Server Error", "data": map[string]any{"name": name, "message": msg, "debug": "", "arguments": []any{msg}}}})
	}
}

func TestRetryPolicy(t *testing.T) {
	serialization := rpcError("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update")
	cases := []struct {
		name     string
		fails    int
		fail     func(http.ResponseWriter, *http.Request, []byte)
		method   string
		wantOK   bool
		wantWait []time.Duration // exact waits; nil = do not check
		calls    int
	}{
		{"503 then ok, write", 2, status(503), "write", true, nil, 3},
		{"502 on a write is not repeated", 1, status(502), "write", false, nil, 1},
		{"502 on a read is repeated", 1, status(502), "read", true, nil, 2},
		{"proxy 500 page on a read is repeated", 1, status(500, "Content-Type", "text/html"), "read", true, nil, 2},
		{"proxy 500 page on a write is not", 1, status(500, "Content-Type", "text/html"), "write", false, nil, 1},
		{"429 honours Retry-After", 1, status(429, "Retry-After", "7"), "write", true, []time.Duration{7 * time.Second}, 2},
		{"serialization failure on a write is repeated", 1, serialization, "write", true, nil, 2},
		{"user error is not repeated", 1, rpcError("odoo.exceptions.UserError", "no"), "read", false, nil, 1},
		{"gives up after MaxRetries", 10, status(503), "read", false, nil, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			fake, srv := newFakeOdoo(t, 19, nil)
			fake.answer = flaky(tc.fails, tc.fail, jsonResult(true))
			counting := fake.answer
			fake.answer = func(w http.ResponseWriter, r *http.Request, b []byte) { calls++; counting(w, r, b) }
			var waits []time.Duration
			c := testClient(t, srv, TransportJSONRPC, func(c *Config) {
				c.Sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
				c.Jitter = func() float64 { return 0.5 }
			})
			c.UID(context.Background())
			waits = nil
			err := c.Call(context.Background(), "res.partner", tc.method, []any{[]int64{1}}, nil, nil)
			if (err == nil) != tc.wantOK {
				t.Fatalf("err = %v", err)
			}
			if calls != tc.calls {
				t.Errorf("%d calls, want %d", calls, tc.calls)
			}
			if tc.wantWait != nil && !reflect.DeepEqual(waits, tc.wantWait) {
				t.Errorf("waits %v, want %v", waits, tc.wantWait)
			}
		})
	}
}

func TestBackoffGrowsAndCaps(t *testing.T) {
	c, _ := New(Config{URL: "http://x", APIKey: "k", RetryBaseDelay: time.Second, RetryMaxDelay: 5 * time.Second, Jitter: func() float64 { return 1 }})
	var got []time.Duration
	for a := range 5 {
		got = append(got, c.backoff(a, 0))
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("backoff %v, want %v", got, want)
	}
	c.cfg.Jitter = func() float64 { return 0 }
	if d := c.backoff(1, 0); d != time.Second {
		t.Errorf("minimum jitter gives %v, want half of 2s", d)
	}
	if d := c.backoff(0, time.Hour); d != maxRetryAfter {
		t.Errorf("Retry-After not capped: %v", d)
	}
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	_, srv := newFakeOdoo(t, 19, nil)
	url := srv.URL
	srv.Close()
	sleeps := 0
	c, _ := New(Config{URL: url, APIKey: "k", Transport: TransportJSON2, MaxRetries: 2,
		Sleep: func(context.Context, time.Duration) error { sleeps++; return nil }})
	err := c.Write(context.Background(), "res.partner", []int64{1}, map[string]any{"name": "x"})
	if !errors.Is(err, ErrTransport) || sleeps != 2 {
		t.Errorf("err %v after %d sleeps, want a transport error after 2", err, sleeps)
	}
}

func TestRateLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var waits []time.Duration
	b := newTokenBucket(2, func() time.Time { return now }, func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil })
	for range 5 {
		b.wait(context.Background())
	}
	want := []time.Duration{0, 0, 500 * time.Millisecond, time.Second, 1500 * time.Millisecond}
	if !reflect.DeepEqual(waits, want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	now = now.Add(10 * time.Second) // refill caps at the burst
	waits = nil
	for range 3 {
		b.wait(context.Background())
	}
	if !reflect.DeepEqual(waits, []time.Duration{0, 0, 500 * time.Millisecond}) {
		t.Errorf("after refill %v", waits)
	}
	if newTokenBucket(0, nil, nil) != nil {
		t.Error("rate 0 must disable limiting")
	}
}

func TestObserveReportsEveryCall(t *testing.T) {
	fake, srv := newFakeOdoo(t, 19, nil)
	fake.answer = flaky(1, status(503), jsonResult(true))
	var mu sync.Mutex
	var seen []CallInfo
	c := testClient(t, srv, TransportJSONRPC, func(c *Config) {
		c.Observe = func(ci CallInfo) { mu.Lock(); seen = append(seen, ci); mu.Unlock() }
	})
	if err := c.Write(context.Background(), "res.partner", []int64{1}, map[string]any{"name": "x"}); err != nil {
		t.Fatal(err)
	}
	_, _ = c.Search(context.Background(), "no.such.model", nil)
	mu.Lock()
	defer mu.Unlock()
	var got []string
	for _, ci := range seen {
		got = append(got, fmt.Sprintf("%s %s.%s %d %q", ci.Transport, ci.Model, ci.Method, ci.Attempts, ci.Kind))
	}
	want := []string{"jsonrpc common.login 1 \"\"", "jsonrpc res.partner.write 2 \"\"", "jsonrpc no.such.model.search 1 \"bad_response\""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("observed %q\nwant %q", got, want)
	}
}
