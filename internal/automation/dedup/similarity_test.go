package dedup

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The bound must never be below the true similarity, or pairs would be misjudged.
func TestJWUpperBoundIsAnUpperBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			b[i] = "abcdeilmnorst "[rng.IntN(14)]
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		if bound, exact := jwUpperBound(a, b), jw(a, b); bound+1e-12 < exact {
			t.Fatalf("jw(%q, %q) = %v above bound %v", a, b, exact, bound)
		}
	}
}

func TestTokenSetRatio(t *testing.T) {
	tests := []struct {
		a, b []string
		want float64
	}{
		{[]string{"acme", "trading"}, []string{"acme"}, 1},
		{[]string{"acme"}, []string{"globex"}, 1 - 5.0/6},
		{nil, []string{"x"}, 0},
	}
	for _, tt := range tests {
		if got := tokenSetRatio(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("tokenSetRatio(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
