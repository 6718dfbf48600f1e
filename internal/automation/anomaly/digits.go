package anomaly

import (
	"fmt"
	"math"
	"strings"
)

// Test names one of Benford's digit tests.
type Test string

const (
	TestFirst  Test = "first"  // first significant digit, 1..9
	TestFirst2 Test = "first2" // first two digits, 10..99
	TestSecond Test = "second" // second digit, 0..9
	TestLast2  Test = "last2"  // last two digits, 00..99 (a uniform, not a Benford, expectation)
)

// Tests lists every test in the order reports show them.
var Tests = []Test{TestFirst, TestFirst2, TestSecond, TestLast2}

// ParseTest reads a test name as typed on a command line.
func ParseTest(s string) (Test, error) {
	t := Test(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Tests {
		if t == x {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown Benford test %q: use first, first2, second or last2", s)
}

// span is the range of digit values a test can produce: [lo, lo+len).
func (t Test) span() (lo, n int) {
	switch t {
	case TestFirst:
		return 1, 9
	case TestFirst2:
		return 10, 90
	case TestSecond:
		return 0, 10
	default:
		return 0, 100
	}
}

// minValue is the smallest integer that has the digits the test looks at. Numbers
// below it are left out rather than counted as a zero digit: "7" has no second digit,
// and the last two digits of "42" say nothing about rounding habits.
func (t Test) minValue() int64 {
	switch t {
	case TestFirst:
		return 1
	case TestFirst2, TestSecond:
		return 10
	default:
		return 1000
	}
}

// pow10 holds 10^0..10^18 so digit extraction needs no floating point.
var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// numDigits returns how many decimal digits n (> 0) has.
func numDigits(n int64) int {
	d := 1
	for d < len(pow10) && n >= pow10[d] {
		d++
	}
	return d
}

// digitOf returns the digit value the test reads from n, and false when n is too
// small to have it. n must be the absolute value of the number as an integer.
func digitOf(t Test, n int64) (int, bool) {
	if n < t.minValue() {
		return 0, false
	}
	switch t {
	case TestFirst:
		return int(n / pow10[numDigits(n)-1]), true
	case TestFirst2:
		return int(n / pow10[numDigits(n)-2]), true
	case TestSecond:
		return int(n/pow10[numDigits(n)-2]) % 10, true
	default:
		return int(n % 100), true
	}
}

// ScaleToInt turns a value into the integer whose digits are tested: |x| * 10^decimals,
// truncated, as benford_py and Nigrini do. A value that is not finite or does not fit in
// an int64 reports false.
func ScaleToInt(x float64, decimals int) (int64, bool) {
	if math.IsNaN(x) || math.IsInf(x, 0) || decimals < 0 || decimals > 18 {
		return 0, false
	}
	v := math.Abs(x) * math.Pow10(decimals)
	if v >= math.MaxInt64 {
		return 0, false
	}
	return int64(v), true
}

// expected returns the expected proportions for each digit value in the test's span.
func (t Test) expected() []float64 {
	lo, n := t.span()
	p := make([]float64, n)
	switch t {
	case TestFirst, TestFirst2:
		for i := range p {
			p[i] = math.Log10(1 + 1/float64(lo+i))
		}
	case TestSecond:
		for d1 := 1; d1 <= 9; d1++ {
			for d2 := 0; d2 <= 9; d2++ {
				p[d2] += math.Log10(1 + 1/float64(10*d1+d2))
			}
		}
	default:
		for i := range p {
			p[i] = 1 / float64(n)
		}
	}
	return p
}
