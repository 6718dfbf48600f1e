package odoosim

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
)

// sessionBook maps web session ids (cookie session_id) to uids.
type sessionBook struct {
	mu  sync.Mutex
	ids map[string]int64
}

func (b *sessionBook) open(uid int64) string {
	buf := make([]byte, 20)
	rand.Read(buf)
	sid := hex.EncodeToString(buf)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ids == nil {
		b.ids = map[string]int64{}
	}
	b.ids[sid] = uid
	return sid
}

func (b *sessionBook) uid(r *http.Request) int64 {
	c, err := r.Cookie("session_id")
	if err != nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ids[c.Value]
}

// serveSessionAuthenticate is /web/session/authenticate: sets the session cookie and
// returns session_info; a bad password is an AccessDenied error envelope.
func (s *Server) serveSessionAuthenticate(w http.ResponseWriter, r *http.Request) {
	id, params, ok := s.readJSONRPC(w, r, "json")
	if !ok {
		return
	}
	db, _ := params["db"].(string)
	login, _ := params["login"].(string)
	password, _ := params["password"].(string)
	if db != s.opts.DB {
		s.writeError(w, id, s.unknownDB(db))
		return
	}
	uid := s.login(login, password)
	if uid == 0 {
		s.writeError(w, id, accessDenied())
		return
	}
	sid := s.sessions.open(uid)
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: sid, Path: "/", HttpOnly: true, MaxAge: 604800})
	writeResult(w, id, s.sessionInfo(uid))
}

func (s *Server) serveSessionInfo(w http.ResponseWriter, r *http.Request) {
	id, _, ok := s.readJSONRPC(w, r, "json")
	if !ok {
		return
	}
	uid := s.sessions.uid(r)
	if uid == 0 {
		s.writeError(w, id, &OdooError{Name: "odoo.http.SessionExpiredException", Message: "Session expired"})
		return
	}
	writeResult(w, id, s.sessionInfo(uid))
}

// serveCallKW is the web client's /web/dataset/call_kw, authenticated by session cookie.
func (s *Server) serveCallKW(w http.ResponseWriter, r *http.Request) {
	id, params, ok := s.readJSONRPC(w, r, "json")
	if !ok {
		return
	}
	uid := s.sessions.uid(r)
	if uid == 0 {
		s.writeError(w, id, &OdooError{Name: "odoo.http.SessionExpiredException", Message: "Session expired"})
		return
	}
	model, _ := params["model"].(string)
	method, _ := params["method"].(string)
	args, _ := params["args"].([]any)
	kwargs, _ := params["kwargs"].(map[string]any)
	res, err := s.execute(call{uid: uid, model: model, method: method, args: args, kwargs: kwargs})
	if err != nil {
		s.writeError(w, id, err)
		return
	}
	writeResult(w, id, res)
}

// sessionInfo is the subset of Odoo's session_info that API clients read.
func (s *Server) sessionInfo(uid int64) *record {
	env := s.SuperEnv()
	isAdmin, _ := s.userHasGroup(uid, "base.group_system")
	name, _ := env.Get("res.users", uid, "name").(string)
	login, _ := env.Get("res.users", uid, "login").(string)
	partner, _ := env.Get("res.users", uid, "partner_id").(int64)
	pwd, _ := env.Get("res.partner", partner, "write_date").(string)
	info := &record{}
	info.add("uid", uid)
	info.add("is_system", isAdmin)
	info.add("is_admin", isAdmin)
	info.add("is_public", false)
	info.add("is_internal_user", true)
	info.add("user_context", &record{keys: []string{"lang", "tz", "uid"}, vals: []any{"en_US", "Europe/Brussels", uid}})
	info.add("db", s.opts.DB)
	if s.version >= 19 {
		info.add("registry_hash", "odoosim")
	}
	info.add("user_settings", &record{keys: []string{"id", "user_id"}, vals: []any{uid, map[string]any{"id": uid}}})
	vi := s.versionInfo()
	info.add("server_version", vi.get("server_version"))
	info.add("server_version_info", vi.get("server_version_info"))
	info.add("support_url", "https://www.odoo.com/buy")
	info.add("name", name)
	info.add("username", login)
	if s.version >= 19 {
		info.add("quick_login", true)
	}
	info.add("partner_write_date", pwd)
	info.add("partner_display_name", name)
	info.add("partner_id", partner)
	info.add("web.base.url", "http://localhost:8069")
	info.add("active_ids_limit", int64(20000))
	info.add("max_file_upload_size", int64(134217728))
	info.add("home_action_id", false)
	info.add("currencies", s.currencyInfo())
	info.add("user_companies", s.companyInfo(uid))
	return info
}

func (s *Server) userHasGroup(uid int64, xmlid string) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	env := s.SuperEnv().withTx(&tx{readOnly: true})
	return env.hasGroup(uid, xmlid)
}

func (s *Server) currencyInfo() map[string]any {
	env := s.SuperEnv()
	out := map[string]any{}
	ids, _ := env.Search("res.currency", nil, "id", 0)
	for _, id := range ids {
		sym, _ := env.Get("res.currency", id, "symbol").(string)
		pos, _ := env.Get("res.currency", id, "position").(string)
		dp, _ := env.Get("res.currency", id, "decimal_places").(int64)
		out[itoa(id)] = &record{keys: []string{"symbol", "position", "digits"}, vals: []any{sym, pos, []any{int64(69), dp}}}
	}
	return out
}

func (s *Server) companyInfo(uid int64) *record {
	env := s.SuperEnv()
	allowed := map[string]any{}
	ids, _ := env.Get("res.users", uid, "company_ids").([]int64)
	for _, id := range ids {
		name, _ := env.Get("res.company", id, "name").(string)
		allowed[itoa(id)] = &record{keys: []string{"id", "name", "sequence", "child_ids", "parent_id"},
			vals: []any{id, name, int64(10), []int64{}, false}}
	}
	current, _ := env.Get("res.users", uid, "company_id").(int64)
	return &record{keys: []string{"current_company", "allowed_companies", "disallowed_ancestor_companies"},
		vals: []any{current, allowed, map[string]any{}}}
}

func itoa(id int64) string {
	b := []byte{}
	if id == 0 {
		return "0"
	}
	for id > 0 {
		b = append([]byte{byte('0' + id%10)}, b...)
		id /= 10
	}
	return string(b)
}
