package odoo

import (
	"context"
	"maps"
)

// readOnlyMethods are repeated after an ambiguous failure (the request may have reached
// Odoo); every other method is assumed to write.
var readOnlyMethods = map[string]bool{
	"search": true, "search_read": true, "search_count": true, "search_fetch": true, "read": true,
	"read_group": true, "formatted_read_group": true, "name_search": true, "fields_get": true,
	"default_get": true, "check_access_rights": true, "has_access": true, "check_access": true,
	"context_get": true, "web_search_read": true, "web_read": true, "name_get": true, "exists": true,
}

// Call runs any public model method: model.method(*args, **kwargs), decoding the result
// into out (a pointer; nil discards it). Use it for business methods such as action_post,
// reconcile or message_post. Over JSON-2, args beyond the record ids must go in kwargs
// for methods the client does not know (see namedArgs).
func (c *Client) Call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error {
	return c.call(ctx, model, method, args, kwargs, out)
}

func (c *Client) call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error {
	if model == "" || method == "" {
		return &Error{Kind: KindBadArguments, Model: model, Method: method, Message: "model and method must not be empty"}
	}
	tr, err := c.transport(ctx)
	if err != nil {
		return err
	}
	rc := rpcCall{model: model, method: method, args: args, kwargs: c.withCallContext(kwargs)}
	if tr.name() != TransportJSON2 {
		if rc.uid, err = c.UID(ctx); err != nil {
			return err
		}
	}
	return c.withRetry(ctx, rpcName{tr.name(), model, method}, readOnlyMethods[method], func() error {
		return tr.execute(ctx, rc, out)
	})
}

// withCallContext merges the client's default context under the call's own "context".
func (c *Client) withCallContext(kwargs map[string]any) map[string]any {
	if len(c.context) == 0 {
		return kwargs
	}
	merged := maps.Clone(kwargs)
	if merged == nil {
		merged = map[string]any{}
	}
	ctx := maps.Clone(c.context)
	if own, ok := kwargs["context"].(map[string]any); ok {
		maps.Copy(ctx, own)
	} else if kwargs["context"] != nil {
		// A context of another type is the caller's business; do not silently drop it.
		return kwargs
	}
	merged["context"] = ctx
	return merged
}
