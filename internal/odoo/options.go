package odoo

import "maps"

// Option tunes one ORM call: paging, order, context.
type Option func(*options)

type options struct {
	limit, offset int
	order         string
	context       map[string]any
	lazy          *bool
	operator      string
}

// Limit caps the number of records (0 = no limit).
func Limit(n int) Option { return func(o *options) { o.limit = n } }

// Offset skips the first n records.
func Offset(n int) Option { return func(o *options) { o.offset = n } }

// Order sets the SQL-like order, e.g. "date desc, id".
func Order(s string) Option { return func(o *options) { o.order = s } }

// CallContext adds Odoo context keys (lang, tz, allowed_company_ids, active_test…) to one
// call, over the client's default context.
func CallContext(kv map[string]any) Option {
	return func(o *options) {
		if o.context == nil {
			o.context = map[string]any{}
		}
		maps.Copy(o.context, kv)
	}
}

// Lazy sets read_group's lazy flag (Odoo's default is true: group by the first field only).
func Lazy(b bool) Option { return func(o *options) { o.lazy = &b } }

// Operator sets name_search's operator (default "ilike").
func Operator(op string) Option { return func(o *options) { o.operator = op } }

func collect(opts []Option) options {
	var o options
	for _, f := range opts {
		f(&o)
	}
	return o
}

// kwargs builds the keyword arguments common to search-like methods.
func (o options) kwargs(orderKey string) map[string]any {
	kw := map[string]any{}
	if o.limit > 0 {
		kw["limit"] = o.limit
	}
	if o.offset > 0 {
		kw["offset"] = o.offset
	}
	if o.order != "" {
		kw[orderKey] = o.order
	}
	if len(o.context) > 0 {
		kw["context"] = o.context
	}
	return kw
}
