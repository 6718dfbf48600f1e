package bankrec

import (
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
)

// Row is one record as Odoo's search_read returns it (many2one as [id, "name"], empty as
// false) or as the simulator stores it (many2one as a bare id); odoorow's accessors read
// both, so the loader and the tests share one conversion.
type Row = odoorow.Row

// RawData is what the loader reads from Odoo for one company.
type RawData struct {
	Lines     []Row // account.bank.statement.line: id, move_id, journal_id, date, amount, amount_residual, payment_ref, partner_id, partner_name, account_number, is_reconciled
	MoveLines []Row // account.move.line of the bank moves and the open items: id, move_id, account_id, partner_id, date, date_maturity, amount_residual, balance, reconciled, parent_state
	Moves     []Row // account.move: id, name, move_type, payment_reference, ref, date, state
	Partners  []Row // res.partner: id, name, commercial_partner_id
	Banks     []Row // res.partner.bank: partner_id, acc_number
	// Account roles by id.
	OpenAccounts      map[int64]bool // receivable and payable (reconcilable) accounts
	SuspenseAccounts  map[int64]bool // bank journals' suspense accounts
	LiquidityAccounts map[int64]bool // bank and cash accounts
	Decimals          int            // company currency decimals
	// ModelFields are account.reconcile.model's fields on this server (18 and 19 differ);
	// rule proposals only write the ones that exist.
	ModelFields map[string]bool
	Notes       []string // what could not be read, for a finding
}

// Inputs are the matcher's plain inputs.
type Inputs struct {
	Lines    []Line
	Items    []Item
	Partners []Partner
	Examples []Example // history: reconciled lines without a document, for learning rules
	// ModelFields: see RawData.ModelFields (nil = write every field, Odoo 18 style).
	ModelFields map[string]bool
}

// Build converts raw rows into matcher inputs.
func (d RawData) Build() Inputs {
	commercial := map[int64]int64{}
	in := Inputs{ModelFields: d.ModelFields}
	byPartner := map[int64]*Partner{}
	for _, p := range d.Partners {
		id, c := p.ID("id"), p.ID("commercial_partner_id")
		if c == 0 {
			c = id
		}
		commercial[id] = c
		if c == id {
			in.Partners = append(in.Partners, Partner{ID: id, Name: p.String("name")})
		}
	}
	for i := range in.Partners {
		byPartner[in.Partners[i].ID] = &in.Partners[i]
	}
	for _, b := range d.Banks {
		if p := byPartner[commercialOf(commercial, b.ID("partner_id"))]; p != nil {
			p.IBANs = append(p.IBANs, b.String("acc_number"))
		}
	}
	moves := map[int64]Row{}
	for _, m := range d.Moves {
		moves[m.ID("id")] = m
	}
	linesOfMove := map[int64][]Row{}
	for _, ml := range d.MoveLines {
		linesOfMove[ml.ID("move_id")] = append(linesOfMove[ml.ID("move_id")], ml)
	}
	bankMoves := map[int64]bool{}
	for _, r := range d.Lines {
		bankMoves[r.ID("move_id")] = true
		d.addLine(&in, r, moves, linesOfMove, commercial)
	}
	for _, ml := range d.MoveLines {
		if it, ok := d.item(ml, moves, commercial); ok && !bankMoves[it.MoveID] {
			in.Items = append(in.Items, it)
		}
	}
	return in
}

func commercialOf(m map[int64]int64, id int64) int64 {
	if c, ok := m[id]; ok {
		return c
	}
	return id
}

func (d RawData) addLine(in *Inputs, r Row, moves map[int64]Row, linesOfMove map[int64][]Row, commercial map[int64]int64) {
	moveID := r.ID("move_id")
	date := r.Date("date")
	if date.IsZero() {
		date = moves[moveID].Date("date")
	}
	amount := core.MinorFromFloat(r.Float("amount"), d.Decimals)
	if !r.Bool("is_reconciled") {
		l := Line{ID: r.ID("id"), MoveID: moveID, JournalID: r.ID("journal_id"), Date: date, Amount: amount,
			Label: strings.TrimSpace(r.String("payment_ref")), PartnerID: commercialOf(commercial, r.ID("partner_id")),
			PartnerName: r.String("partner_name"), AccountNumber: r.String("account_number")}
		if res := -core.MinorFromFloat(r.Float("amount_residual"), d.Decimals); res != 0 && res != amount {
			l.Residual = res
		}
		for _, ml := range linesOfMove[moveID] {
			if d.SuspenseAccounts[ml.ID("account_id")] {
				l.SuspenseLineID = ml.ID("id")
			}
		}
		in.Lines = append(in.Lines, l)
		return
	}
	// A reconciled line whose counterpart is one plain account (not a customer or vendor
	// item) is a person's decision about a line without a document: a learning example.
	var other []Row
	for _, ml := range linesOfMove[moveID] {
		acc := ml.ID("account_id")
		if d.OpenAccounts[acc] || d.SuspenseAccounts[acc] {
			return
		}
		if !d.LiquidityAccounts[acc] {
			other = append(other, ml)
		}
	}
	if len(other) == 1 {
		in.Examples = append(in.Examples, Example{JournalID: r.ID("journal_id"), Label: r.String("payment_ref"),
			Amount: amount, AccountID: other[0].ID("account_id"), PartnerID: r.ID("partner_id")})
	}
}

// item converts an open receivable/payable journal item.
func (d RawData) item(ml Row, moves map[int64]Row, commercial map[int64]int64) (Item, bool) {
	if !d.OpenAccounts[ml.ID("account_id")] || ml.Bool("reconciled") {
		return Item{}, false
	}
	if st := ml.String("parent_state"); st != "" && st != "posted" {
		return Item{}, false
	}
	res := core.MinorFromFloat(ml.Float("amount_residual"), d.Decimals)
	if res == 0 {
		return Item{}, false
	}
	moveID := ml.ID("move_id")
	m := moves[moveID]
	return Item{ID: ml.ID("id"), MoveID: moveID, MoveName: m.String("name"), MoveType: m.String("move_type"),
		PaymentRef: m.String("payment_reference"), Ref: m.String("ref"), PartnerID: commercialOf(commercial, ml.ID("partner_id")),
		AccountID: ml.ID("account_id"), Date: ml.Date("date"), DueDate: ml.Date("date_maturity"), Residual: res}, true
}
