// Package odoorow reads the loosely typed rows Odoo's search_read returns (false for
// empty, [id, "name"] for many2one, floats for money, "2006-01-02" dates) into Go values,
// and pages through whole models. It is shared by the anomaly, credit, closing and dedup loaders,
// which talk to Odoo only through the one-method Caller interface below, so they work with
// any client that can make an execute_kw-style call (internal/odoo's Client.Call).
package odoorow

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Caller is the Odoo call the loaders make: model.method(*args, **kwargs), decoding the
// result into out.
type Caller interface {
	Call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error
}

// Row is one record as search_read returns it.
type Row map[string]any

// SearchAll pages through search_read until every matching record is read.
// domain is an Odoo domain as a list ([]any{[]any{"state", "=", "posted"}}).
func SearchAll(ctx context.Context, c Caller, model string, domain []any, fields []string, pageSize int) ([]Row, error) {
	if pageSize <= 0 {
		pageSize = 2000
	}
	if domain == nil {
		domain = []any{}
	}
	var all []Row
	for offset := 0; ; offset += pageSize {
		var page []Row
		kw := map[string]any{"domain": domain, "fields": fields, "limit": pageSize, "offset": offset, "order": "id"}
		if err := c.Call(ctx, model, "search_read", nil, kw, &page); err != nil {
			return nil, fmt.Errorf("read %s (offset %d): %w", model, offset, err)
		}
		all = append(all, page...)
		if len(page) < pageSize {
			return all, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
}

// ID returns an integer field (id, or a many2one's id); 0 when empty.
func (r Row) ID(field string) int64 {
	switch v := r[field].(type) {
	case float64:
		return int64(v)
	case int64:
		return v
	case int:
		return int64(v)
	case []any:
		if len(v) > 0 {
			return Row{"x": v[0]}.ID("x")
		}
	}
	return 0
}

// Name returns a many2one's display name, or a char field; "" when empty (false).
func (r Row) Name(field string) string {
	switch v := r[field].(type) {
	case string:
		return v
	case []any:
		if len(v) > 1 {
			s, _ := v[1].(string)
			return s
		}
	}
	return ""
}

// String is Name for plain char, text and selection fields.
func (r Row) String(field string) string { return r.Name(field) }

// Float returns a float field; 0 when empty.
func (r Row) Float(field string) float64 {
	switch v := r[field].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	case int:
		return float64(v)
	}
	return 0
}

// Bool returns a boolean field.
func (r Row) Bool(field string) bool { b, _ := r[field].(bool); return b }

// Minor returns a monetary field in minor units of a currency with the given decimals.
func (r Row) Minor(field string, decimals int) int64 {
	return core.MinorFromFloat(r.Float(field), decimals)
}

// Date returns a date ("2006-01-02") or datetime ("2006-01-02 15:04:05", UTC) field;
// the zero time when empty or unreadable.
func (r Row) Date(field string) time.Time {
	s, _ := r[field].(string)
	if s == "" {
		return time.Time{}
	}
	layout := "2006-01-02"
	if strings.Contains(s, " ") {
		layout = "2006-01-02 15:04:05"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// IDs returns a one2many / many2many field's ids.
func (r Row) IDs(field string) []int64 {
	list, _ := r[field].([]any)
	out := make([]int64, 0, len(list))
	for _, v := range list {
		if id := (Row{"x": v}).ID("x"); id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// Version reads the server's major version (16, 17, 18, 19...) from common.version-style
// info as the loaders receive it: "18.0", "saas~18.2", "19.0+e".
func Version(serverVersion string) (int, error) {
	s := strings.TrimPrefix(serverVersion, "saas~")
	var major int
	if _, err := fmt.Sscanf(s, "%d", &major); err != nil || major < 8 {
		return 0, fmt.Errorf("read Odoo version from %q: expected something like \"18.0\"", serverVersion)
	}
	return major, nil
}
