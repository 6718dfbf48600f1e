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

// Patch is Insert's counterpart for a record already inserted: it sets stored values as
// given, running no hooks or business logic. The company generator uses it for references
// Odoo keeps on both sides (a bank move's statement_line_id, a company's currency) that can
// only be set once both records exist.
func (s *Server) Patch(modelName string, id int64, vals map[string]any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.model(modelName)
	if err != nil {
		return err
	}
	pos := m.table.pos(id)
	if pos < 0 {
		return fmt.Errorf("patch %s: record %d does not exist", modelName, id)
	}
	for name, v := range vals {
		f := m.field(name)
		if f == nil || !f.Store || f.x2many() {
			return fmt.Errorf("patch %s: %q is not a stored scalar or many2one field of %s", modelName, name, modelName)
		}
		raw, err := toRaw(m, f, v)
		if err != nil {
			return fmt.Errorf("patch %s field %q: %w", modelName, name, err)
		}
		m.table.set(pos, f, raw)
	}
	return nil
}
