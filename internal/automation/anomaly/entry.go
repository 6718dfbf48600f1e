package anomaly

import "time"

// Entry is one journal item as the detectors see it. Loaders fill it from Odoo's
// account.move.line (or from any export); amounts are company-currency minor units.
type Entry struct {
	ID        int64     `json:"id"`
	MoveID    int64     `json:"move_id,omitempty"`
	MoveName  string    `json:"move_name,omitempty"`
	MoveType  string    `json:"move_type,omitempty"` // entry, out_invoice, in_invoice, ...
	JournalID int64     `json:"journal_id,omitempty"`
	Journal   string    `json:"journal,omitempty"`
	AccountID int64     `json:"account_id,omitempty"`
	Account   string    `json:"account,omitempty"`
	PartnerID int64     `json:"partner_id,omitempty"`
	Partner   string    `json:"partner,omitempty"`
	UserID    int64     `json:"user_id,omitempty"` // who created the entry
	User      string    `json:"user,omitempty"`
	Date      time.Time `json:"date"`                 // accounting date
	CreatedAt time.Time `json:"created_at,omitempty"` // when it was recorded, UTC; zero if unknown
	Amount    int64     `json:"amount"`               // balance: debit - credit, minor units
}

// Dimension is what entries are grouped by when judging whether one is unusual.
type Dimension string

const (
	ByJournal Dimension = "journal"
	ByAccount Dimension = "account"
	ByPartner Dimension = "partner"
)

// groupKey identifies a group: a journal, an account, or a partner within one account.
type groupKey struct{ id, account int64 }

// key returns the entry's group in a dimension, and false when it has none (no partner on
// the line). A partner's lines are grouped per account: its receivable, revenue, tax and
// bank lines are different quantities, and mixing them makes every large invoice look odd.
func (d Dimension) key(e *Entry) (groupKey, bool) {
	switch d {
	case ByJournal:
		return groupKey{id: e.JournalID}, e.JournalID != 0
	case ByAccount:
		return groupKey{id: e.AccountID}, e.AccountID != 0
	default:
		return groupKey{id: e.PartnerID, account: e.AccountID}, e.PartnerID != 0
	}
}

func (d Dimension) name(e *Entry) string {
	switch d {
	case ByJournal:
		return e.Journal
	case ByAccount:
		return e.Account
	default:
		return e.Partner + " / " + e.Account
	}
}
