package bankrec

import (
	"slices"
	"testing"
)

func TestStructuredRefs(t *testing.T) {
	cases := []struct {
		label string
		want  []string
	}{
		{"RF18 5390 0754 7034", []string{"RF18539007547034"}},
		{"payment rf18539007547034 thanks", []string{"RF18539007547034"}},
		{"RF19 5390 0754 7034", nil}, // bad check digits
		{"+++090/9337/55493+++", []string{"090933755493"}},
		{"***090/9337/55493***", []string{"090933755493"}},
		{"COMM 090933755493", []string{"090933755493"}},
		{"+++090/9337/55494+++", nil},
		{"INV/2026/00042", nil},
	}
	for _, c := range cases {
		if got := structuredRefs(c.label); !slices.Equal(got, c.want) {
			t.Errorf("structuredRefs(%q) = %v, want %v", c.label, got, c.want)
		}
	}
}

func TestNumberKeys(t *testing.T) {
	has := func(keys []numberKey, year int, seq int64, exact bool) bool {
		for _, k := range keys {
			if k.year == year && k.seq == seq && k.exact == exact {
				return true
			}
		}
		return false
	}
	cases := []struct {
		label string
		year  int
		seq   int64
		exact bool
	}{
		{"INV/2026/00042", 2026, 42, true},
		{"INV202600042", 2026, 42, true},
		{"inv / 2026 / 0042", 2026, 42, true},
		{"INV/2026/00024", 2026, 42, false}, // swapped digits
		{"INV 00042", 0, 42, true},
	}
	for _, c := range cases {
		if k := numberKeys(c.label); !has(k, c.year, c.seq, c.exact) {
			t.Errorf("numberKeys(%q) = %v, want {%d %d %v}", c.label, k, c.year, c.seq, c.exact)
		}
	}
	p, y, s, ok := docNumber("RINV/2025/00107")
	if !ok || p != "RINV" || y != 2025 || s != 107 {
		t.Errorf("docNumber = %q %d %d %v", p, y, s, ok)
	}
}
