package odoosim

import (
	"crypto/subtle"
	"fmt"
	"slices"
	"sync"
)

const (
	adminUID      int64 = 2
	mainCompanyID int64 = 1
)

// userBook holds credentials, which Odoo keeps out of readable fields too.
type userBook struct {
	mu        sync.RWMutex
	passwords map[int64]string
	keys      map[string]int64
}

func newUserBook() *userBook {
	return &userBook{passwords: map[int64]string{}, keys: map[string]int64{}}
}

// checkPassword accepts the user's password or one of their API keys, as execute_kw does.
func (b *userBook) check(uid int64, secret string) bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if pw, ok := b.passwords[uid]; ok && subtle.ConstantTimeCompare([]byte(pw), []byte(secret)) == 1 {
		return true
	}
	return b.keys[secret] == uid && uid != 0
}

func (b *userBook) keyUser(key string) int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.keys[key]
}

// AddUser creates an internal user with a password, an API key (may be empty) and the
// groups given by xml id (e.g. "account.group_account_manager"); base.group_user is implied.
func (s *Server) AddUser(login, name, password, apiKey string, groupXMLIDs ...string) (int64, error) {
	env := s.SuperEnv()
	var groups []int64
	for _, x := range append([]string{"base.group_user"}, groupXMLIDs...) {
		gid, err := env.XMLID(x)
		if err != nil {
			return 0, fmt.Errorf("add user %s: %w", login, err)
		}
		groups = append(groups, gid)
	}
	partner, err := env.Create("res.partner", map[string]any{"name": name, "email": login + "@example.com"})
	if err != nil {
		return 0, fmt.Errorf("add user %s: create partner: %w", login, err)
	}
	uid, err := env.Create("res.users", map[string]any{"login": login, "name": name, "partner_id": partner,
		"company_id": mainCompanyID, "company_ids": []any{[]any{6, 0, []any{mainCompanyID}}},
		s.groupsField(): []any{[]any{6, 0, idsAny(env.impliedClosure(groups))}}})
	if err != nil {
		return 0, fmt.Errorf("add user %s: %w", login, err)
	}
	s.users.mu.Lock()
	defer s.users.mu.Unlock()
	s.users.passwords[uid] = password
	if apiKey != "" {
		s.users.keys[apiKey] = uid
	}
	return uid, nil
}

// AddAPIKey lets uid authenticate with key (execute_kw password slot, JSON-2 bearer).
func (s *Server) AddAPIKey(uid int64, key string) {
	s.users.mu.Lock()
	defer s.users.mu.Unlock()
	s.users.keys[key] = uid
}

// groupsField is res.users' stored group field: groups_id up to 18, group_ids on 19.
func (s *Server) groupsField() string {
	if s.version >= 19 {
		return "group_ids"
	}
	return "groups_id"
}

// impliedClosure adds the groups implied (transitively) by groups.
func (env *Env) impliedClosure(groups []int64) []int64 {
	out := slices.Clone(groups)
	for i := 0; i < len(out); i++ {
		implied, _ := env.Get("res.groups", out[i], "implied_ids").([]int64)
		for _, g := range implied {
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	slices.Sort(out)
	return out
}

// XMLID resolves "module.name" through ir.model.data.
func (e *Env) XMLID(xmlid string) (int64, error) {
	module, name, ok := cutDot(xmlid)
	if !ok {
		return 0, valueError("External ID not found in the system: %s", xmlid)
	}
	ids, err := e.Search("ir.model.data", []any{[]any{"module", "=", module}, []any{"name", "=", name}}, "", 1)
	if err != nil || len(ids) == 0 {
		return 0, valueError("External ID not found in the system: %s", xmlid)
	}
	id, _ := e.Get("ir.model.data", ids[0], "res_id").(int64)
	return id, nil
}

func cutDot(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return s[:i], s[i+1:], i > 0 && i < len(s)-1
		}
	}
	return "", "", false
}

// HasGroup reports whether the environment's user is in the group named by xmlid (or a
// group implying it); false when the group does not exist.
func (e *Env) HasGroup(xmlid string) bool {
	ok, err := e.hasGroup(e.uid, xmlid)
	return err == nil && ok
}

// hasGroup implements res.users.has_group: the user's groups and the groups they imply.
func (e *Env) hasGroup(uid int64, xmlid string) (bool, error) {
	gid, err := e.XMLID(xmlid)
	if err != nil {
		return false, err
	}
	groups, _ := e.Get("res.users", uid, e.s.groupsField()).([]int64)
	return slices.Contains(e.impliedClosure(groups), gid), nil
}

// companyCurrency is the main company's currency (default of required currency fields).
func (e *Env) companyCurrency() any {
	m := e.s.models["res.company"]
	if m == nil {
		return int64(0)
	}
	pos := m.table.pos(mainCompanyID)
	if pos < 0 {
		return int64(0)
	}
	return e.rawValue(m, pos, m.field("currency_id"))
}
