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

// SearchAll reads every record matching domain (see SearchEach) into one slice.
// domain is an Odoo domain as a list ([]any{[]any{"state", "=", "posted"}}).
func SearchAll(ctx context.Context, c Caller, model string, domain []any, fields []string, pageSize int) ([]Row, error) {
	var all []Row
	err := SearchEach(ctx, c, model, domain, fields, pageSize, func(page []Row) error {
		all = append(all, page...)
		return nil
	})
	return all, err
}

// WithContext returns a Caller that sends context (allowed_company_ids, lang, …) with
// every call, so the paging helpers serve a loader that works in one company.
func WithContext(c Caller, context map[string]any) Caller {
	if len(context) == 0 {
		return c
	}
	return withContext{c: c, context: context}
}

type withContext struct {
	c       Caller
	context map[string]any
}

func (w withContext) Call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error {
	kw := make(map[string]any, len(kwargs)+1)
	for k, v := range kwargs {
		kw[k] = v
	}
	kw["context"] = w.context
	return w.c.Call(ctx, model, method, args, kw, out)
}

// First reads the matching record with the lowest id, in one search_read with limit 1:
// a slice of at most one row.
func First(ctx context.Context, c Caller, model string, domain []any, fields []string) ([]Row, error) {
	if domain == nil {
		domain = []any{}
	}
	var rows []Row
	kw := map[string]any{"domain": domain, "fields": fields, "limit": 1, "order": "id"}
	if err := c.Call(ctx, model, "search_read", nil, kw, &rows); err != nil {
		return nil, fmt.Errorf("read the first %s: %w", model, err)
	}
	return rows[:min(len(rows), 1)], nil
}

// SearchEach reads every record matching domain in id order, pageSize records per
// search_read (default 2000), and hands each page to fn, so a caller that keeps typed
// values instead of rows never holds more than one page of maps.
//
// It pages by key ("id" > the last id read), never by offset: an offset makes the
// server find and skip every earlier record again on each page, which turns a pull of a
// million journal items into a quadratic scan, and skips or repeats records when data
// changes underneath. The id condition goes first, so it is a conjunct of whatever the
// rest of the domain says (Odoo ANDs a domain's top-level terms).
func SearchEach(ctx context.Context, c Caller, model string, domain []any, fields []string, pageSize int, fn func([]Row) error) error {
	if pageSize <= 0 {
		pageSize = 2000
	}
	last := int64(0)
	for {
		dom := append([]any{[]any{"id", ">", last}}, domain...)
		var page []Row
		kw := map[string]any{"domain": dom, "fields": fields, "limit": pageSize, "order": "id"}
		if err := c.Call(ctx, model, "search_read", nil, kw, &page); err != nil {
			return fmt.Errorf("read %s (ids above %d): %w", model, last, err)
		}
		if len(page) == 0 {
			return nil
		}
		next := page[len(page)-1].ID("id")
		if next <= last {
			return fmt.Errorf("read %s: the server answered ids up to %d when asked for ids above %d in id order; it does not page like Odoo", model, next, last)
		}
		if err := fn(page); err != nil {
			return err
		}
		if len(page) < pageSize {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		last = next
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
	case []int64: // a many2many or one2many as the simulator stores it: its first id
		if len(v) > 0 {
			return v[0]
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
	if ids, ok := r[field].([]int64); ok { // as the simulator stores it
		return ids
	}
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
