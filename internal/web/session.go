package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

const (
	sessionCookie = "smartodoo_session"
	loginCookie   = "smartodoo_login_csrf" // double-submit token of the sign-in form (no session yet)
	csrfField     = "csrf"
)

// Session is who signed in, carried in a signed cookie. The store keeps a row per sign-in
// (keyed by Nonce), so signing out ends the session on the server too: a copy of the
// cookie stops working at once. Sessions survive restarts when SMARTODOO_SESSION_SECRET
// is set and end when it changes.
type Session struct {
	Login   string    `json:"l"`
	Name    string    `json:"n"`
	UID     int64     `json:"u"`
	Role    core.Role `json:"r"`
	TZ      string    `json:"z,omitempty"` // the Odoo user's timezone
	Lang    string    `json:"g,omitempty"` // the Odoo user's language, e.g. fr_BE
	Nonce   string    `json:"c"`           // per sign-in random value; the CSRF token derives from it
	Expires int64     `json:"e"`           // unix seconds
}

// Principal is the session as the API and the approval service see it.
func (s Session) Principal() core.Principal {
	return core.Principal{Kind: "session", ID: s.Login, Name: s.Name, Role: s.Role}
}

// sessions signs and checks session cookies and CSRF tokens with one secret.
type sessions struct {
	secret []byte
	ttl    time.Duration
	clock  func() time.Time
}

func newSessions(secret []byte, ttl time.Duration, clock func() time.Time) sessions {
	if len(secret) == 0 {
		// No configured secret: a random one per process. Sessions then end on restart,
		// which is safe; the configuration documents how to keep them.
		secret = make([]byte, 32)
		rand.Read(secret)
	}
	return sessions{secret: secret, ttl: ttl, clock: clock}
}

func (m sessions) mac(parts ...string) []byte {
	h := hmac.New(sha256.New, m.secret)
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

// encode returns the cookie value: base64(json) "." base64(hmac).
func (m sessions) encode(s Session) string {
	raw, _ := json.Marshal(s)
	body := base64.RawURLEncoding.EncodeToString(raw)
	return body + "." + base64.RawURLEncoding.EncodeToString(m.mac("session", body))
}

// decode checks the signature and the expiry.
func (m sessions) decode(v string) (Session, error) {
	body, sig, ok := strings.Cut(v, ".")
	if !ok {
		return Session{}, errors.New("malformed session cookie")
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, m.mac("session", body)) {
		return Session{}, errors.New("session signature does not match")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return Session{}, errors.New("malformed session body")
	}
	var s Session
	if err := json.Unmarshal(raw, &s); err != nil {
		return Session{}, errors.New("malformed session body")
	}
	if m.clock().Unix() >= s.Expires {
		return Session{}, errors.New("session expired")
	}
	if !s.Role.Valid() || s.Login == "" || s.Nonce == "" {
		return Session{}, errors.New("session lacks a role or login")
	}
	return s, nil
}

// start fills the nonce and expiry of a new session.
func (m sessions) start(s Session) Session {
	b := make([]byte, 16)
	rand.Read(b)
	s.Nonce = hex.EncodeToString(b)
	s.Expires = m.clock().Add(m.ttl).Unix()
	return s
}

// csrfToken is the synchronizer token of a session: a MAC of its nonce, so it needs no
// storage and a token from another session (or another secret) does not verify.
func (m sessions) csrfToken(s Session) string {
	return base64.RawURLEncoding.EncodeToString(m.mac("csrf", s.Nonce))
}

func (m sessions) checkCSRF(s Session, token string) bool {
	got, err := base64.RawURLEncoding.DecodeString(token)
	return err == nil && hmac.Equal(got, m.mac("csrf", s.Nonce))
}

// fromRequest returns the request's session if its cookie is well signed and unexpired;
// Server.session also checks that it was not ended.
func (m sessions) fromRequest(r *http.Request) (Session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return Session{}, false
	}
	s, err := m.decode(c.Value)
	return s, err == nil
}

// cookie builds a session cookie: HttpOnly, SameSite=Strict, Secure when served over TLS.
func (m sessions) cookie(r *http.Request, name, value string, expires time.Time, secure bool) *http.Cookie {
	c := &http.Cookie{
		Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: secure || r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"),
	}
	if expires.IsZero() {
		c.MaxAge = -1
	} else {
		c.Expires = expires
		c.MaxAge = int(expires.Sub(m.clock()).Seconds())
	}
	return c
}
