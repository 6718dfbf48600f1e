package anomaly

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"
)

const spyPath = "../../../../shared/corpora/benford/SPY.csv"

// spyReturns follows the corpus recipe: daily log returns of Close, zero returns dropped.
func spyReturns(t testing.TB) []float64 {
	t.Helper()
	f, err := os.Open(spyPath)
	if err != nil {
		t.Skipf("SPY corpus not available: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read SPY.csv: %v", err)
	}
	var out []float64
	prev := 0.0
	for i, row := range rows[1:] {
		c, err := strconv.ParseFloat(row[4], 64)
		if err != nil {
			t.Fatalf("row %d close %q: %v", i+2, row[4], err)
		}
		if i > 0 {
			if r := math.Log(c / prev); r != 0 {
				out = append(out, r)
			}
		}
		prev = c
	}
	return out
}

// published compares at the precision benford_py prints: six decimal places, which
// is six significant digits or more for every published figure except the MADs.
func published(t *testing.T, name string, got float64, want string) {
	t.Helper()
	if s := strconv.FormatFloat(got, 'f', 6, 64); s != want {
		t.Errorf("%s = %s (%.10g), published %s", name, s, got, want)
	}
}

func TestBenfordReproducesPublishedSPY(t *testing.T) {
	values := spyReturns(t)
	cases := []struct {
		test          Test
		mad, chi2, ks string
		conformity    string
	}{
		{TestFirst, "0.008337", "43.563426", "0.031075", "acceptable"},
		{TestFirst2, "0.001432", "158.705636", "", "acceptable"},
		{TestSecond, "0.004151", "13.908828", "", "close"},
	}
	for _, c := range cases {
		t.Run(string(c.test), func(t *testing.T) {
			r, err := Benford(values, 8, c.test, BenfordOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if c.test == TestFirst && r.N != 5968 {
				t.Errorf("N = %d, want 5968", r.N)
			}
			published(t, "MAD", r.MAD, c.mad)
			published(t, "chi2", r.ChiSquare, c.chi2)
			if c.ks != "" {
				published(t, "KS", r.KS, c.ks)
			}
			if r.Conformity != c.conformity {
				t.Errorf("conformity = %q, want %q", r.Conformity, c.conformity)
			}
			t.Logf("%s: N=%d MAD=%.6f chi2=%.6f p=%.4g KS=%.6f", c.test, r.N, r.MAD, r.ChiSquare, r.PValue, r.KS)
		})
	}
}
