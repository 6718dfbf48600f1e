package business

import (
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// rec reads raw field values of one record through an Env. The getters convert the raw
// forms documented on odoosim.Env.Get (int64 ids, float64, string or nil, []int64, bool)
// and treat anything else as the field's empty value.
type rec struct {
	env   *odoosim.Env
	model string
	id    int64
}

func at(env *odoosim.Env, model string, id int64) rec { return rec{env: env, model: model, id: id} }

func (r rec) raw(field string) any { return r.env.Get(r.model, r.id, field) }

// id is a many2one value (0 when empty).
func (r rec) m2o(field string) int64 {
	switch v := r.raw(field).(type) {
	case int64:
		return v
	case int:
		return int64(v)
	}
	return 0
}

func (r rec) f64(field string) float64 {
	switch v := r.raw(field).(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func (r rec) int(field string) int64 {
	switch v := r.raw(field).(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	}
	return 0
}

// str is a char/selection/date value, "" for Odoo's false.
func (r rec) str(field string) string {
	s, _ := r.raw(field).(string)
	return s
}

func (r rec) boolean(field string) bool {
	b, _ := r.raw(field).(bool)
	return b
}

func (r rec) ids(field string) []int64 {
	v, _ := r.raw(field).([]int64)
	return v
}

// date parses a date field; the zero time when empty.
func (r rec) date(field string) time.Time {
	s := r.str(field)
	if len(s) < 10 {
		return time.Time{}
	}
	d, err := time.Parse(dateLayout, s[:10])
	if err != nil {
		return time.Time{}
	}
	return d
}

const dateLayout = "2006-01-02"

// name is what Odoo shows for the record in messages: its name, or "model(id,)".
func (r rec) name() string {
	if s := r.str("name"); s != "" {
		return s
	}
	return fmt.Sprintf("%s(%d,)", r.model, r.id)
}

// search is Env.Search that reads all matching ids in the model's order.
func search(env *odoosim.Env, model string, domain ...any) ([]int64, error) {
	if domain == nil {
		domain = []any{}
	}
	ids, err := env.Search(model, domain, "", 0)
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", model, err)
	}
	return ids, nil
}

// leaf builds one domain condition.
func leaf(field, op string, value any) []any { return []any{field, op, value} }

// anyIDs turns ids into a domain value list.
func anyIDs(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// today is the env's clock as an Odoo date (UTC: the simulated users have no timezone).
func today(env *odoosim.Env) time.Time {
	n := env.Now()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}
