package company

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// emitPayments writes one bank statement line (and its move) per planned payment. A
// reconciled line's move holds the liquidity line and one counterpart per settled document
// on the receivable/payable account, matched by account.partial.reconcile records; an
// unreconciled line's move holds the liquidity line and a suspense line, as Odoo 18 does.
func (g *generator) emitPayments(sd side, pays []payPlan, invs []invPlan, refs *docRefs, partnerID int64, p *partner, idx uint64) {
	partialLines := map[int][]int64{} // document -> lines to stamp "P<min partial id>" on
	minPartial := map[int]int64{}
	for k := range pays {
		pay := &pays[k]
		noise := rand.New(rand.NewPCG(pay.noise, uint64(k)))
		amount := sd.sign * pay.amount
		name := g.seq.moveName("BNK1", pay.date)
		linePartner := partnerID
		if pay.noPartner {
			linePartner = 0 // nothing in the bank file told Odoo who paid
		}
		m := &moveSpec{moveType: "entry", journal: "bank", name: name, state: "posted", date: pay.date,
			partner: linePartner, created: at(pay.date, 7, 5+k%50)}
		liquidity := lineSpec{account: g.acc["bank"], partner: linePartner}
		g.putAmount(&liquidity, amount)
		label := g.paymentLabel(noise, pay, refs, p)
		liquidity.name = label
		m.lines = append(m.lines, liquidity)
		if pay.reconciled {
			for _, a := range pay.allocs {
				cp := lineSpec{account: g.acc[sd.openAccount], partner: partnerID, name: label,
					full: refs.full[a.inv], matched: -sd.sign * a.amount}
				if cp.full != 0 {
					cp.matching = itoa(int(cp.full))
				}
				g.putAmount(&cp, -sd.sign*a.amount)
				m.lines = append(m.lines, cp)
			}
			if pay.fee > 0 {
				fee := lineSpec{account: g.acc["bank_fees"], partner: partnerID, name: "Bank fee " + label}
				g.putAmount(&fee, sd.sign*pay.fee)
				m.lines = append(m.lines, fee)
			}
		} else {
			susp := lineSpec{account: g.acc["suspense"], partner: linePartner, name: label}
			g.putAmount(&susp, -amount)
			m.lines = append(m.lines, susp)
		}
		moveID, lineIDs := g.emitMove(m)
		lineID := g.emitStatementLine(noise, pay, moveID, amount, label, partnerID, p)
		g.w.patch("account.move", moveID, map[string]any{"statement_line_id": lineID})
		if !pay.reconciled {
			g.recordUnreconciled(pay, lineID, moveID, amount, partnerID, refs)
			continue
		}
		g.truth.Bank.Reconciled++
		for n, a := range pay.allocs {
			line := lineIDs[1+n]
			pid := g.emitPartial(sd, refs.openLineIDs[a.inv], line, a.amount, refs.full[a.inv], invs[a.inv].date, pay.date)
			if refs.full[a.inv] == 0 {
				partialLines[a.inv] = append(partialLines[a.inv], line)
				if minPartial[a.inv] == 0 || pid < minPartial[a.inv] {
					minPartial[a.inv] = pid
				}
			}
		}
	}
	for inv, lines := range partialLines {
		num := "P" + itoa(int(minPartial[inv]))
		for _, l := range append(lines, refs.openLineIDs[inv]) {
			g.w.patch("account.move.line", l, map[string]any{"matching_number": num})
		}
	}
}

// emitPartial links the document's open line with a bank counterpart line.
func (g *generator) emitPartial(sd side, docLine, bankLine, amount, full int64, docDate, payDate time.Time) int64 {
	debit, credit := docLine, bankLine
	if sd.sign < 0 {
		debit, credit = bankLine, docLine
	}
	maxDate := payDate
	if docDate.After(payDate) {
		maxDate = docDate
	}
	return g.w.insert("account.partial.reconcile", map[string]any{"debit_move_id": debit, "credit_move_id": credit,
		"amount": money(amount), "debit_amount_currency": money(amount), "credit_amount_currency": money(amount),
		"full_reconcile_id": full, "company_id": g.companyID, "debit_currency_id": g.currencyID,
		"credit_currency_id": g.currencyID, "max_date": day(maxDate), "exchange_move_id": int64(0)})
}

func (g *generator) emitStatementLine(noise randSource, pay *payPlan, moveID, amount int64, label string, partnerID int64, p *partner) int64 {
	vals := map[string]any{"move_id": moveID, "journal_id": g.jrn["bank"], "company_id": g.companyID,
		"currency_id": g.currencyID, "payment_ref": label, "partner_id": partnerID, "amount": money(amount),
		"amount_currency": 0.0, "foreign_currency_id": int64(0), "amount_residual": 0.0,
		"is_reconciled": pay.reconciled, "sequence": int64(1), "partner_name": nil,
		"account_number": str(paperIBAN(p.iban)), "transaction_type": nil, "statement_id": int64(0)}
	if !pay.reconciled {
		vals["amount_residual"] = money(-amount)
	}
	if pay.noPartner {
		vals["partner_id"] = int64(0)
		vals["partner_name"] = payerName(noise, p, pay.kind == casePayerName)
	}
	if pay.kind == casePayerName && chance(noise, 0.5) {
		vals["account_number"] = paperIBAN(ibanNumber(noise, p.country.code)) // paid from a related company's account
	}
	return g.w.insert("account.bank.statement.line", vals)
}

// payerName is the name the bank file carries: the partner's name as the bank prints it,
// or (payer_name case) a spelling variant or a related company.
func payerName(r randSource, p *partner, different bool) string {
	name := strings.ToUpper(asciiFold(p.name()))
	if !different {
		return name
	}
	switch r.IntN(3) {
	case 0:
		if p.isCompany {
			return p.family + " Holding " + p.legal
		}
		return "MR/MRS " + strings.ToUpper(p.family) + " " + p.given
	case 1:
		return strings.ToUpper(typo(r, asciiFold(p.name())))
	default:
		if p.isCompany {
			return strings.ToUpper(asciiFold(p.root))
		}
		return strings.ToUpper(p.family + " " + p.given[:1] + ".")
	}
}

// paymentLabel is the statement line's payment_ref, built from the case type.
func (g *generator) paymentLabel(r randSource, pay *payPlan, refs *docRefs, p *partner) string {
	first := pay.allocs[0].inv
	name := refs.names[first]
	if refs.vendor {
		// the company pays quoting the vendor's own invoice number (the bill's payment_reference)
		if pay.kind == caseTypo {
			return pick(r, []string{"", "INV ", "Invoice "}) + retypeRef(r, refs.payRefs[first])
		}
		return pick(r, []string{"", "INV ", "Invoice "}) + refs.payRefs[first]
	}
	switch pay.kind {
	case caseStructured:
		ref := refs.payRefs[first]
		if strings.HasPrefix(ref, "RF") && chance(r, 0.5) {
			return paperIBAN(ref) // banks print RF references in blocks of four
		}
		return ref
	case caseTypo:
		return typoRef(r, name)
	case caseGrouped:
		var parts []string
		for _, a := range pay.allocs {
			n := refs.names[a.inv]
			if chance(r, 0.5) {
				n = n[strings.LastIndex(n, "/")+1:]
			}
			parts = append(parts, n)
		}
		return pick(r, []string{"", "INVOICES ", "Payment "}) + strings.Join(parts, pick(r, []string{" ", ", ", "+"}))
	case casePartial:
		return pick(r, []string{"Partial payment ", "Installment ", "Acompte ", "Teilzahlung "}) + name
	case casePayerName:
		return pick(r, []string{name, "Payment " + name, "INV " + name[strings.LastIndex(name, "/")+1:]})
	}
	return pick(r, []string{name, name, "Payment " + name, strings.ToUpper(asciiFold(p.name())) + " " + name})
}

// typoRef damages a reference the way people retype it: spaces, lost separators, a dropped
// leading zero, a swapped digit, lower case, the last character cut off by a short field.
func typoRef(r randSource, ref string) string {
	switch r.IntN(6) {
	case 5:
		return ref[:len(ref)-1]
	case 0:
		return strings.ReplaceAll(ref, "/", " / ")
	case 1:
		return strings.ReplaceAll(ref, "/", "")
	case 2:
		return strings.Replace(ref, "/0", "/", 1)
	case 3:
		b := []byte(ref)
		for i := len(b) - 2; i > 0; i-- {
			if b[i] != b[i+1] && b[i] >= '0' && b[i] <= '9' && b[i+1] >= '0' && b[i+1] <= '9' {
				b[i], b[i+1] = b[i+1], b[i]
				break
			}
		}
		return string(b)
	default:
		return "  " + strings.ToLower(ref) + " "
	}
}

func (g *generator) recordUnreconciled(pay *payPlan, lineID, moveID, amount, partnerID int64, refs *docRefs) {
	bl := BankLine{LineID: lineID, MoveID: moveID, Case: pay.kind, Amount: money(amount), PartnerID: partnerID,
		Fee: money(pay.fee)}
	for _, a := range pay.allocs {
		bl.InvoiceMoveIDs = append(bl.InvoiceMoveIDs, refs.moveIDs[a.inv])
	}
	g.truth.Bank.Unreconciled = append(g.truth.Bank.Unreconciled, bl)
	g.truth.Bank.CaseCounts[pay.kind]++
	if !pay.date.Before(g.closeFrom) {
		g.truth.Close.UnreconciledBankLines = append(g.truth.Close.UnreconciledBankLines, lineID)
	}
}

// noInvoiceLine is a recurring bank line with no document: fees, card payouts, payroll,
// a storage lease paid by direct debit.
type noInvoiceLine struct {
	date    time.Time
	amount  int64 // signed minor
	label   string
	account string // counterpart account role
	payee   string
}

func (g *generator) emitNoInvoiceLine(r randSource, n noInvoiceLine) {
	reconciled := n.date.Before(g.opts.Today.AddDate(0, 0, -recentDays)) || !chance(r, unreconciledShare)
	m := &moveSpec{moveType: "entry", journal: "bank", name: g.seq.moveName("BNK1", n.date), state: "posted",
		date: n.date, created: at(n.date, 7, 2)}
	liquidity := lineSpec{account: g.acc["bank"], name: n.label}
	g.putAmount(&liquidity, n.amount)
	counter := lineSpec{account: g.acc[n.account], name: n.label}
	if !reconciled {
		counter.account = g.acc["suspense"]
	}
	g.putAmount(&counter, -n.amount)
	m.lines = []lineSpec{liquidity, counter}
	moveID, _ := g.emitMove(m)
	vals := map[string]any{"move_id": moveID, "journal_id": g.jrn["bank"], "company_id": g.companyID,
		"currency_id": g.currencyID, "payment_ref": n.label, "partner_id": int64(0), "amount": money(n.amount),
		"amount_currency": 0.0, "foreign_currency_id": int64(0), "amount_residual": 0.0, "is_reconciled": reconciled,
		"sequence": int64(1), "partner_name": str(n.payee), "account_number": nil, "statement_id": int64(0)}
	if !reconciled {
		vals["amount_residual"] = money(-n.amount)
	}
	lineID := g.w.insert("account.bank.statement.line", vals)
	g.w.patch("account.move", moveID, map[string]any{"statement_line_id": lineID})
	if reconciled {
		g.truth.Bank.Reconciled++
		return
	}
	g.truth.Bank.Unreconciled = append(g.truth.Bank.Unreconciled, BankLine{LineID: lineID, MoveID: moveID,
		Case: caseNoInvoice, Amount: money(n.amount), CounterpartAccountID: g.acc[n.account]})
	g.truth.Bank.CaseCounts[caseNoInvoice]++
	if !n.date.Before(g.closeFrom) {
		g.truth.Close.UnreconciledBankLines = append(g.truth.Close.UnreconciledBankLines, lineID)
	}
}

func monthLabel(t time.Time) string { return strings.ToUpper(t.Format("Jan 2006")) }

func refNo(r randSource) string { return fmt.Sprintf("%06d", r.IntN(1000000)) }
