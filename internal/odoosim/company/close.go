package company

import "time"

// emitCloseItems plants the month-end open items that are not partner documents: draft
// entries in the two open periods, a stray posting on the suspense account and customer
// payments registered but never matched with the bank.
func (g *generator) emitCloseItems(r randSource) {
	c := &g.truth.Close
	c.Periods = []string{g.closeFrom.Format("2006-01"), g.opts.Today.Format("2006-01")}
	c.SuspenseAccountID = g.acc["suspense"]
	for _, period := range []time.Time{g.closeFrom, monthStart(g.opts.Today)} {
		for range between(r, 2, 3) {
			d := businessDay(randomDayIn(r, period, g.opts.Today))
			if d.After(g.opts.Today) {
				d = g.opts.Today
			}
			ref := pick(r, []string{"Accrual audit fees", "Bonus provision", "Prepaid insurance", "Accrued interest"})
			c.DraftEntries = append(c.DraftEntries, g.entry(d, ref, "fees", "payroll_payable", logUniformMinor(r, 200, 8000), "draft", 0, time.Time{}))
		}
	}
	d := businessDay(g.closeFrom.AddDate(0, 0, between(r, 3, 20)))
	g.entry(d, "Correction to analyse", "expense", "suspense", logUniformMinor(r, 100, 2500), "posted", 0, time.Time{})
	for range 2 * g.sc.anomalyScale {
		if len(g.customerIDs) == 0 {
			break
		}
		g.emitUnmatchedPayment(r, pick(r, g.customerIDs))
	}
}

// emitUnmatchedPayment registers a customer payment (account.payment, in process) whose
// outstanding receipt line was never matched with a bank statement line.
func (g *generator) emitUnmatchedPayment(r randSource, partnerID int64) {
	date := businessDay(g.closeFrom.AddDate(0, 0, between(r, 0, 25)))
	if date.After(g.opts.Today) {
		date = g.opts.Today
	}
	amount := logUniformMinor(r, 100, 5000)
	name := g.seq.moveName("PBNK1", date)
	m := &moveSpec{moveType: "entry", journal: "bank", name: name, state: "posted", date: date, ref: "Customer payment"}
	out := lineSpec{account: g.acc["outstanding_receipts"], partner: partnerID, name: "Customer payment", debit: amount}
	recv := lineSpec{account: g.acc["receivable"], partner: partnerID, name: "Customer payment", credit: amount}
	m.lines = []lineSpec{out, recv}
	moveID, _ := g.emitMove(m)
	payID := g.w.insert("account.payment", map[string]any{"name": name, "move_id": moveID, "amount": money(amount),
		"amount_company_currency_signed": money(amount), "payment_type": "inbound", "partner_type": "customer",
		"partner_id": partnerID, "journal_id": g.jrn["bank"], "date": day(date), "memo": "Customer payment",
		"state": "in_process", "is_reconciled": false, "is_matched": false, "company_id": g.companyID,
		"currency_id": g.currencyID, "outstanding_account_id": g.acc["outstanding_receipts"],
		"destination_account_id": g.acc["receivable"]})
	g.w.patch("account.move", moveID, map[string]any{"origin_payment_id": payID})
	g.truth.Close.UnmatchedPayments = append(g.truth.Close.UnmatchedPayments, payID)
}
