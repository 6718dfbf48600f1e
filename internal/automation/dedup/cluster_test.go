package dedup

import (
	"context"
	"testing"
)

func TestSynthCompanyAccuracy(t *testing.T) {
	ps, truth := synthCompany(3000, 7)
	for _, method := range []string{"em", "baseline"} {
		res, err := Scan(context.Background(), ps, Config{Method: method})
		if err != nil {
			t.Fatal(err)
		}
		clusters := make([][]int64, len(res.Clusters))
		for i, c := range res.Clusters {
			clusters[i] = c.IDs
		}
		m := PairwiseMetrics(clusters, truth)
		t.Logf("%s: %+v pairs/record %.2f", method, m, res.Stats.Blocking.PairsPerRecord)
		if method == "em" && (m.Precision < 0.99 || m.Recall < 0.95) {
			t.Errorf("em on synthetic company: precision %.4f recall %.4f, want >= 0.99 / 0.95", m.Precision, m.Recall)
		}
	}
}
