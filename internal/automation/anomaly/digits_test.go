package anomaly

import (
	"math"
	"testing"
)

func TestDigitOf(t *testing.T) {
	cases := []struct {
		test Test
		n    int64
		want int
		ok   bool
	}{
		{TestFirst, 7, 7, true},
		{TestFirst, 123456, 1, true},
		{TestFirst, 0, 0, false},
		{TestFirst2, 9, 0, false},
		{TestFirst2, 987654321, 98, true},
		{TestSecond, 10, 0, true},
		{TestSecond, 4719, 7, true},
		{TestLast2, 999, 0, false},
		{TestLast2, 123405, 5, true},
		{TestFirst, math.MaxInt64, 9, true},
	}
	for _, c := range cases {
		got, ok := digitOf(c.test, c.n)
		if got != c.want || ok != c.ok {
			t.Errorf("digitOf(%s, %d) = %d,%v want %d,%v", c.test, c.n, got, ok, c.want, c.ok)
		}
	}
}

func TestExpectedSumsToOne(t *testing.T) {
	for _, test := range Tests {
		sum := 0.0
		for _, p := range test.expected() {
			sum += p
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s expected proportions sum to %v", test, sum)
		}
	}
}

func TestScaleToInt(t *testing.T) {
	if n, ok := ScaleToInt(-12.345, 2); !ok || n != 1234 {
		t.Errorf("ScaleToInt(-12.345, 2) = %d,%v", n, ok)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), 1e300} {
		if _, ok := ScaleToInt(bad, 2); ok {
			t.Errorf("ScaleToInt(%v) accepted", bad)
		}
	}
}

func TestParseTest(t *testing.T) {
	if got, err := ParseTest(" First2 "); err != nil || got != TestFirst2 {
		t.Errorf("ParseTest = %v, %v", got, err)
	}
	if _, err := ParseTest("third"); err == nil {
		t.Error("ParseTest(third) accepted")
	}
}

func TestBenfordFlagsFabricatedDigitAndDrillsDown(t *testing.T) {
	// 600 values following Benford exactly (10^u over a fine grid) plus 80 amounts that all start with 7.
	var values []int64
	for i := 0; i < 600; i++ {
		values = append(values, int64(math.Pow(10, 3+2*float64(i)/600)))
	}
	planted := len(values)
	for i := 0; i < 80; i++ {
		values = append(values, 7000+int64(i))
	}
	r, err := BenfordInts(values, TestFirst, BenfordOptions{DrillRows: 200})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Drill) == 0 || r.Drill[0].Digit != 7 {
		t.Fatalf("drill = %+v, want digit 7 first", r.Drill)
	}
	found := 0
	for _, row := range r.Drill[0].Rows {
		if row >= planted {
			found++
		}
	}
	if found != 80 {
		t.Errorf("drill lists %d of the 80 planted rows", found)
	}
	if r.PValue > 0.001 || r.Conformity != "nonconformity" {
		t.Errorf("p=%v conformity=%s, want a clear rejection", r.PValue, r.Conformity)
	}
}

func TestBenfordSmallSampleWarnsAndEmptyErrors(t *testing.T) {
	r, err := BenfordInts([]int64{123, 456, 789, 1011}, TestFirst, BenfordOptions{})
	if err != nil || r.Warning == "" {
		t.Errorf("small sample: err=%v warning=%q", err, r.Warning)
	}
	if _, err := BenfordInts([]int64{1, 2, 3}, TestLast2, BenfordOptions{}); err == nil {
		t.Error("no value has last two digits worth reading, want an error")
	}
	if _, err := BenfordInts(nil, Test("bogus"), BenfordOptions{}); err == nil {
		t.Error("unknown test accepted")
	}
}
