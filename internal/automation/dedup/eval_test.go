package dedup

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestParseMapping(t *testing.T) {
	m, err := ParseMapping("name=given_name+surname, zip=postcode")
	if err != nil || len(m["name"]) != 2 || m["zip"][0] != "postcode" {
		t.Fatalf("ParseMapping: %v %v", m, err)
	}
	for _, bad := range []string{"", "name", "nmae=x", "name="} {
		if _, err := ParseMapping(bad); err == nil {
			t.Errorf("ParseMapping(%q) accepted", bad)
		}
	}
}

func TestPairwiseMetrics(t *testing.T) {
	truth := map[int64]string{1: "a", 2: "a", 3: "a", 4: "b", 5: "c"}
	m := PairwiseMetrics([][]int64{{1, 2}, {3, 4}}, truth)
	// true pairs: 1-2, 1-3, 2-3; predicted 1-2 (right), 3-4 (wrong)
	if m.TruePairs != 3 || m.PredictedPairs != 2 || m.TruePositives != 1 || m.Precision != 0.5 || m.Recall != 1.0/3 {
		t.Errorf("metrics %+v", m)
	}
}

func TestEvaluateCSVErrors(t *testing.T) {
	csv := "id,name,truth\n1,Ann Lee,a\n2,Ann Lee,a\n"
	tests := []struct {
		opts EvalOptions
		want string
	}{
		{EvalOptions{Mapping: Mapping{"name": {"name"}}}, "no truth column"},
		{EvalOptions{Mapping: Mapping{"name": {"nome"}}, TruthColumn: "truth"}, `column "nome" is not in the CSV header`},
		{EvalOptions{Mapping: Mapping{"name": {"name"}}, TruthColumn: "tru"}, `truth column "tru"`},
		{EvalOptions{Mapping: Mapping{"name": {"name"}}, TruthColumn: "truth", TruthPattern: "x("}, "valid regexp"},
		{EvalOptions{Mapping: Mapping{"name": {"name"}}, TruthColumn: "truth", TruthPattern: "^(z)"}, "does not match"},
	}
	for _, tt := range tests {
		_, err := EvaluateCSV(context.Background(), strings.NewReader(csv), tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("opts %+v: error %v, want %q", tt.opts, err, tt.want)
		}
	}
}

// The eval command is what the integrator wires as "smartodoo dedup eval".
func TestEvalCommandOnFebrl(t *testing.T) {
	cmd := Command(CommandDeps{})
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"eval", "--csv", febrlDir + "dataset1.csv", "--preset", "febrl", "--method", "baseline"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Skipf("Febrl corpus not available: %v", err)
	}
	if !strings.Contains(out.String(), "F1 ") {
		t.Errorf("output %q", out.String())
	}
	t.Log(out.String())
	cmd = Command(CommandDeps{})
	cmd.SetArgs([]string{"eval", "--csv", febrlDir + "dataset1.csv"})
	if err := cmd.ExecuteContext(context.Background()); err == nil || !strings.Contains(err.Error(), "--map") {
		t.Errorf("eval without mapping: %v", err)
	}
	cmd = Command(CommandDeps{})
	cmd.SetArgs([]string{"scan", "--model", "res.users"})
	if err := cmd.ExecuteContext(context.Background()); err == nil {
		t.Error("scan of res.users accepted")
	}
}
