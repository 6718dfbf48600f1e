package web

import (
	"bytes"
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// layoutView is what every page template gets; Data is the page's own view.
type layoutView struct {
	Page  page
	Nav   []page
	User  Session
	CSRF  string
	F     formatter
	Data  any
	Flash string
	Now   time.Time
}

var funcs = template.FuncMap{
	"json": func(v any) string {
		b, _ := json.MarshalIndent(v, "", "  ")
		return string(b)
	},
	"pct": func(v float64) string { return fmt.Sprintf("%.0f\u00a0%%", v*100) },
	"confClass": func(v float64) string {
		switch {
		case v >= 0.9:
			return "high"
		case v >= 0.6:
			return "mid"
		}
		return "low"
	},
	"pick": func(rows []Picking, f formatter) any {
		return struct {
			Rows []Picking
			F    formatter
		}{rows, f}
	},
}

// parseTemplates builds one template set per page: the layout plus that page's file.
func parseTemplates() (map[string]*template.Template, error) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html", f)
		if err != nil {
			return nil, fmt.Errorf("parse dashboard template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render writes a page; a request with X-Partial: 1 (the live refresh) gets only <main>.
func (s *Server) render(w http.ResponseWriter, r *request, status int, pg page, name string, data any) {
	t := s.tmpl[name]
	if t == nil {
		s.d.Logger.Error("missing dashboard template", "name", name)
		http.Error(w, "page template missing", http.StatusInternalServerError)
		return
	}
	v := layoutView{Page: pg, Nav: navFor(r.Sess.Role), User: r.Sess, CSRF: s.sess.csrfToken(r.Sess),
		F: r.F, Data: data, Flash: s.flash(r.Request), Now: s.d.Clock()}
	root := "layout"
	if r.Header.Get("X-Partial") == "1" {
		root = "main"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, root, v); err != nil {
		s.d.Logger.Error("render dashboard page", "name", name, "err", err)
		http.Error(w, "could not render this page; it has been logged", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// withMsg appends a flash message to a redirect target, signed: a crafted link cannot
// make the dashboard display words of someone else's choosing.
func (s *Server) withMsg(to, msg string) string {
	sep := "?"
	if strings.Contains(to, "?") {
		sep = "&"
	}
	sig := base64.RawURLEncoding.EncodeToString(s.sess.mac("flash", msg))
	return to + sep + "msg=" + url.QueryEscape(msg) + "&sig=" + sig
}

// flash returns the request's flash message when its signature holds.
func (s *Server) flash(r *http.Request) string {
	msg := r.URL.Query().Get("msg")
	sig, err := base64.RawURLEncoding.DecodeString(r.URL.Query().Get("sig"))
	if msg == "" || err != nil || !hmac.Equal(sig, s.sess.mac("flash", msg)) {
		return ""
	}
	return msg
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
