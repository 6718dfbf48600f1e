package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"github.com/smartodoo/smartodoo/internal/api"
	"net/http"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

type loginView struct {
	Next, Login, Error, Token string
}

// loginForm shows the sign-in form with a fresh double-submit token: there is no session
// yet to tie a synchronizer token to, so the token lives in a cookie and a hidden field.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.session(r); ok {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	v := loginView{Next: r.URL.Query().Get("next")}
	if s.d.Auth == nil {
		v.Error = "Sign-in is not available: no Odoo is connected to check passwords against (set SMARTODOO_ODOO_URL). API keys still work."
	}
	s.showLogin(w, r, http.StatusOK, v)
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, status int, v loginView) {
	b := make([]byte, 16)
	rand.Read(b)
	v.Token = hex.EncodeToString(b)
	http.SetCookie(w, s.sess.cookie(r, loginCookie, v.Token, s.d.Clock().Add(time.Hour), s.d.SecureCookies))
	req := &request{Request: r, F: newFormatter("", s.d.Timezone, defaultCurrency)}
	s.render(w, req, status, page{Path: "/login", Title: "Sign in"}, "login", v)
}

// login checks the form's token, then the credentials against Odoo, and starts a session.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	login := strings.TrimSpace(r.PostFormValue("login"))
	secret := r.PostFormValue("password")
	next := r.PostFormValue("next")
	c, err := r.Cookie(loginCookie)
	token := r.PostFormValue(csrfField)
	if err != nil || token == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(token)) != 1 {
		s.showLogin(w, r, http.StatusForbidden, loginView{Next: next, Login: login,
			Error: "The sign-in form expired or was not sent by this page. Please try again."})
		return
	}
	if login == "" || secret == "" {
		s.showLogin(w, r, http.StatusBadRequest, loginView{Next: next, Login: login, Error: "Enter your Odoo login and your password or API key."})
		return
	}
	sess, err := s.authenticate(r.Context(), login, secret)
	if err != nil {
		msg := core.MessageOf(err)
		if msg == "" {
			s.d.Logger.Error("dashboard sign-in failed", "login", login, "err", err)
			msg = "Sign-in failed on our side; it has been logged. Try again shortly."
		} else {
			s.d.Logger.Info("dashboard sign-in refused", "login", login, "err", err)
		}
		s.showLogin(w, r, api.StatusOf(core.CodeOf(err)), loginView{Next: next, Login: login, Error: msg})
		return
	}
	if err := s.d.Store.StartSession(r.Context(), sess.Nonce, sess.Login, time.Unix(sess.Expires, 0)); err != nil {
		s.d.Logger.Error("dashboard sign-in not recorded", "login", login, "err", err)
		s.showLogin(w, r, http.StatusServiceUnavailable, loginView{Next: next, Login: login, Error: "Sign-in failed on our side; it has been logged. Try again shortly."})
		return
	}
	http.SetCookie(w, s.sess.cookie(r, loginCookie, "", time.Time{}, s.d.SecureCookies))
	http.SetCookie(w, s.sess.cookie(r, sessionCookie, s.sess.encode(sess), time.Unix(sess.Expires, 0), s.d.SecureCookies))
	s.d.Logger.Info("dashboard sign-in", "login", login, "role", sess.Role)
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

func (s *Server) authenticate(ctx context.Context, login, secret string) (Session, error) {
	if s.d.Auth == nil {
		return Session{}, core.Errorf(core.CodeUnavailable, "sign-in is not available: no Odoo is connected to check passwords against")
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	id, err := s.d.Auth.Authenticate(ctx, login, secret, mapGroups(s.d.RoleMap))
	if err != nil {
		return Session{}, err
	}
	return s.sess.start(Session{Login: id.Login, Name: id.Name, UID: id.UID, TZ: id.TZ, Lang: id.Lang,
		Role: roleFor(s.d.RoleMap, id.Groups)}), nil
}

// logout ends the session on the server, then in the browser.
func (s *Server) logout(w http.ResponseWriter, r *request) {
	if err := s.d.Store.RevokeSession(r.Context(), r.Sess.Nonce); err != nil {
		s.d.Logger.Error("dashboard sign-out not recorded", "login", r.Sess.Login, "err", err)
		http.Error(w, "Signing out failed on our side; it has been logged. Try again.", http.StatusServiceUnavailable)
		return
	}
	http.SetCookie(w, s.sess.cookie(r.Request, sessionCookie, "", time.Time{}, s.d.SecureCookies))
	http.Redirect(w, r.Request, "/login", http.StatusSeeOther)
}

// session returns the request's session when its cookie is valid and the session was
// not ended (signed out, or revoked by an administrator). A store error counts as no
// session: the dashboard fails closed.
func (s *Server) session(r *http.Request) (Session, bool) {
	sess, ok := s.sess.fromRequest(r)
	if !ok {
		return Session{}, false
	}
	live, err := s.d.Store.SessionLive(r.Context(), sess.Nonce)
	if err != nil {
		s.d.Logger.Error("check dashboard session", "login", sess.Login, "err", err)
		return Session{}, false
	}
	return sess, live
}

// safeNext keeps redirects on this site: a path, never "//host" or a full URL.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
