package company

import (
	"math"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestPlantedAnomaliesStandOut: round amounts just under the threshold, outliers far above
// the account's other entries, off-hours entries on weekends at night by the rare user, and
// no other miscellaneous entry on a weekend.
func TestPlantedAnomaliesStandOut(t *testing.T) {
	s, tr := generateSmall(t, 13, 18)
	a := tr.Anomaly
	for _, id := range a.RoundNumber {
		m := s.get("account.move", id)
		amt := f64(m["amount_total"])
		if amt >= a.ApprovalThreshold || amt < a.ApprovalThreshold*0.95 || math.Mod(amt, 1) != 0 {
			t.Errorf("round-number move %d: amount %v", id, amt)
		}
	}
	outlier := map[int64]bool{}
	for _, id := range a.AmountOutliers {
		outlier[id] = true
	}
	var normalMax float64
	for i, l := range s.models["account.move.line"] {
		_ = i
		if i64(l["account_id"]) == a.OutlierAccountID && !outlier[i64(l["move_id"])] {
			normalMax = math.Max(normalMax, f64(l["debit"]))
		}
	}
	for id := range outlier {
		if amt := f64(s.get("account.move", id)["amount_total"]); amt < 10*normalMax {
			t.Errorf("outlier %d: %v is not far above the account's normal max %v", id, amt, normalMax)
		}
	}
	offHours := map[int64]bool{}
	for _, id := range a.OffHours {
		offHours[id] = true
		m := s.get("account.move", id)
		d, _ := time.Parse(time.DateOnly, m["date"].(string))
		c, _ := time.Parse(time.DateTime, m["create_date"].(string))
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday || c.Hour() >= 3 && c.Hour() < 23 || i64(m["create_uid"]) != a.RareUserID {
			t.Errorf("off-hours move %d: date %v created %v by %v", id, m["date"], m["create_date"], m["create_uid"])
		}
	}
	for i, m := range s.models["account.move"] {
		if offHours[int64(i+1)] {
			continue
		}
		d, _ := time.Parse(time.DateOnly, m["date"].(string))
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || i64(m["create_uid"]) == a.RareUserID {
			t.Errorf("unplanted move %d %v on %v by %v looks anomalous", i+1, m["name"], m["date"], m["create_uid"])
		}
	}
	if len(a.DuplicateBills) == 0 {
		t.Log("no duplicate bill in this small company (planted with 3% per bill)")
	}
	for _, d := range a.DuplicateBills {
		o, c := s.get("account.move", d[0]), s.get("account.move", d[1])
		if o["partner_id"] != c["partner_id"] || o["amount_total"] != c["amount_total"] || o["ref"] == c["ref"] {
			t.Errorf("duplicate bill %v/%v: partner %v/%v amount %v/%v ref %v/%v", d[0], d[1], o["partner_id"], c["partner_id"],
				o["amount_total"], c["amount_total"], o["ref"], c["ref"])
		}
	}
}

// TestAmountsRoughlyFollowBenford: first digits of journal item amounts of the demo company
// conform to Benford's law within Nigrini's "marginal" band (MAD <= 0.015).
func TestAmountsRoughlyFollowBenford(t *testing.T) {
	s, _ := demoCompany(t)
	var counts [10]float64
	n := 0.0
	for _, l := range s.models["account.move.line"] {
		v := math.Abs(f64(l["balance"]))
		if v < 10 {
			continue
		}
		d := strconv.FormatFloat(v, 'f', 2, 64)[0] - '0'
		counts[d]++
		n++
	}
	mad := 0.0
	for d := 1; d <= 9; d++ {
		mad += math.Abs(counts[d]/n - math.Log10(1+1/float64(d)))
	}
	mad /= 9
	t.Logf("first-digit MAD %.4f over %.0f amounts", mad, n)
	if mad > 0.015 {
		t.Errorf("first-digit MAD %.4f: amounts do not follow Benford's law", mad)
	}
}

// TestVendorsDegradeAsRecorded: a degrading vendor's receipts are late recently and on
// time before.
func TestVendorsDegradeAsRecorded(t *testing.T) {
	s, tr := demoCompany(t)
	recent := testToday.AddDate(0, -3, 0)
	late := func(vendor int64, fromRecent bool) float64 {
		var days []float64
		for _, p := range s.models["stock.picking"] {
			if i64(p["partner_id"]) != vendor || p["state"] != "done" {
				continue
			}
			sch, _ := time.Parse(time.DateTime, p["scheduled_date"].(string))
			done, _ := time.Parse(time.DateTime, p["date_done"].(string))
			if sch.After(recent) == fromRecent {
				days = append(days, done.Sub(sch).Hours()/24)
			}
		}
		if len(days) == 0 {
			return math.NaN()
		}
		slices.Sort(days)
		return days[len(days)/2]
	}
	checked := 0
	for _, v := range tr.Vendors.Degrading {
		before, after := late(v, false), late(v, true)
		if math.IsNaN(before) || math.IsNaN(after) {
			continue
		}
		checked++
		if after < before+5 {
			t.Errorf("degrading vendor %d: median delay %.1f days before, %.1f recently", v, before, after)
		}
	}
	if checked == 0 {
		t.Fatal("no degrading vendor with receipts on both sides of the window")
	}
}
