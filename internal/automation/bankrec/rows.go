package bankrec

import (
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Row is one record as Odoo's search_read returns it (many2one as [id, "name"], empty as
// false) or as the simulator stores it (many2one as a bare id, empty as nil). The
// accessors accept both, so the loader and the tests share one conversion.
type Row = map[string]any

func rowID(r Row, f string) int64 {
	switch v := r[f].(type) {
	case int64:
		return v
	case int:
		return int64(v)
	case float64:
		return int64(v)
	case []any:
		if len(v) > 0 {
			return rowID(Row{"x": v[0]}, "x")
		}
	case []int64:
		if len(v) > 0 {
			return v[0]
		}
	}
	return 0
}

func rowStr(r Row, f string) string {
	s, _ := r[f].(string)
	return s
}

func rowFloat(r Row, f string) float64 {
	switch v := r[f].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	case int:
		return float64(v)
	}
	return 0
}

func rowBool(r Row, f string) bool {
	b, _ := r[f].(bool)
	return b
}

func rowDate(r Row, f string) time.Time {
	s := rowStr(r, f)
	if len(s) < 10 {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return time.Time{}
	}
	return t
}

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
		id, c := rowID(p, "id"), rowID(p, "commercial_partner_id")
		if c == 0 {
			c = id
		}
		commercial[id] = c
		if c == id {
			in.Partners = append(in.Partners, Partner{ID: id, Name: rowStr(p, "name")})
		}
	}
	for i := range in.Partners {
		byPartner[in.Partners[i].ID] = &in.Partners[i]
	}
	for _, b := range d.Banks {
		if p := byPartner[commercialOf(commercial, rowID(b, "partner_id"))]; p != nil {
			p.IBANs = append(p.IBANs, rowStr(b, "acc_number"))
		}
	}
	moves := map[int64]Row{}
	for _, m := range d.Moves {
		moves[rowID(m, "id")] = m
	}
	linesOfMove := map[int64][]Row{}
	for _, ml := range d.MoveLines {
		linesOfMove[rowID(ml, "move_id")] = append(linesOfMove[rowID(ml, "move_id")], ml)
	}
	bankMoves := map[int64]bool{}
	for _, r := range d.Lines {
		bankMoves[rowID(r, "move_id")] = true
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
	moveID := rowID(r, "move_id")
	date := rowDate(r, "date")
	if date.IsZero() {
		date = rowDate(moves[moveID], "date")
	}
	amount := core.MinorFromFloat(rowFloat(r, "amount"), d.Decimals)
	if !rowBool(r, "is_reconciled") {
		l := Line{ID: rowID(r, "id"), MoveID: moveID, JournalID: rowID(r, "journal_id"), Date: date, Amount: amount,
			Label: strings.TrimSpace(rowStr(r, "payment_ref")), PartnerID: commercialOf(commercial, rowID(r, "partner_id")),
			PartnerName: rowStr(r, "partner_name"), AccountNumber: rowStr(r, "account_number")}
		if res := -core.MinorFromFloat(rowFloat(r, "amount_residual"), d.Decimals); res != 0 && res != amount {
			l.Residual = res
		}
		for _, ml := range linesOfMove[moveID] {
			if d.SuspenseAccounts[rowID(ml, "account_id")] {
				l.SuspenseLineID = rowID(ml, "id")
			}
		}
		in.Lines = append(in.Lines, l)
		return
	}
	// A reconciled line whose counterpart is one plain account (not a customer or vendor
	// item) is a person's decision about a line without a document: a learning example.
	var other []Row
	for _, ml := range linesOfMove[moveID] {
		acc := rowID(ml, "account_id")
		if d.OpenAccounts[acc] || d.SuspenseAccounts[acc] {
			return
		}
		if !d.LiquidityAccounts[acc] {
			other = append(other, ml)
		}
	}
	if len(other) == 1 {
		in.Examples = append(in.Examples, Example{JournalID: rowID(r, "journal_id"), Label: rowStr(r, "payment_ref"),
			Amount: amount, AccountID: rowID(other[0], "account_id"), PartnerID: rowID(r, "partner_id")})
	}
}

// item converts an open receivable/payable journal item.
func (d RawData) item(ml Row, moves map[int64]Row, commercial map[int64]int64) (Item, bool) {
	if !d.OpenAccounts[rowID(ml, "account_id")] || rowBool(ml, "reconciled") {
		return Item{}, false
	}
	if st := rowStr(ml, "parent_state"); st != "" && st != "posted" {
		return Item{}, false
	}
	res := core.MinorFromFloat(rowFloat(ml, "amount_residual"), d.Decimals)
	if res == 0 {
		return Item{}, false
	}
	moveID := rowID(ml, "move_id")
	m := moves[moveID]
	return Item{ID: rowID(ml, "id"), MoveID: moveID, MoveName: rowStr(m, "name"), MoveType: rowStr(m, "move_type"),
		PaymentRef: rowStr(m, "payment_reference"), Ref: rowStr(m, "ref"), PartnerID: commercialOf(commercial, rowID(ml, "partner_id")),
		AccountID: rowID(ml, "account_id"), Date: rowDate(ml, "date"), DueDate: rowDate(ml, "date_maturity"), Residual: res}, true
}
