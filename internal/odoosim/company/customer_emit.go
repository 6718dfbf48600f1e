package company

import (
	"fmt"
	"strings"
	"time"
)

// docRefs are the ids of one partner's emitted invoices or bills, by plan index.
type docRefs struct {
	moveIDs, openLineIDs []int64 // move id and receivable/payable line id
	names                []string
	payRefs              []string
	full                 []int64 // full reconcile id when the document is fully paid
	residual             []int64 // stored amount_residual (positive)
	vendor               bool
}

func (g *generator) emitCustomers() {
	for i := range g.sc.customers {
		plan := g.planCustomer(i)
		if g.seq.counting { // the first pass only needs the numbered documents' dates
			g.countDocuments(plan.invoices, plan.payments, "INV")
			for _, inv := range plan.invoices {
				if !inv.orderDate.IsZero() {
					g.seq.count("S", inv.orderDate)
					if g.hasGoods(inv.lines) {
						g.seq.count("WH/OUT", inv.orderDate)
					}
				}
			}
			g.customerIDs = append(g.customerIDs, int64(i+1))
			continue
		}
		r := stream(g.opts.Seed, "partner", uint64(i))
		p := g.drawCompany(r, chance(r, 0.25), activities)
		p.tagEmail(itoa(i))
		p.customer = true
		id := g.insertCustomer(r, p, plan)
		g.customerIDs = append(g.customerIDs, id)
		if chance(r, g.sc.dupP) {
			g.plantDuplicates(r, p, id)
		}
		if chance(r, g.sc.hardNegP) {
			g.plantHardNegative(r, p, id)
		}
		side := customerSide(g)
		refs := g.emitDocuments(side, plan.invoices, id, p, uint64(i))
		g.emitPayments(side, plan.payments, plan.invoices, refs, id, p, uint64(i))
		g.recordCredit(plan, id, refs)
		if g.w.err != nil {
			return
		}
	}
}

// countDocuments records the numbered documents of a partner plan (posted invoices or
// bills, and one bank move per payment) in the first pass.
func (g *generator) countDocuments(docs []invPlan, pays []payPlan, prefix string) {
	for _, d := range docs {
		if !d.draft {
			g.seq.count(prefix, d.date)
		}
	}
	for _, p := range pays {
		g.seq.count("BNK1", p.date)
	}
}

func (g *generator) insertCustomer(r randSource, p *partner, plan *customerPlan) int64 {
	p.creditLimit = plan.creditLimit
	return g.insertPartner(r, p, true)
}

// side captures what differs between the customer and the vendor ledgers.
type side struct {
	moveType, journal, prefix, openAccount, lineAccount, taxAccount, taxRole string
	sign                                                                     int64 // +1 customer (open line is a debit), -1 vendor
}

func customerSide(g *generator) side {
	return side{"out_invoice", "sale", "INV", "receivable", "income", "tax_received", "sale", 1}
}

func vendorSide(g *generator) side {
	return side{"in_invoice", "purchase", "BILL", "payable", "cogs", "tax_paid", "purchase", -1}
}

// emitDocuments writes the partner's invoices (or bills) with their lines, residuals and
// full reconciliations as the plan's reconciled payments leave them.
func (g *generator) emitDocuments(sd side, invs []invPlan, partnerID int64, p *partner, idx uint64) *docRefs {
	refs := &docRefs{vendor: sd.sign < 0}
	skew := stream(g.opts.Seed, "taxskew/"+sd.prefix, idx)
	address := stream(g.opts.Seed, "invoice-address/"+sd.prefix, idx)
	for k := range invs {
		inv := &invs[k]
		name, state := "", "draft"
		if !inv.draft {
			name, state = g.seq.moveName(sd.prefix, inv.date), "posted"
		}
		payRef := g.paymentReference(inv, name, idx, k)
		if sd.sign > 0 && !inv.orderDate.IsZero() {
			inv.originName = fmt.Sprintf("S%05d", g.seq.number("S", inv.orderDate))
		}
		residual := inv.total - inv.paid
		var full int64
		if !inv.draft && residual == 0 {
			full = g.w.insert("account.full.reconcile", map[string]any{"exchange_move_id": int64(0)})
		}
		m := g.documentMove(sd, inv, name, state, payRef, partnerID, residual, full)
		m.partnerName = p.name()
		if p.invoiceContact != 0 && chance(address, 0.5) {
			// addressed to the invoicing contact; lines and credit roll up to the company
			m.partner, m.commercial = p.invoiceContact, partnerID
		}
		skewed := !inv.draft && inv.payments == 0 && !inv.date.Before(g.closeFrom) && sd.sign > 0 && chance(skew, 0.05)
		if skewed {
			skewTax(m) // stored tax no longer 21% of the base: a close check
		}
		moveID, lineIDs := g.emitMove(m)
		if sd.sign > 0 && inv.originName != "" {
			g.emitInvoicedOrder(inv, partnerID, lineIDs[:len(inv.lines)])
		}
		if skewed {
			g.truth.Close.TaxInconsistencies = append(g.truth.Close.TaxInconsistencies, moveID)
		}
		refs.moveIDs = append(refs.moveIDs, moveID)
		refs.openLineIDs = append(refs.openLineIDs, lineIDs[len(lineIDs)-1])
		refs.names = append(refs.names, name)
		refs.payRefs = append(refs.payRefs, payRef)
		refs.full = append(refs.full, full)
		refs.residual = append(refs.residual, m.residual)
		g.recordDocument(sd, inv, moveID)
	}
	return refs
}

// paymentReference is what the invoice asks the payer to quote: its number, or a
// structured RF / Belgian reference on some invoices.
func (g *generator) paymentReference(inv *invPlan, name string, idx uint64, k int) string {
	if inv.draft {
		return ""
	}
	if inv.ref != "" {
		return inv.ref // vendor bills: Odoo copies the vendor's reference into payment_reference
	}
	// Built from the invoice number's digits, as Odoo's structured references are, so each
	// reference is unique in the company.
	digits := strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, name)
	base := fmt.Sprintf("%010s", digits)
	switch inv.refKind {
	case "rf":
		return rfReference(base)
	case "be":
		return beStructured(base)
	}
	return name
}

func (g *generator) documentMove(sd side, inv *invPlan, name, state, payRef string, partnerID, residual, full int64) *moveSpec {
	m := &moveSpec{moveType: sd.moveType, journal: sd.journal, name: name, state: state, date: inv.date,
		invoiceDate: inv.date, due: inv.due, partner: partnerID, paymentRef: payRef, ref: inv.ref, origin: inv.originName,
		untaxed: inv.untaxed, tax: inv.tax, total: inv.total, residual: residual,
		paymentState: paymentState(inv.total, residual), created: at(inv.date, 8+int(inv.total%9), int(inv.total%60))}
	if sd.sign < 0 {
		m.user = g.user["ap_clerk"]
	}
	if state == "draft" {
		m.residual, m.paymentState = inv.total, "not_paid"
	}
	for _, l := range inv.lines {
		ls := lineSpec{account: g.acc[sd.lineAccount], partner: partnerID, display: "product",
			qty: l.qty, price: l.price, taxIDs: []int64{g.tax[sd.taxRole]}}
		if l.product >= 0 {
			ls.product = g.productIDs[l.product]
			ls.name = g.products[l.product].name
			if sd.sign > 0 && g.products[l.product].service {
				ls.account = g.acc["income_services"]
			}
		} else {
			ls.account, ls.name = g.acc[recurringAccount[-1-l.product]], recurringLabel[-1-l.product]+" "+inv.date.Format("01/2006")
		}
		g.putAmount(&ls, -sd.sign*l.subtotal)
		m.lines = append(m.lines, ls)
	}
	taxLine := lineSpec{account: g.acc[sd.taxAccount], partner: partnerID, display: "tax", name: "21%",
		taxLine: g.tax[sd.taxRole], taxBase: inv.untaxed}
	g.putAmount(&taxLine, -sd.sign*inv.tax)
	open := lineSpec{account: g.acc[sd.openAccount], partner: partnerID, display: "payment_term", name: payRef,
		maturity: inv.due, full: full}
	if state == "posted" {
		open.matched = sd.sign * inv.paid
	}
	if full != 0 {
		open.matching = itoa(int(full))
	}
	g.putAmount(&open, sd.sign*inv.total)
	m.lines = append(m.lines, taxLine, open)
	return m
}

// putAmount sets debit/credit from a signed balance.
func (g *generator) putAmount(l *lineSpec, balance int64) {
	if balance >= 0 {
		l.debit = balance
	} else {
		l.credit = -balance
	}
}

// skewTax books the tax at 19% instead of 21%, moving the difference to the receivable so
// the move stays balanced: the kind of error a close check must catch.
func skewTax(m *moveSpec) {
	tax, open := &m.lines[len(m.lines)-2], &m.lines[len(m.lines)-1]
	wrong := roundDiv(m.untaxed*19, 100)
	diff := m.tax - wrong
	tax.credit -= diff
	open.debit -= diff
	m.tax -= diff
	m.total -= diff
	if m.residual != 0 {
		m.residual -= diff
	}
	m.paymentState = paymentState(m.total, m.residual)
}

var (
	recurringAccount = []string{"rent", "subscriptions", "utilities"}
	recurringLabel   = []string{"Office rent", "Software subscription", "Electricity and water"}
)

// recordDocument notes the close-relevant documents in the truth.
func (g *generator) recordDocument(sd side, inv *invPlan, moveID int64) {
	if !inv.draft {
		return
	}
	if sd.sign > 0 {
		g.truth.Close.DraftInvoices = append(g.truth.Close.DraftInvoices, moveID)
	} else {
		g.truth.Close.DraftBills = append(g.truth.Close.DraftBills, moveID)
	}
}

// daysBetween counts whole days from a to b.
func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }
