package approval

import "math"

// sameValue compares a value a proposal expected with what Odoo returned, the way Odoo's
// values mean it: false, null and empty lists are all "empty"; a many2one [id, "name"]
// equals its id; numbers are equal within a millionth (Odoo rounds amounts to the currency,
// and JSON turns every number into a float64).
func sameValue(want, got any) bool {
	if isEmpty(want) || isEmpty(got) {
		return isEmpty(want) && isEmpty(got)
	}
	if id, ok := many2oneID(got); ok {
		if w, ok := number(want); ok {
			return w == id
		}
	}
	if wn, ok := number(want); ok {
		gn, ok := number(got)
		return ok && math.Abs(wn-gn) <= 1e-6*math.Max(1, math.Abs(wn))
	}
	switch w := want.(type) {
	case string:
		g, ok := got.(string)
		return ok && g == w
	case bool:
		g, ok := got.(bool)
		return ok && g == w
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !sameValue(w[i], g[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case []any:
		return len(x) == 0
	}
	return false
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// many2oneID recognises Odoo's [id, "display name"] pair.
func many2oneID(v any) (float64, bool) {
	l, ok := v.([]any)
	if !ok || len(l) != 2 {
		return 0, false
	}
	if _, isName := l[1].(string); !isName {
		return 0, false
	}
	return number(l[0])
}
