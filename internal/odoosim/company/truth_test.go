package company

import (
	"strings"
	"testing"
	"time"
)

// TestEveryTruthIDExists walks the truth file and checks each id against the sink.
func TestEveryTruthIDExists(t *testing.T) {
	s, tr := generateSmall(t, 5, 18)
	must := func(model string, ids ...int64) {
		t.Helper()
		for _, id := range ids {
			if s.get(model, id) == nil {
				t.Fatalf("truth references %s %d, which was never inserted", model, id)
			}
		}
	}
	for _, c := range tr.Dedup.Clusters {
		must("res.partner", c...)
	}
	for _, c := range tr.Dedup.HardNegatives {
		must("res.partner", c...)
	}
	for _, c := range tr.Credit.Customers {
		must("res.partner", c.PartnerID)
	}
	for _, b := range tr.Bank.Unreconciled {
		must("account.bank.statement.line", b.LineID)
		must("account.move", b.MoveID)
		must("account.move", b.InvoiceMoveIDs...)
		if b.Case == caseNoInvoice {
			must("account.account", b.CounterpartAccountID)
		} else {
			must("res.partner", b.PartnerID)
		}
	}
	for _, v := range tr.Vendors.Vendors {
		must("res.partner", v.PartnerID)
	}
	a := tr.Anomaly
	must("account.move", a.RoundNumber...)
	must("account.move", a.AmountOutliers...)
	must("account.move", a.OffHours...)
	for _, d := range a.DuplicateBills {
		must("account.move", d...)
	}
	c := tr.Close
	must("account.move", c.DraftEntries...)
	must("account.move", c.DraftInvoices...)
	must("account.move", c.DraftBills...)
	must("account.move", c.TaxInconsistencies...)
	must("account.move", c.SuspenseMoves...)
	must("account.bank.statement.line", c.UnreconciledBankLines...)
	must("account.payment", c.UnmatchedPayments...)
	must("sale.order", c.DeliveredNotInvoiced...)
	must("purchase.order", c.ReceivedNotBilled...)
	for _, m := range c.MissingRecurring {
		must("account.move", m.LastMoveID)
	}
	if len(tr.Dedup.Clusters) == 0 || len(tr.Bank.Unreconciled) == 0 || len(a.RoundNumber) == 0 ||
		len(c.DraftEntries) == 0 || len(c.MissingRecurring) == 0 {
		t.Fatal("small company is missing planted content")
	}
}

// TestUnreconciledLinesPointAtOpenDocuments: the matcher's expected answer must be
// possible: the documents are posted, still open, and belong to the line's true partner.
func TestUnreconciledLinesPointAtOpenDocuments(t *testing.T) {
	for seed := int64(5); seed < 8; seed++ {
		s, tr := generateSmall(t, seed, 18)
		checkUnreconciled(t, s, tr)
	}
	s, tr := demoCompany(t)
	checkUnreconciled(t, s, tr)
}

func checkUnreconciled(t *testing.T, s *memSink, tr *Truth) {
	t.Helper()
	today := testToday.AddDate(0, 0, -recentDays)
	recent, open := 0, 0
	for _, st := range s.models["account.bank.statement.line"] {
		mv := s.get("account.move", i64(st["move_id"]))
		if d, _ := time.Parse(time.DateOnly, mv["date"].(string)); !d.Before(today) {
			recent++
			if st["is_reconciled"] == false {
				open++
			}
		}
	}
	share := float64(open) / float64(recent)
	t.Logf("%d recent bank lines, %d unreconciled (%.0f%%); cases %v", recent, open, share*100, tr.Bank.CaseCounts)
	if share < 0.2 || share > 0.55 {
		t.Errorf("unreconciled share of recent lines %.2f, want about 0.3-0.4", share)
	}
	for _, b := range tr.Bank.Unreconciled {
		st := s.get("account.bank.statement.line", b.LineID)
		if st["is_reconciled"] != false {
			t.Fatalf("truth lists reconciled line %d", b.LineID)
		}
		var due int64
		for _, id := range b.InvoiceMoveIDs {
			inv := s.get("account.move", id)
			if inv["state"] != "posted" || minor(inv["amount_residual"]) == 0 || i64(inv["commercial_partner_id"]) != b.PartnerID {
				t.Fatalf("line %d (%s) expects move %d which is %v residual %v partner %v", b.LineID, b.Case, id,
					inv["state"], inv["amount_residual"], inv["commercial_partner_id"])
			}
			due += minor(inv["amount_residual"])
		}
		amt := minor(st["amount"])
		if amt < 0 {
			amt = -amt
		}
		switch b.Case {
		case caseExact, caseTypo, caseStructured, caseGrouped, casePayerName:
			if amt != due {
				t.Errorf("line %d (%s): amount %d, open documents %d", b.LineID, b.Case, amt, due)
			}
		case caseFee:
			if amt+minor(b.Fee) != due {
				t.Errorf("fee line %d: amount %d + fee %v != %d", b.LineID, amt, b.Fee, due)
			}
		case casePartial:
			if amt > due {
				t.Errorf("partial line %d pays %d of %d", b.LineID, amt, due)
			}
		}
		if b.Case == caseStructured {
			inv := s.get("account.move", b.InvoiceMoveIDs[0])
			if strings.ReplaceAll(st["payment_ref"].(string), " ", "") != inv["payment_reference"] {
				t.Errorf("structured line %d: ref %q, invoice asks %q", b.LineID, st["payment_ref"], inv["payment_reference"])
			}
		}
		if b.Case == casePayerName && (i64(st["partner_id"]) != 0 || st["partner_name"] == nil) {
			t.Errorf("payer-name line %d keeps partner %v / name %v", b.LineID, st["partner_id"], st["partner_name"])
		}
	}
}

// TestCreditLabelsFollowTheRule recomputes the hold labels from stored data only.
func TestCreditLabelsFollowTheRule(t *testing.T) {
	s, tr := generateSmall(t, 9, 18)
	exposure := map[int64]int64{}
	overdue := map[int64]bool{}
	toContacts := 0
	limitDay := testToday.AddDate(0, 0, -holdOverdueDay).Format(time.DateOnly)
	for _, o := range s.models["sale.order"] {
		if o["state"] == "sale" && o["invoice_status"] != "invoiced" {
			exposure[i64(o["partner_id"])] += minor(o["amount_total"])
		}
	}
	for _, m := range s.models["account.move"] {
		if m["move_type"] == "out_invoice" && m["state"] == "draft" {
			exposure[i64(m["commercial_partner_id"])] += minor(m["amount_total"])
		}
		if m["move_type"] != "out_invoice" || m["state"] != "posted" {
			continue
		}
		p := i64(m["commercial_partner_id"])
		if i64(m["partner_id"]) != p {
			toContacts++
		}
		exposure[p] += minor(m["amount_residual"])
		if minor(m["amount_residual"]) > 0 && m["invoice_date_due"].(string) < limitDay {
			overdue[p] = true
		}
	}
	behaviours, holds, late := map[string]int{}, 0, 0
	for _, c := range tr.Credit.Customers {
		partner := s.get("res.partner", c.PartnerID)
		limit := minor(partner["credit_limit"])
		want := overdue[c.PartnerID] || limit > 0 && exposure[c.PartnerID] > limit
		if minor(c.Exposure) != exposure[c.PartnerID] {
			t.Errorf("customer %d: exposure %v, stored data says %d", c.PartnerID, c.Exposure, exposure[c.PartnerID])
		}
		if c.OnHold != want {
			t.Errorf("customer %d: on_hold %v, stored data says %v (exposure %d limit %d)", c.PartnerID, c.OnHold, want, exposure[c.PartnerID], limit)
		}
		if c.Behaviour == string(onTime) && c.LateAfterCutoff {
			t.Errorf("on-time customer %d is labelled late after the cutoff", c.PartnerID)
		}
		behaviours[c.Behaviour]++
		holds += int(boolInt(c.OnHold))
		late += int(boolInt(c.LateAfterCutoff))
	}
	t.Logf("behaviours %v, on hold %d, late after cutoff %d", behaviours, holds, late)
	if toContacts == 0 {
		t.Error("no invoice is addressed to an invoicing contact: roll-up to the commercial partner is untested")
	}
	if holds == 0 || late == 0 || len(behaviours) < 4 {
		t.Error("credit truth lacks variety")
	}
}
