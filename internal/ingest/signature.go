// Package ingest receives changes from Odoo: it verifies webhooks, parses their payloads into
// core.Events, coalesces repeats and persists each event together with its routing job in one
// transaction before the sender gets its 2xx, so nothing acknowledged is ever lost.
package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// SignatureHeader carries "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">".
// Several v1= values may be present while a secret is being rotated.
const SignatureHeader = "X-Smartodoo-Signature"

// Sign returns the header value for body at time t; senders and tests use it.
func Sign(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret []byte, ts string, body []byte) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(ts))
	h.Write([]byte{'.'})
	h.Write(body)
	return h.Sum(nil)
}

// Verifier checks signed webhooks: signature, age and replay.
type Verifier struct {
	Secret []byte
	MaxAge time.Duration
	Clock  func() time.Time

	mu        sync.Mutex
	seen      map[string]time.Time // signature → when it stops mattering (its timestamp + MaxAge)
	nextSweep int                  // sweep expired entries when seen grows past this
}

// Verify returns nil for a fresh, correctly signed, never-seen request. Each failure says
// what is wrong, for the sender's logs.
func (v *Verifier) Verify(header string, body []byte) error {
	if len(v.Secret) == 0 {
		return core.Errorf(core.CodeUnauthorized, "signed webhooks are disabled: set SMARTODOO_WEBHOOK_SECRET, or use the per-connection URL for Odoo's native webhooks")
	}
	ts, sigs, err := parseSignature(header)
	if err != nil {
		return err
	}
	now := v.Clock()
	sec, _ := strconv.ParseInt(ts, 10, 64)
	at := time.Unix(sec, 0)
	if now.Sub(at) > v.MaxAge || at.Sub(now) > time.Minute {
		return core.Errorf(core.CodeUnauthorized, "signature timestamp %s is outside the %s window: sign each request when sending it and keep clocks in sync", at.UTC().Format(time.RFC3339), v.MaxAge)
	}
	want := mac(v.Secret, ts, body)
	var matched string
	for _, s := range sigs {
		got, err := hex.DecodeString(s)
		if err == nil && hmac.Equal(got, want) {
			matched = s
		}
	}
	if matched == "" {
		return core.Errorf(core.CodeUnauthorized, "signature does not match the body: sign \"<t>.<raw body>\" with HMAC-SHA256 and the shared secret")
	}
	return v.remember(ts+","+matched, at.Add(v.MaxAge), now)
}

func (v *Verifier) remember(key string, until, now time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seen == nil {
		v.seen = map[string]time.Time{}
	}
	if _, dup := v.seen[key]; dup {
		return core.Errorf(core.CodeUnauthorized, "this signature was already used: a replayed request is refused, sign every request anew")
	}
	if len(v.seen) >= v.nextSweep {
		for k, exp := range v.seen { // forget what is too old to be accepted anyway
			if now.After(exp) {
				delete(v.seen, k)
			}
		}
		v.nextSweep = max(2*len(v.seen), 1024) // amortised: sweeping costs O(1) per request
	}
	v.seen[key] = until
	return nil
}

func parseSignature(h string) (ts string, sigs []string, err error) {
	if h == "" {
		return "", nil, core.Errorf(core.CodeUnauthorized, "missing %s header", SignatureHeader)
	}
	for _, part := range strings.Split(h, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = val
		case "v1":
			sigs = append(sigs, val)
		}
	}
	if _, perr := strconv.ParseInt(ts, 10, 64); perr != nil || len(sigs) == 0 {
		return "", nil, core.Errorf(core.CodeUnauthorized, "malformed %s header: want t=<unix seconds>,v1=<hex hmac>", SignatureHeader)
	}
	return ts, sigs, nil
}
