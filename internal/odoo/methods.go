package odoo

import (
	"context"
	"fmt"
)

// Search returns the ids of the records matching domain.
func (c *Client) Search(ctx context.Context, model string, domain Domain, opts ...Option) ([]int64, error) {
	var ids IDs
	err := c.call(ctx, model, "search", []any{domain}, collect(opts).kwargs("order"), &ids)
	return ids, err
}

// SearchRead reads fields of the records matching domain into out, a pointer to a slice
// of structs (or of map[string]any). Always name the fields: without a list Odoo sends
// every field, computed ones included, which is slow.
func (c *Client) SearchRead(ctx context.Context, model string, domain Domain, fields []string, out any, opts ...Option) error {
	kw := collect(opts).kwargs("order")
	kw["fields"] = nonNil(fields)
	return c.call(ctx, model, "search_read", []any{domain}, kw, out)
}

// SearchCount counts the records matching domain.
func (c *Client) SearchCount(ctx context.Context, model string, domain Domain, opts ...Option) (int64, error) {
	o := collect(opts)
	o.order, o.offset = "", 0
	var n int64
	err := c.call(ctx, model, "search_count", []any{domain}, o.kwargs("order"), &n)
	return n, err
}

// Read reads fields of the given records into out. Odoo silently skips ids that do not
// exist, so out may hold fewer records than ids.
func (c *Client) Read(ctx context.Context, model string, ids []int64, fields []string, out any, opts ...Option) error {
	kw := collect(opts).kwargs("order")
	delete(kw, "limit")
	delete(kw, "offset")
	delete(kw, "order")
	kw["fields"] = nonNil(fields)
	return c.call(ctx, model, "read", []any{nonNil(ids)}, kw, out)
}

// ReadGroup runs read_group (all versions; deprecated on 19). fields take aggregates as
// "amount_total:sum"; groupby as "invoice_date:month". Lazy(false) groups by every field.
func (c *Client) ReadGroup(ctx context.Context, model string, domain Domain, fields, groupby []string, out any, opts ...Option) error {
	o := collect(opts)
	kw := o.kwargs("orderby")
	kw["domain"] = domain
	kw["fields"] = nonNil(fields)
	kw["groupby"] = nonNil(groupby)
	if o.lazy != nil {
		kw["lazy"] = *o.lazy
	}
	return c.call(ctx, model, "read_group", nil, kw, out)
}

// FormattedReadGroup runs formatted_read_group, which exists on Odoo 19+ only: groups come
// back as [id, name], aggregates keyed "amount_total:sum", "__count" when asked for.
func (c *Client) FormattedReadGroup(ctx context.Context, model string, domain Domain, groupby, aggregates []string, out any, opts ...Option) error {
	v, err := c.Version(ctx)
	if err != nil {
		return err
	}
	if v.Major < 19 {
		return &Error{Kind: KindUnknownMethod, Model: model, Method: "formatted_read_group",
			Message: fmt.Sprintf("formatted_read_group needs Odoo 19 or later, this is %s: use ReadGroup", v.ServerVersion)}
	}
	kw := collect(opts).kwargs("order")
	kw["domain"] = domain
	kw["groupby"] = nonNil(groupby)
	kw["aggregates"] = nonNil(aggregates)
	return c.call(ctx, model, "formatted_read_group", nil, kw, out)
}

// NameSearch finds records by display name, as a many2one dropdown does. The domain
// keyword is "args" up to Odoo 18 and "domain" from 19: the client picks by version.
func (c *Client) NameSearch(ctx context.Context, model, name string, domain Domain, opts ...Option) ([]Many2one, error) {
	v, err := c.Version(ctx)
	if err != nil {
		return nil, err
	}
	o := collect(opts)
	kw := o.kwargs("order")
	delete(kw, "offset")
	delete(kw, "order")
	kw["name"] = name
	if o.operator != "" {
		kw["operator"] = o.operator
	}
	if len(domain) > 0 {
		if v.Major >= 19 {
			kw["domain"] = domain
		} else {
			kw["args"] = domain
		}
	}
	var res []Many2one
	err = c.call(ctx, model, "name_search", nil, kw, &res)
	return res, err
}

// FieldInfo is one entry of fields_get.
type FieldInfo struct {
	Type      string   `json:"type"`
	String    String   `json:"string"`
	Relation  String   `json:"relation"`
	Required  bool     `json:"required"`
	Readonly  bool     `json:"readonly"`
	Store     bool     `json:"store"`
	Selection [][2]any `json:"selection"`
}

// FieldsGet describes the model's fields. attributes limits what is returned
// (nil: type, string, relation, required, readonly, store, selection).
func (c *Client) FieldsGet(ctx context.Context, model string, attributes []string, opts ...Option) (map[string]FieldInfo, error) {
	if attributes == nil {
		attributes = []string{"type", "string", "relation", "required", "readonly", "store", "selection"}
	}
	kw := map[string]any{"attributes": attributes}
	if o := collect(opts); len(o.context) > 0 {
		kw["context"] = o.context
	}
	var res map[string]FieldInfo
	err := c.call(ctx, model, "fields_get", nil, kw, &res)
	return res, err
}

// Create creates one record per values map and returns their ids, in order. It sends a
// list, so every transport answers with a list.
func (c *Client) Create(ctx context.Context, model string, vals []map[string]any, opts ...Option) ([]int64, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	var ids IDs
	if err := c.call(ctx, model, "create", []any{vals}, contextKwargs(opts), &ids); err != nil {
		return nil, err
	}
	if len(ids) != len(vals) {
		return ids, &Error{Kind: KindBadResponse, Model: model, Method: "create",
			Message: fmt.Sprintf("asked to create %d records, Odoo returned %d ids", len(vals), len(ids))}
	}
	return ids, nil
}

// CreateOne creates one record and returns its id.
func (c *Client) CreateOne(ctx context.Context, model string, vals map[string]any, opts ...Option) (int64, error) {
	ids, err := c.Create(ctx, model, []map[string]any{vals}, opts...)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// Write sets vals on the records.
func (c *Client) Write(ctx context.Context, model string, ids []int64, vals map[string]any, opts ...Option) error {
	return c.expectTrue(ctx, model, "write", []any{nonNil(ids), vals}, contextKwargs(opts))
}

// Unlink deletes the records. Deleting an id that no longer exists is a MissingError.
func (c *Client) Unlink(ctx context.Context, model string, ids []int64, opts ...Option) error {
	return c.expectTrue(ctx, model, "unlink", []any{nonNil(ids)}, contextKwargs(opts))
}

func (c *Client) expectTrue(ctx context.Context, model, method string, args []any, kw map[string]any) error {
	var ok bool
	if err := c.call(ctx, model, method, args, kw, &ok); err != nil {
		return err
	}
	if !ok {
		return &Error{Kind: KindServerError, Model: model, Method: method, Message: method + " returned false"}
	}
	return nil
}

func contextKwargs(opts []Option) map[string]any {
	if o := collect(opts); len(o.context) > 0 {
		return map[string]any{"context": o.context}
	}
	return nil
}

// nonNil keeps a nil slice from being sent as null, which Odoo reads as "all fields".
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
