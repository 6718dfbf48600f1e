package odoo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// json2Transport speaks Odoo 19's JSON-2 API: POST /json/2/<model>/<method> with named
// arguments, "Authorization: bearer <api key>", and real HTTP status codes. The body of a
// success is the bare result; errors are {"name", "message", "debug", …}.
type json2Transport struct {
	http   *httpDoer
	db     string
	apiKey string
}

func (t *json2Transport) name() string { return TransportJSON2 }

func (t *json2Transport) execute(ctx context.Context, c rpcCall, out any) error {
	named, err := namedArgs(c.method, c.args, c.kwargs)
	if err != nil {
		return &Error{Kind: KindBadArguments, Model: c.model, Method: c.method, Transport: t.name(), Message: err.Error()}
	}
	body, err := marshalJSON(named)
	if err != nil {
		return &Error{Kind: KindBadArguments, Model: c.model, Method: c.method, Transport: t.name(),
			Message: "encode the arguments as JSON: " + err.Error()}
	}
	path := "/json/2/" + url.PathEscape(c.model) + "/" + url.PathEscape(c.method)
	a, err := t.http.do(ctx, http.MethodPost, path, "application/json", body,
		"Authorization", "bearer "+t.apiKey, "X-Odoo-Database", t.db)
	if err != nil {
		return annotate(err, c, t.name())
	}
	return annotate(t.answer(a, path, c, out), c, t.name())
}

func (t *json2Transport) answer(a *httpAnswer, path string, c rpcCall, out any) error {
	if e := t.http.statusError(a, path); e != nil {
		return e
	}
	if a.status == http.StatusOK {
		if !a.isJSON() && !json.Valid(a.body) {
			return notRPC(a, path, "a JSON result")
		}
		return decodeInto(a.body, out, c, t.name(), false)
	}
	var eb odooErrorBody
	if !looksLikeJSONObject(a.body) || json.Unmarshal(a.body, &eb) != nil || eb.Name == "" {
		return notRPC(a, path, "a JSON-2 error")
	}
	kind, retry := classify(eb.Name, eb.Message, eb.Debug, a.status)
	return &Error{Kind: kind, Name: eb.Name, Message: eb.Message, Debug: eb.Debug, HTTPStatus: a.status, Retryable: retry}
}

// common has no JSON-2 equivalent except the version, which GET /json/version serves on 19+.
func (t *json2Transport) common(ctx context.Context, method string, args []any, out any) error {
	c := rpcCall{method: method}
	if method != "version" {
		return &Error{Kind: KindUnknownMethod, Method: method, Transport: t.name(),
			Message: "JSON-2 has no common service; authentication is the bearer API key"}
	}
	const path = "/json/version"
	a, err := t.http.do(ctx, http.MethodGet, path, "", nil, "Authorization", "bearer "+t.apiKey, "X-Odoo-Database", t.db)
	if err != nil {
		return annotate(err, c, t.name())
	}
	if e := t.http.statusError(a, path); e != nil {
		return annotate(e, c, t.name())
	}
	if a.status != http.StatusOK || !looksLikeJSONObject(a.body) {
		return annotate(notRPC(a, path, "the server version"), c, t.name())
	}
	// /json/version says {"version_info": [...], "version": "19.0"}; reshape it like common.version.
	var v struct {
		Info    []any  `json:"version_info"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal(a.body, &v); err != nil {
		return annotate(&Error{Kind: KindBadResponse, Message: "decode /json/version: " + err.Error()}, c, t.name())
	}
	reshaped, _ := json.Marshal(map[string]any{"server_version": v.Version, "server_version_info": v.Info, "server_serie": v.Version})
	return decodeInto(reshaped, out, c, t.name(), true)
}

// positionalNames gives the Python parameter names of the ORM methods, so calls written
// positionally (as execute_kw takes them) can be sent to JSON-2, which takes names only.
// "ids" marks a record method whose first positional argument is the record ids.
var positionalNames = map[string][]string{
	"search":               {"domain", "offset", "limit", "order"},
	"search_read":          {"domain", "fields", "offset", "limit", "order"},
	"search_count":         {"domain", "limit"},
	"search_fetch":         {"domain", "field_names", "offset", "limit", "order"},
	"read":                 {"ids", "fields", "load"},
	"create":               {"vals_list"},
	"write":                {"ids", "vals"},
	"unlink":               {"ids"},
	"copy":                 {"ids", "default"},
	"name_search":          {"name", "domain", "operator", "limit"},
	"name_create":          {"name"},
	"fields_get":           {"allfields", "attributes"},
	"default_get":          {"fields_list"},
	"read_group":           {"domain", "fields", "groupby", "offset", "limit", "orderby", "lazy"},
	"formatted_read_group": {"domain", "groupby", "aggregates", "having", "offset", "limit", "order"},
	"check_access_rights":  {"operation", "raise_exception"},
}

// namedArgs merges positional args into kwargs by parameter name. Methods not in the table
// are record methods (action_post, reconcile, message_post…): their one positional argument
// is the ids; anything else must be passed by name.
func namedArgs(method string, args []any, kwargs map[string]any) (map[string]any, error) {
	named := make(map[string]any, len(args)+len(kwargs))
	for k, v := range kwargs {
		named[k] = v
	}
	names, known := positionalNames[method]
	if !known {
		names = []string{"ids"}
	}
	if len(args) > len(names) {
		return nil, fmt.Errorf("JSON-2 takes named arguments: %s accepts %d positional argument(s) %v here, got %d; pass the rest in kwargs",
			method, len(names), names, len(args))
	}
	for i, v := range args {
		if _, dup := named[names[i]]; dup {
			return nil, fmt.Errorf("argument %q given both by position and by name", names[i])
		}
		named[names[i]] = v
	}
	return named, nil
}
