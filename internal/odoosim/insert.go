package odoosim

import "fmt"

// Insert is the raw fast path used by data generators: it stores vals as given (stored
// fields only; an unknown or non-stored field is an error), fills id, create/write dates
// and uids, and runs no hooks, automations or validation. Safe for millions of records.
func (s *Server) Insert(model string, vals map[string]any) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.insert(model, vals)
}

// cascadeFields are optional many2ones declared ondelete='cascade' in Odoo.
var cascadeFields = map[string]bool{"ir.actions.server.base_automation_id": true,
	"account.bank.statement.line.statement_id": false, "mail.message.parent_id": true}

func (s *Server) insert(modelName string, vals map[string]any) (int64, error) {
	m, err := s.model(modelName)
	if err != nil {
		return 0, err
	}
	type cell struct {
		f *fieldDef
		v any
	}
	cells := make([]cell, 0, len(vals))
	for name, v := range vals {
		f := m.field(name)
		if f == nil || (!f.Store && !f.x2many()) {
			return 0, fmt.Errorf("insert %s: %q is not a stored field of %s", modelName, name, modelName)
		}
		if f.x2many() {
			if f.Type == "one2many" && f.RelationField != "" {
				return 0, fmt.Errorf("insert %s: %q is a one2many: insert the %s records with %s set instead", modelName, name, f.Relation, f.RelationField)
			}
			ids, ok := v.([]int64)
			if !ok {
				return 0, fmt.Errorf("insert %s: field %q needs []int64 ids, got %T", modelName, name, v)
			}
			cells = append(cells, cell{f, ids})
			continue
		}
		raw, err := toRaw(m, f, v)
		if err != nil {
			return 0, fmt.Errorf("insert %s field %q: %w", modelName, name, err)
		}
		cells = append(cells, cell{f, raw})
	}
	pos, id := m.table.appendRow()
	(&Env{s: s, uid: adminUID}).stampNew(m, pos)
	for _, c := range cells {
		m.table.set(pos, c.f, c.v)
	}
	return id, nil
}
