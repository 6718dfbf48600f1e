package odoo

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// FuzzFastPaths: whenever a fast path accepts input, encoding/json agrees on the value.
func FuzzFastPaths(f *testing.F) {
	for _, s := range []string{`"abc"`, `"Zürich"`, `[15, "Azure Interior"]`, `[7, false]`, `[1, 2, 3]`, `[]`,
		`"2026-11-01"`, `"2026-02-30"`, `"2026-11-24 16:57:34"`, `"a\"b"`, `[1,"x\u00e9"]`, `[ 1 , 2 ]`, `[01]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return // encoding/json only hands valid JSON to unmarshalers
		}
		if s, ok := plainString(b); ok {
			var want string
			if err := json.Unmarshal(b, &want); err != nil || want != s {
				t.Fatalf("string %q: fast %q, json %q %v", b, s, want, err)
			}
		}
		if m, ok := fastMany2one(b); ok {
			var pair []any
			if err := json.Unmarshal(b, &pair); err != nil || len(pair) != 2 {
				t.Fatalf("many2one %q accepted but json reads %v %v", b, pair, err)
			}
			id, _ := pair[0].(float64)
			name, _ := pair[1].(string)
			if int64(id) != m.ID || name != m.Name {
				t.Fatalf("many2one %q: fast %+v, json %v", b, m, pair)
			}
		}
		if ids, ok := fastIDs(b); ok {
			var want []int64
			if err := json.Unmarshal(b, &want); err != nil || !reflect.DeepEqual([]int64(ids), append([]int64{}, want...)) {
				t.Fatalf("ids %q: fast %v, json %v %v", b, ids, want, err)
			}
		}
		for _, withTime := range []bool{false, true} {
			if tm, ok := fastDate(b, withTime); ok {
				var s string
				json.Unmarshal(b, &s)
				layout := DateLayout
				if withTime {
					layout = DatetimeLayout
				}
				want, err := time.Parse(layout, s)
				if err != nil || !want.Equal(tm) {
					t.Fatalf("date %q: fast %v, time.Parse %v %v", b, tm, want, err)
				}
			}
		}
	})
}
