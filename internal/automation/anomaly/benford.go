package anomaly

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// BenfordOptions tune a Benford test. Zero values take the defaults noted.
type BenfordOptions struct {
	Confidence  float64 // for z and KS critical values; default 0.95
	DrillDigits int     // how many over-represented digits to drill into; default 5
	DrillRows   int     // how many rows to list per drilled digit; default 50
}

func (o BenfordOptions) withDefaults() BenfordOptions {
	if o.Confidence <= 0 || o.Confidence >= 1 {
		o.Confidence = 0.95
	}
	if o.DrillDigits <= 0 {
		o.DrillDigits = 5
	}
	if o.DrillRows <= 0 {
		o.DrillRows = 50
	}
	return o
}

// DigitRow is one digit value's line in a Benford table.
type DigitRow struct {
	Digit    int     `json:"digit"`
	Count    int     `json:"count"`
	Found    float64 `json:"found"`
	Expected float64 `json:"expected"`
	Z        float64 `json:"z"`
	// Significant is true when Z exceeds the critical value at the chosen confidence.
	Significant bool `json:"significant"`
}

// Drill lists the rows behind one over-represented digit, as indices into the input.
type Drill struct {
	Digit  int     `json:"digit"`
	Z      float64 `json:"z"`
	Excess int     `json:"excess"` // count above what Benford expects
	Rows   []int   `json:"rows"`   // first DrillRows input indices carrying this digit
	Total  int     `json:"total"`  // how many input rows carry it
}

// BenfordResult is the outcome of one digit test.
type BenfordResult struct {
	Test       Test       `json:"test"`
	N          int        `json:"n"`       // values that had the tested digits
	Skipped    int        `json:"skipped"` // values too small (or not finite) to have them
	Rows       []DigitRow `json:"rows"`
	ChiSquare  float64    `json:"chi_square"`
	DF         int        `json:"df"`
	PValue     float64    `json:"p_value"`
	MAD        float64    `json:"mad"`
	Conformity string     `json:"conformity,omitempty"` // Nigrini's band; empty when the test has none
	KS         float64    `json:"ks"`
	KSCritical float64    `json:"ks_critical"`
	ZCritical  float64    `json:"z_critical"`
	Warning    string     `json:"warning,omitempty"`
	Drill      []Drill    `json:"drill,omitempty"`
}

// madBands are Nigrini's (2012) MAD limits for close, acceptable and marginal conformity.
var madBands = map[Test][3]float64{
	TestFirst:  {0.006, 0.012, 0.015},
	TestSecond: {0.008, 0.010, 0.012},
	TestFirst2: {0.0012, 0.0018, 0.0022},
}

// minSample is the size below which a test's verdict is not worth much: Nigrini asks for
// about a thousand records before the two-digit tests say anything, fewer for one digit.
var minSample = map[Test]int{TestFirst: 300, TestSecond: 300, TestFirst2: 1000, TestLast2: 1000}

// Benford runs a digit test over float values, each scaled by 10^decimals and truncated
// before its digits are read (decimals=2 for amounts in cents).
func Benford(values []float64, decimals int, t Test, opt BenfordOptions) (BenfordResult, error) {
	if decimals < 0 || decimals > 18 {
		return BenfordResult{}, fmt.Errorf("benford: decimals %d out of range 0..18", decimals)
	}
	ints := make([]int64, len(values))
	for i, v := range values {
		n, ok := ScaleToInt(v, decimals)
		if !ok {
			n = 0 // counted as skipped below
		}
		ints[i] = n
	}
	return BenfordInts(ints, t, opt)
}

// BenfordInts runs a digit test over integers (for money: minor units). Signs are ignored.
func BenfordInts(values []int64, t Test, opt BenfordOptions) (BenfordResult, error) {
	if _, err := ParseTest(string(t)); err != nil {
		return BenfordResult{}, err
	}
	opt = opt.withDefaults()
	lo, width := t.span()
	counts := make([]int, width)
	n := 0
	for _, v := range values {
		if d, ok := digitOf(t, absInt(v)); ok {
			counts[d-lo]++
			n++
		}
	}
	res := BenfordResult{Test: t, N: n, Skipped: len(values) - n}
	if n == 0 {
		return res, fmt.Errorf("benford %s: none of the %d values has the digits this test reads (need at least %d after scaling); check the column and the decimals", t, len(values), t.minValue())
	}
	res.fill(counts, lo, opt)
	res.drill(values, opt)
	return res, nil
}

func absInt(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// fill computes the table and the statistics from the digit counts.
func (r *BenfordResult) fill(counts []int, lo int, opt BenfordOptions) {
	exp := r.Test.expected()
	nf := float64(r.N)
	r.ZCritical = distuv.UnitNormal.Quantile(1 - (1-opt.Confidence)/2)
	var cumFound, cumExp, sumAbs float64
	r.Rows = make([]DigitRow, len(counts))
	for i, c := range counts {
		found := float64(c) / nf
		e := exp[i]
		expCount := nf * e
		r.ChiSquare += (float64(c) - expCount) * (float64(c) - expCount) / expCount
		sumAbs += math.Abs(found - e)
		cumFound += found
		cumExp += e
		r.KS = math.Max(r.KS, math.Abs(cumFound-cumExp))
		z := zStat(found, e, nf)
		r.Rows[i] = DigitRow{Digit: lo + i, Count: c, Found: found, Expected: e, Z: z, Significant: z > r.ZCritical}
	}
	r.MAD = sumAbs / float64(len(counts))
	r.DF = len(counts) - 1
	r.PValue = distuv.ChiSquared{K: float64(r.DF)}.Survival(r.ChiSquare)
	r.KSCritical = ksCoefficient(opt.Confidence) / math.Sqrt(nf)
	r.Conformity = conformity(r.Test, r.MAD)
	if min := minSample[r.Test]; r.N < min {
		r.Warning = fmt.Sprintf("only %d values have the digits for the %s test; below %d the result cannot be judged reliably", r.N, r.Test, min)
	}
}

// zStat is Nigrini's z for one proportion, with the 1/(2N) continuity correction applied
// only when it is smaller than the difference (otherwise the correction would flip the sign).
func zStat(found, expected, n float64) float64 {
	diff := math.Abs(found - expected)
	if cc := 1 / (2 * n); cc < diff {
		diff -= cc
	}
	return diff / math.Sqrt(expected*(1-expected)/n)
}

// ksCoefficient is the asymptotic Kolmogorov critical coefficient c(alpha) = sqrt(-ln(alpha/2)/2):
// 1.358 at 95 %.
func ksCoefficient(confidence float64) float64 {
	return math.Sqrt(-0.5 * math.Log((1-confidence)/2))
}

func conformity(t Test, mad float64) string {
	b, ok := madBands[t]
	switch {
	case !ok:
		return ""
	case mad <= b[0]:
		return "close"
	case mad <= b[1]:
		return "acceptable"
	case mad <= b[2]:
		return "marginal"
	default:
		return "nonconformity"
	}
}

// drill lists the input rows behind the most over-represented significant digits.
func (r *BenfordResult) drill(values []int64, opt BenfordOptions) {
	var over []DigitRow
	for _, row := range r.Rows {
		if row.Significant && row.Found > row.Expected {
			over = append(over, row)
		}
	}
	sort.Slice(over, func(i, j int) bool { return over[i].Z > over[j].Z })
	if len(over) > opt.DrillDigits {
		over = over[:opt.DrillDigits]
	}
	if len(over) == 0 {
		return
	}
	index := make(map[int]int, len(over))
	r.Drill = make([]Drill, len(over))
	for i, row := range over {
		index[row.Digit] = i
		r.Drill[i] = Drill{Digit: row.Digit, Z: row.Z, Total: row.Count,
			Excess: row.Count - int(math.Round(row.Expected*float64(r.N)))}
	}
	for i, v := range values {
		d, ok := digitOf(r.Test, absInt(v))
		if !ok {
			continue
		}
		if k, hit := index[d]; hit && len(r.Drill[k].Rows) < opt.DrillRows {
			r.Drill[k].Rows = append(r.Drill[k].Rows, i)
		}
	}
}
