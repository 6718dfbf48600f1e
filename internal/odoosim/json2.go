package odoosim

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// serveJSON2 is Odoo 19's POST /json/2/<model>/<method>: bearer API key, named
// arguments, bare result body and real HTTP statuses.
func (s *Server) serveJSON2(w http.ResponseWriter, r *http.Request) {
	if s.version < 19 {
		redirectLogin(w, r)
		return
	}
	rest := strings.Trim(strings.TrimPrefix(r.URL.Path, "/json/2"), "/")
	model, method, ok := strings.Cut(rest, "/")
	if !ok || model == "" || method == "" || r.Method != http.MethodPost {
		s.json2Error(w, werkzeug(404, "NotFound", "Did you mean POST /json/2/<model>/<method>?"))
		return
	}
	if db := r.Header.Get("X-Odoo-Database"); db != "" && db != s.opts.DB {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n\n<!-- Alternatively, use the X-Odoo-Database header. -->\n")
		return
	}
	if !isJSONContent(r) {
		s.wrongRequestType(w, "/json/2/<__model__>/<__method__>", "json2")
		return
	}
	uid, err := s.bearerUser(r)
	if err != nil {
		w.Header().Set("WWW-Authenticate", "Bearer ")
		s.json2Error(w, err)
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		s.json2Error(w, werkzeug(400, "BadRequest", "could not read the body: %v", err))
		return
	}
	c, err := parseJSON2Call(data)
	if err != nil {
		s.json2Error(w, err)
		return
	}
	c.uid, c.model, c.method, c.json2 = uid, model, method, true
	res, err := s.execute(c)
	if err != nil {
		s.json2Error(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func parseJSON2Call(data []byte) (call, error) {
	c := call{kwargs: map[string]any{}}
	if len(strings.TrimSpace(string(data))) == 0 {
		return c, nil
	}
	v, err := decodeJSON(data)
	if err != nil {
		return c, werkzeug(400, "BadRequest", "could not parse the body as json: %v", err)
	}
	body, ok := v.(map[string]any)
	if !ok {
		return c, werkzeug(400, "BadRequest", "the body must be a JSON object of named arguments")
	}
	if ids, ok := body["ids"]; ok {
		delete(body, "ids")
		c.hasIDs = true
		if s, isStr := ids.(string); isStr && s != "" {
			// Odoo iterates the string: PostgreSQL then rejects its first character.
			return c, &OdooError{Name: excInvalidText, Message: fmt.Sprintf("invalid input syntax for type integer: %q\n", s[:1])}
		}
		parsed, err := argIDs(ids)
		if err != nil {
			return c, errors.Unwrap(err)
		}
		c.ids = parsed
	}
	c.kwargs = body
	return c, nil
}

// bearerUser authenticates "Authorization: bearer <api key>".
func (s *Server) bearerUser(r *http.Request) (int64, error) {
	auth := r.Header.Get("Authorization")
	scheme, key, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "bearer") || key == "" {
		return 0, werkzeug(401, "Unauthorized", "User not authenticated, use an API Key with a Bearer Authorization header.")
	}
	uid := s.users.keyUser(strings.TrimSpace(key))
	if uid == 0 {
		return 0, werkzeug(401, "Unauthorized", "Invalid apikey")
	}
	return uid, nil
}

// json2Status is where JSON-2 errors get their HTTP status, mirroring Odoo 19.
func json2Status(oe *OdooError) int {
	if oe.Status != 0 {
		return oe.Status
	}
	switch oe.Name {
	case excAccessDenied:
		return http.StatusUnauthorized
	case excAccessError:
		return http.StatusForbidden
	case excMissingError:
		return http.StatusNotFound
	case excUserError, excValidationError:
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

func (s *Server) json2Error(w http.ResponseWriter, err error) {
	oe := asOdoo(err)
	writeJSON(w, json2Status(oe), s.errorData(oe))
}

// redirectLogin is what Odoo 18 answers for routes it does not have (/json/2, /json/version).
func redirectLogin(w http.ResponseWriter, r *http.Request) {
	target := "/web/login?redirect=" + strings.ReplaceAll(urlQueryEscape(r.URL.Path+"?"), "/", "%2F")
	w.Header().Set("Location", target)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusSeeOther)
	io.WriteString(w, "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\""+htmlEscape(target)+"\">"+htmlEscape(target)+"</a>. If not, click the link.\n")
}

func urlQueryEscape(s string) string {
	r := strings.NewReplacer("?", "%3F", "&", "%26", "=", "%3D", " ", "%20")
	return r.Replace(s)
}

// serveJSONVersion is GET /json/version (19 only).
func (s *Server) serveJSONVersion(w http.ResponseWriter, r *http.Request) {
	if s.version < 19 {
		redirectLogin(w, r)
		return
	}
	vi := s.versionInfo()
	writeJSON(w, http.StatusOK, &record{keys: []string{"version_info", "version"},
		vals: []any{vi.get("server_version_info"), vi.get("server_version")}})
}
