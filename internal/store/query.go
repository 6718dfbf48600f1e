package store

import (
	"database/sql"
	"strings"
)

// where accumulates the AND-ed conditions of a List filter. Conditions use "?" placeholders;
// Store.q rebinds the finished query for PostgreSQL.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// eq filters col = v unless v is empty.
func (w *where) eq(col, v string) {
	if v != "" {
		w.add(col+" = ?", v)
	}
}

// eqInt filters col = v unless v is zero.
func (w *where) eqInt(col string, v int64) {
	if v != 0 {
		w.add(col+" = ?", v)
	}
}

// before pages backwards by id: rows with id < beforeID.
func (w *where) before(beforeID int64) {
	if beforeID > 0 {
		w.add("id < ?", beforeID)
	}
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// collect scans every row with scan and closes rows. It returns an empty (non-nil) slice
// when nothing matched, so the API encodes [] rather than null.
func collect[T any](rows *sql.Rows, what string, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, classify(what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(what, err)
	}
	return out, nil
}
