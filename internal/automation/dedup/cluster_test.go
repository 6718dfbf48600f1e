package dedup

import (
	"context"
	"fmt"
	"slices"
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

// Two distinct people joined by one ambiguous record ("J. Smith" with no other fields
// besides the town) must not end up in one cluster.
func TestClusterDoesNotChainDistinctEntities(t *testing.T) {
	res := &Result{cfg: Config{Threshold: 0.95}.withDefaults(), Model: baselineModel()}
	res.partners = []Partner{
		{ID: 1, Name: "John Smith", Email: "jsmith.70@gmail.com", Street: "1 Oak Road", Zip: "10115", City: "Berlin", VAT: "DE136695976"},
		{ID: 2, Name: "John Smith", Street: "1 Oak Road", Zip: "10115", City: "Berlin"},
		{ID: 3, Name: "John Smith", Email: "john.smith.xx@web.de", Street: "9 Elm Lane", Zip: "80331", City: "Munich", VAT: "DE129273398"},
	}
	for i := range res.partners {
		res.records = append(res.records, prepare(&res.partners[i]))
	}
	// Force a chain: 1-2 is a true link, 2-3 a bad one the pairwise threshold let through.
	res.Linked = []ScoredPair{{A: 1, B: 2, a: 0, b: 1, Probability: 0.99}, {A: 2, B: 3, a: 1, b: 2, Probability: 0.96}}
	clusters := res.cluster(context.Background())
	for _, c := range clusters {
		if slices.Contains(c.IDs, 1) && slices.Contains(c.IDs, 3) {
			t.Fatalf("cluster %v chains two entities with different valid VAT numbers", c.IDs)
		}
	}
	if len(clusters) != 1 || !slices.Equal(clusters[0].IDs, []int64{1, 2}) || !clusters[0].Split {
		t.Errorf("clusters = %+v, want one split cluster [1 2]", clusters)
	}
}

func TestDismissedPairIsNeverLinked(t *testing.T) {
	ps := []Partner{
		{ID: 10, Name: "Acme Trading GmbH", IsCompany: true, Email: "a.buchhalter@acme-trading.de", Phone: "+49 30 1234567", Street: "Hauptstr. 5", Zip: "10115", City: "Berlin", CountryCode: "DE"},
		{ID: 11, Name: "ACME Trading", IsCompany: true, Email: "a.buchhalter@acme-trading.de", Phone: "030 1234567", Street: "Hauptstraße 5", Zip: "10115", City: "Berlin", CountryCode: "DE"},
	}
	ps = append(ps, fillers(200)...)
	res, err := Scan(context.Background(), ps, Config{Method: "baseline"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 1 || !slices.Equal(res.Clusters[0].IDs, []int64{10, 11}) {
		t.Fatalf("clusters = %+v, want [10 11]", res.Clusters)
	}
	res, err = Scan(context.Background(), ps, Config{Method: "baseline", Dismissed: func(a, b int64) bool { return PairKey(a, b) == "pair:10-11" }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 0 || res.Stats.Dismissed != 1 {
		t.Errorf("after dismissal: clusters %+v, dismissed %d", res.Clusters, res.Stats.Dismissed)
	}
}

// fillers are unrelated partners (the synthetic company without its planted duplicates)
// so the engine has a population to compare against.
func fillers(n int) []Partner {
	ps, truth := synthCompany(n, 99)
	var out []Partner
	for _, p := range ps {
		if truth[p.ID] == fmt.Sprint(p.ID) {
			p.ID += 1000
			out = append(out, p)
		}
	}
	return out
}

func TestMasterIsTheMostUsed(t *testing.T) {
	ps := []Partner{
		{ID: 20, Name: "Globex SARL", IsCompany: true, Email: "compta.globex@globex.fr", Phone: "+33 1 23 45 67 89", Street: "5 Rue de la Paix", Zip: "75002", City: "Paris", CountryCode: "FR"},
		{ID: 21, Name: "GLOBEX", IsCompany: true, Email: "compta.globex@globex.fr", Phone: "01 23 45 67 89", Street: "5 r. de la Paix", Zip: "75002", City: "Paris", CountryCode: "FR", InvoiceCount: 12},
	}
	res, err := Scan(context.Background(), append(ps, fillers(200)...), Config{Method: "baseline"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 1 || res.Clusters[0].Master != 21 {
		t.Fatalf("clusters = %+v, want master 21 (12 invoices)", res.Clusters)
	}
	if e := res.Clusters[0].Pairs[0]; len(e.Fields) == 0 || e.Fields[0].Weight <= 0 {
		t.Errorf("explanation lists no agreeing field first: %+v", e)
	}
	ps[0].Protected = true // a user's partner survives, however little it is used
	res, err = Scan(context.Background(), append(ps, fillers(200)...), Config{Method: "baseline"})
	if err != nil || len(res.Clusters) != 1 || res.Clusters[0].Master != 20 {
		t.Fatalf("protected partner not kept as master: %v %+v", err, res.Clusters)
	}
}

func TestScanRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{{Threshold: 1.5}, {Method: "magic"}, {MaxBlock: 1}} {
		if _, err := Scan(context.Background(), nil, cfg); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
	res, err := Scan(context.Background(), nil, Config{})
	if err != nil || len(res.Clusters) != 0 {
		t.Errorf("empty input: %v %+v", err, res)
	}
}
