package bankrec

import "time"

// Line is an unreconciled bank statement line (account.bank.statement.line) with what the
// matcher needs from its journal entry. Amounts are integer minor units, signed as Odoo
// stores them: money in > 0, money out < 0.
type Line struct {
	ID             int64     `json:"id"`
	MoveID         int64     `json:"move_id"`
	JournalID      int64     `json:"journal_id"`
	Date           time.Time `json:"date"`
	Amount         int64     `json:"amount"`
	Label          string    `json:"label"`          // payment_ref
	PartnerID      int64     `json:"partner_id"`     // 0 when the bank file carried no known partner
	PartnerName    string    `json:"partner_name"`   // payer/payee name as the bank printed it
	AccountNumber  string    `json:"account_number"` // payer/payee IBAN or account number
	SuspenseLineID int64     `json:"suspense_line_id"`
	// Residual is what is still unreconciled on the line (amount_residual, opposite sign in
	// Odoo; here with the line's sign). Zero means the whole amount.
	Residual int64 `json:"residual"`
}

// Item is an open receivable or payable journal item (account.move.line with
// amount_residual != 0): an invoice, bill, credit note or outstanding payment.
type Item struct {
	ID         int64     `json:"id"`      // account.move.line id
	MoveID     int64     `json:"move_id"` // account.move id
	MoveName   string    `json:"move_name"`
	MoveType   string    `json:"move_type"` // out_invoice, in_invoice, out_refund, in_refund, entry
	PaymentRef string    `json:"payment_ref,omitempty"`
	Ref        string    `json:"ref,omitempty"` // the vendor's bill number on bills
	PartnerID  int64     `json:"partner_id"`
	AccountID  int64     `json:"account_id"`
	Date       time.Time `json:"date"`
	DueDate    time.Time `json:"due_date"`
	// Residual is amount_residual in minor units: receivables > 0, payables < 0. A line
	// settling the item has the same sign.
	Residual int64 `json:"residual"`
}

// Partner is a res.partner (commercial entity) with its names and bank accounts.
type Partner struct {
	ID    int64    `json:"id"`
	Name  string   `json:"name"`
	IBANs []string `json:"ibans,omitempty"`
}

// Kind says what a suggestion does with a line.
type Kind string

const (
	KindInvoice Kind = "invoice" // one open item, same amount
	KindGrouped Kind = "grouped" // several open items of one partner summing to the amount
	KindPartial Kind = "partial" // part payment of one item
	KindFee     Kind = "fee"     // one item, short by a bank fee written off
	KindRule    Kind = "rule"    // no document: a learned rule gives the counterpart account
	KindNone    Kind = "none"
)

// Suggestion is the matcher's best answer for a line.
type Suggestion struct {
	LineID     int64    `json:"line_id"`
	Kind       Kind     `json:"kind"`
	Items      []Item   `json:"items,omitempty"`
	Fee        int64    `json:"fee,omitempty"` // minor units written off (KindFee)
	RuleID     string   `json:"rule_id,omitempty"`
	AccountID  int64    `json:"account_id,omitempty"` // counterpart account (KindRule)
	PartnerID  int64    `json:"partner_id,omitempty"`
	Score      float64  `json:"score"`      // raw ranking score
	Confidence float64  `json:"confidence"` // calibrated probability that the suggestion is right
	Features   Features `json:"features"`
	Reasons    []string `json:"reasons"`
	Runner     *Summary `json:"runner_up,omitempty"` // the second-best candidate, for the reviewer
	// Alternatives are the next candidates (at most MaxAlternatives), best first, complete
	// enough that a reviewer can choose one instead (ChooseAlternative). They carry no
	// alternatives of their own.
	Alternatives []Suggestion `json:"alternatives,omitempty"`
}

// MaxAlternatives is how many other candidates a suggestion keeps for the reviewer.
const MaxAlternatives = 3

// Summary is a short description of a candidate.
type Summary struct {
	Kind    Kind    `json:"kind"`
	MoveIDs []int64 `json:"move_ids,omitempty"`
	Score   float64 `json:"score"`
}

// MoveIDs lists the suggestion's documents.
func (s Suggestion) MoveIDs() []int64 {
	out := make([]int64, 0, len(s.Items))
	for _, it := range s.Items {
		out = append(out, it.MoveID)
	}
	return out
}

// Config holds the matcher's thresholds. Zero values take the defaults (see withDefaults).
type Config struct {
	FeeAccountID   int64   `json:"fee_account_id"`      // where bank fees are written off
	MaxFee         int64   `json:"max_fee"`             // largest fee accepted, minor units (default 25.00)
	MaxFeeRatio    float64 `json:"max_fee_ratio"`       // and at most this share of the item (default 0.05)
	MaxGroup       int     `json:"max_group"`           // most items one line may pay (default 8)
	MaxPartnerOpen int     `json:"max_partner_open"`    // subset-sum only over this many open items (default 40)
	DateWindowDays int     `json:"date_window_days"`    // items dated more than this after the line are ignored (default 7)
	MinNameSim     float64 `json:"min_name_similarity"` // payer name to partner name (default 0.82)
	// OverpayTolerance is how much more than an item owes a line may pay and still match it
	// (minor units, default 1.00); the excess stays open as the partner's credit.
	OverpayTolerance int64 `json:"overpay_tolerance"`
}

func (c Config) withDefaults() Config {
	if c.MaxFee == 0 {
		c.MaxFee = 2500
	}
	if c.MaxFeeRatio == 0 {
		c.MaxFeeRatio = 0.2 // fixed transfer charges (SHA/OUR) can be a large share of a small invoice
	}
	if c.MaxGroup == 0 {
		c.MaxGroup = 8
	}
	if c.MaxPartnerOpen == 0 {
		c.MaxPartnerOpen = 40
	}
	if c.DateWindowDays == 0 {
		c.DateWindowDays = 7
	}
	if c.MinNameSim == 0 {
		c.MinNameSim = 0.82
	}
	if c.OverpayTolerance == 0 {
		c.OverpayTolerance = 100
	}
	return c
}
