package odoosim

import (
	"strings"
	"testing"
)

func TestColumns(t *testing.T) {
	const rows = 100
	big := strings.Repeat("x", maxStringLen+1)
	cases := []struct {
		typ  string
		vals func(i int) any
	}{
		{"integer", func(i int) any { return int64(7) }},                                    // uniform
		{"integer", func(i int) any { return int64(i * 1_000_000_000) }},                    // widens past int32
		{"many2one", func(i int) any { return int64(i % 3) }},                               // varied small
		{"float", func(i int) any { return float64(i) / 4 }},                                // varied
		{"monetary", func(i int) any { return 12.5 }},                                       // uniform
		{"char", func(i int) any { return []any{"a", "", nil}[i%3] }},                       // "", false, text
		{"char", func(i int) any { return "same" }},                                         // uniform
		{"text", func(i int) any { return strings.Repeat("é", i*50) }},                      // multi-block
		{"binary", func(i int) any { return map[bool]any{true: big, false: "s"}[i == 50] }}, // huge
		{"boolean", func(i int) any { return i%2 == 0 }},
		{"many2many", func(i int) any { return []int64{int64(i), 1} }},
	}
	for _, c := range cases {
		col := newColumn(c.typ)
		col.grow(rows)
		for i := 0; i < rows; i += 2 { // odd rows stay unassigned
			col.set(i, c.vals(i))
		}
		col.unset(10)
		for i := 0; i < rows; i++ {
			got, ok := col.get(i)
			want := c.vals(i)
			assigned := i%2 == 0 && i != 10
			if ok != assigned {
				t.Fatalf("%s row %d: present=%v, want %v", c.typ, i, ok, assigned)
			}
			if !assigned {
				continue
			}
			if ids, isList := want.([]int64); isList {
				if g := got.([]int64); len(g) != 2 || g[0] != ids[0] {
					t.Errorf("%s row %d: %v, want %v", c.typ, i, got, want)
				}
				continue
			}
			if got != want {
				t.Errorf("%s row %d: %.40v, want %.40v", c.typ, i, got, want)
			}
		}
	}
}
