package anomaly

import (
	"strings"
	"testing"
)

func TestReadColumn(t *testing.T) {
	in := "id,Amount,memo\n1,\"1,234.50\",a\n2,,b\n3,(12.00),c\n4,n/a,d\n5,€7,e\n"
	col, err := ReadColumn(strings.NewReader(in), "amount")
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1234.5, -12, 7}
	if len(col.Values) != len(want) || col.Skipped != 1 {
		t.Fatalf("col = %+v", col)
	}
	for i, v := range want {
		if col.Values[i] != v {
			t.Errorf("value %d = %v want %v", i, col.Values[i], v)
		}
	}
	if col.Lines[1] != 4 {
		t.Errorf("lines = %v", col.Lines)
	}
	if _, err := ReadColumn(strings.NewReader(in), "total"); err == nil || !strings.Contains(err.Error(), "id, Amount, memo") {
		t.Errorf("missing column error = %v", err)
	}
	if _, err := ReadColumn(strings.NewReader("a\nx\n"), "a"); err == nil {
		t.Error("no numeric value accepted")
	}
}
