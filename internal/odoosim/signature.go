package odoosim

import (
	"fmt"
	"slices"
	"strings"
)

// signature describes a Python method's parameters (self excluded) so that positional
// and keyword arguments are bound, and refused, exactly as Python would.
type signature struct {
	owner    string   // class name shown in TypeErrors, e.g. "BaseModel"
	name     string   // method name
	record   bool     // called on records: args[0] is the ids (self)
	params   []string // in order
	required int      // how many leading params have no default
	varKW    string   // name of the function **kwargs are forwarded to ("" = none)
}

// bind maps args (after the ids, for record methods) and kwargs onto parameter names.
// Errors are builtins.TypeError with CPython's wording.
func (sg signature) bind(args []any, kwargs map[string]any) (map[string]any, error) {
	out := map[string]any{}
	qual := sg.owner + "." + sg.name + "()"
	if len(args) > len(sg.params) {
		given := len(args) + 1
		if sg.required == len(sg.params) {
			return nil, typeError("%s takes %d positional argument%s but %d were given", qual, len(sg.params)+1, plural(len(sg.params)+1), given)
		}
		return nil, typeError("%s takes from %d to %d positional arguments but %d were given", qual, sg.required+1, len(sg.params)+1, given)
	}
	for i, a := range args {
		out[sg.params[i]] = a
	}
	extra := map[string]any{}
	for _, k := range sortedKeys(kwargs) {
		if !slices.Contains(sg.params, k) {
			if sg.varKW != "" {
				extra[k] = kwargs[k]
				continue
			}
			return nil, typeError("%s got an unexpected keyword argument '%s'", qual, k)
		}
		if _, dup := out[k]; dup {
			return nil, typeError("%s got multiple values for argument '%s'", qual, k)
		}
		out[k] = kwargs[k]
	}
	var missing []string
	for _, p := range sg.params[:sg.required] {
		if _, ok := out[p]; !ok {
			missing = append(missing, "'"+p+"'")
		}
	}
	if len(missing) > 0 {
		return nil, typeError("%s missing %d required positional argument%s: %s", qual, len(missing), plural(len(missing)), joinPy(missing))
	}
	if len(extra) > 0 {
		out["**"] = extra
	}
	return out, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// joinPy joins names as CPython does in "missing ... arguments: 'a', 'b', and 'c'".
func joinPy(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

// Argument accessors with Odoo's defaults; a wrong type is a TypeError naming the argument.

func argList(a map[string]any, name string) ([]any, error) {
	v, ok := a[name]
	if !ok || v == nil || v == false {
		return nil, nil
	}
	l, ok := v.([]any)
	if !ok {
		return nil, typeError("argument '%s' must be a list, got %s", name, pyRepr(v))
	}
	return l, nil
}

func argStrings(a map[string]any, name string) ([]string, error) {
	l, err := argList(a, name)
	if err != nil {
		if s, ok := a[name].(string); ok {
			return []string{s}, nil
		}
		return nil, err
	}
	out := make([]string, 0, len(l))
	for _, x := range l {
		s, ok := x.(string)
		if !ok {
			return nil, typeError("argument '%s' must be a list of strings, got %s", name, pyRepr(x))
		}
		out = append(out, s)
	}
	return out, nil
}

func argInt(a map[string]any, name string, def int) (int, error) {
	v, ok := a[name]
	if !ok || v == nil || v == false {
		return def, nil
	}
	f, ok := asFloat(v)
	if !ok {
		return 0, typeError("argument '%s' must be an integer, got %s", name, pyRepr(v))
	}
	return int(f), nil
}

func argString(a map[string]any, name, def string) (string, error) {
	v, ok := a[name]
	if !ok || v == nil || v == false {
		return def, nil
	}
	s, ok := v.(string)
	if !ok {
		return "", typeError("argument '%s' must be a string, got %s", name, pyRepr(v))
	}
	return s, nil
}

// argIDs reads record ids given as a list or a single id.
func argIDs(v any) ([]int64, error) {
	switch x := v.(type) {
	case nil, bool:
		return nil, nil
	case []any:
		return anyIDs(x)
	case []int64:
		return x, nil
	}
	id, err := toID(v)
	if err != nil {
		return nil, fmt.Errorf("ids: %w", err)
	}
	return []int64{id}, nil
}

// bindNamed binds JSON-2's named arguments; binding failures are 422 Unprocessable
// Entity with inspect.Signature.bind's wording, as Odoo 19 answers them.
func (sg signature) bindNamed(kwargs map[string]any) (map[string]any, error) {
	out := map[string]any{}
	extra := map[string]any{}
	for _, k := range sortedKeys(kwargs) {
		if !slices.Contains(sg.params, k) {
			if sg.varKW == "" {
				return nil, werkzeug(422, "UnprocessableEntity", "got an unexpected keyword argument '%s'", k)
			}
			extra[k] = kwargs[k]
			continue
		}
		out[k] = kwargs[k]
	}
	for _, p := range sg.params[:sg.required] {
		if _, ok := out[p]; !ok {
			return nil, werkzeug(422, "UnprocessableEntity", "missing a required argument: '%s'", p)
		}
	}
	if len(extra) > 0 {
		out["**"] = extra
	}
	return out, nil
}
