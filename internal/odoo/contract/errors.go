package contract

import (
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoo"
)

// missingID is an id no test database reaches.
const missingID = 2147483000

// errors provokes every error class and checks the kind the client reports. None of
// these calls changes data: each is refused by Odoo before it writes.
func (s *suite) errors(t *testing.T) {
	_, err := s.c.Search(s.ctx, "no.such.model", nil)
	expectKind(t, "unknown model", err, odoo.KindUnknownModel)

	err = s.c.Call(s.ctx, "res.partner", "no_such_method", []any{[]int64{}}, nil, nil)
	expectKind(t, "unknown method", err, odoo.KindUnknownMethod)

	_, err = s.c.SearchCount(s.ctx, "res.partner", odoo.Cond("no_such_field", "=", 1))
	expectKind(t, "unknown field in a domain", err, odoo.KindUnknownField)

	var out []map[string]any
	err = s.c.SearchRead(s.ctx, "res.partner", nil, []string{"no_such_field"}, &out, odoo.Limit(1))
	expectKind(t, "unknown field in fields", err, odoo.KindUnknownField)

	err = s.c.Call(s.ctx, "res.partner", "_compute_display_name", []any{[]int64{1}}, nil, nil)
	expectKind(t, "private method", err, odoo.KindAccessError)

	err = s.c.Write(s.ctx, "res.partner", []int64{missingID}, map[string]any{"name": "does not exist"})
	expectKind(t, "write of a missing record", err, odoo.KindMissing)

	err = s.c.Call(s.ctx, "res.partner", "read", []any{[]int64{1}, []string{"name"}, "extra1", "extra2", "extra3"}, nil, nil)
	expectKind(t, "too many arguments", err, odoo.KindBadArguments)

	_, err = s.c.Search(s.ctx, "res.partner", odoo.Cond("id", "=", "abc"))
	expectKind(t, "wrong value type in a domain", err, odoo.KindBadArguments)

	bad := s.target.client(t, s.transport, func(c *odoo.Config) { c.APIKey, c.Password = "smartodoo-wrong-key", "" })
	_, err = bad.SearchCount(s.ctx, "res.partner", nil)
	expectKind(t, "bad credentials", err, odoo.KindAccessDenied)

	s.userError(t)
	if s.target.Writable {
		_, err = s.c.CreateOne(s.ctx, "res.partner", map[string]any{"email": "no-name@example.com"})
		expectKind(t, "partner without a name", err, odoo.KindValidation)
	}
}

// userError posts an already posted entry, which Odoo refuses with a UserError.
func (s *suite) userError(t *testing.T) {
	ids, err := s.c.Search(s.ctx, "account.move", odoo.Cond("state", "=", "posted"), odoo.Limit(1))
	if err != nil || len(ids) == 0 {
		t.Logf("no posted entry to re-post (%v): UserError is covered by the business-method test", err)
		return
	}
	err = s.c.Call(s.ctx, "account.move", "action_post", []any{ids}, nil, nil)
	expectKind(t, "posting a posted entry", err, odoo.KindUserError)
}
