package company

import "testing"

func TestTruthIndexes(t *testing.T) {
	d := DedupTruth{Clusters: [][]int64{{9, 4, 7}, {2, 3}}}
	got := d.Pairs()
	want := [][2]int64{{2, 3}, {4, 7}, {4, 9}, {7, 9}}
	if len(got) != len(want) {
		t.Fatalf("pairs %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pairs %v, want %v", got, want)
		}
	}
	_, tr := generateSmall(t, 5, 18)
	if len(tr.Bank.ByLine()) != len(tr.Bank.Unreconciled) || len(tr.Credit.ByPartner()) != len(tr.Credit.Customers) {
		t.Fatal("index sizes differ from the lists")
	}
	kinds := tr.Anomaly.MoveKinds()
	if n := len(tr.Anomaly.RoundNumber) + len(tr.Anomaly.AmountOutliers) + len(tr.Anomaly.OffHours) + len(tr.Anomaly.DuplicateBills); len(kinds) != n {
		t.Fatalf("%d anomalous moves indexed, %d planted", len(kinds), n)
	}
}
