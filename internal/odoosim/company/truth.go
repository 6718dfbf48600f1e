package company

import (
	"encoding/json"
	"fmt"
	"io"
)

// Truth is the ground truth of a generated company: what was planted, with the record ids
// the sink returned. Its JSON form is documented in doc.go; scorers read that file.
type Truth struct {
	Schema  int            `json:"schema"`
	Seed    int64          `json:"seed"`
	Size    Size           `json:"size"`
	Version int            `json:"version"`
	Today   string         `json:"today"`
	Company CompanyTruth   `json:"company"`
	Counts  map[string]int `json:"counts"`
	Dedup   DedupTruth     `json:"dedup"`
	Credit  CreditTruth    `json:"credit"`
	Bank    BankTruth      `json:"bank"`
	Vendors VendorTruth    `json:"vendors"`
	Anomaly AnomalyTruth   `json:"anomalies"`
	Close   CloseTruth     `json:"close"`
}

// CompanyTruth gives the ids of the company's configuration records, by role.
type CompanyTruth struct {
	ID         int64            `json:"id"`
	PartnerID  int64            `json:"partner_id"`
	CurrencyID int64            `json:"currency_id"`
	Accounts   map[string]int64 `json:"accounts"`
	Journals   map[string]int64 `json:"journals"`
	Taxes      map[string]int64 `json:"taxes"`
	Users      map[string]int64 `json:"users"`
}

// DedupTruth: each cluster lists partner ids that are the same real-world entity, the first
// being the original; Variations[i][k] names how member k differs from the original.
type DedupTruth struct {
	Clusters      [][]int64    `json:"clusters"`
	Variations    [][][]string `json:"variations"`
	HardNegatives [][]int64    `json:"hard_negatives"`
}

// CreditTruth: payment behaviour per customer and the backtest and hold labels.
type CreditTruth struct {
	Cutoff    string           `json:"cutoff"`
	LateRule  string           `json:"late_rule"`
	HoldRule  string           `json:"hold_rule"`
	Customers []CustomerCredit `json:"customers"`
}

type CustomerCredit struct {
	PartnerID       int64    `json:"partner_id"`
	Behaviour       string   `json:"behaviour"`
	CreditLimit     float64  `json:"credit_limit"`
	Invoices        int      `json:"invoices"`
	DueInWindow     int      `json:"due_in_window"` // posted invoices due in (cutoff, today]: evidence for the backtest
	LateAfterCutoff bool     `json:"late_after_cutoff"`
	OnHold          bool     `json:"on_hold"`
	HoldReasons     []string `json:"hold_reasons,omitempty"`
	OpenReceivable  float64  `json:"open_receivable"`   // sum of amount_residual of posted invoices
	DraftInvoiced   float64  `json:"draft_invoiced"`    // sum of amount_total of draft invoices
	UninvoicedSales float64  `json:"uninvoiced_orders"` // confirmed sale orders not invoiced (amount_total)
	Exposure        float64  `json:"exposure"`          // the three above
	MaxDaysOverdue  int      `json:"max_days_overdue"`
}

// BankTruth: every unreconciled statement line with its case and what it should match.
type BankTruth struct {
	JournalID    int64          `json:"journal_id"`
	Unreconciled []BankLine     `json:"unreconciled"`
	CaseCounts   map[string]int `json:"case_counts"`
	Reconciled   int            `json:"reconciled"`
}

type BankLine struct {
	LineID               int64   `json:"line_id"`
	MoveID               int64   `json:"move_id"`
	Case                 string  `json:"case"`
	Amount               float64 `json:"amount"`
	PartnerID            int64   `json:"partner_id"` // the true partner, even when the line has none
	InvoiceMoveIDs       []int64 `json:"invoice_move_ids,omitempty"`
	CounterpartAccountID int64   `json:"counterpart_account_id,omitempty"`
	Fee                  float64 `json:"fee,omitempty"`
}

// VendorTruth: delivery behaviour per vendor and the single-source products.
type VendorTruth struct {
	Vendors      []VendorBehaviour `json:"vendors"`
	Degrading    []int64           `json:"degrading"`
	SingleSource map[string]int64  `json:"single_source"` // product.product id (decimal) -> vendor partner id
}

type VendorBehaviour struct {
	PartnerID int64  `json:"partner_id"`
	Behaviour string `json:"behaviour"`
	Kind      string `json:"kind"`
}

// AnomalyTruth: planted anomalous account.move ids per kind.
type AnomalyTruth struct {
	ApprovalThreshold float64   `json:"approval_threshold"`
	RoundNumber       []int64   `json:"round_number"`
	DuplicateBills    [][]int64 `json:"duplicate_bills"` // [original, duplicate]
	AmountOutliers    []int64   `json:"amount_outliers"`
	OutlierAccountID  int64     `json:"outlier_account_id"`
	OffHours          []int64   `json:"off_hours"`
	RareUserID        int64     `json:"rare_user_id"`
}

// CloseTruth: month-end open items for the current and previous month, per check.
type CloseTruth struct {
	Periods               []string           `json:"periods"`
	DraftEntries          []int64            `json:"draft_entries"`
	DraftInvoices         []int64            `json:"draft_invoices"`
	DraftBills            []int64            `json:"draft_bills"`
	UnreconciledBankLines []int64            `json:"unreconciled_bank_lines"`
	SuspenseAccountID     int64              `json:"suspense_account_id"`
	SuspenseBalance       float64            `json:"suspense_balance"`
	SuspenseMoves         []int64            `json:"suspense_moves"`
	ClearingBalances      map[string]float64 `json:"clearing_balances"` // account role -> posted balance at today
	UnmatchedPayments     []int64            `json:"unmatched_payments"`
	DeliveredNotInvoiced  []int64            `json:"delivered_not_invoiced"`
	ReceivedNotBilled     []int64            `json:"received_not_billed"`
	MissingRecurring      []MissingRecurring `json:"missing_recurring"`
	TaxInconsistencies    []int64            `json:"tax_inconsistencies"`
}

type MissingRecurring struct {
	Label         string  `json:"label"`
	PartnerID     int64   `json:"partner_id"`
	AccountID     int64   `json:"account_id"`
	Period        string  `json:"period"`
	PostedMonths  int     `json:"posted_months"`
	LastMoveID    int64   `json:"last_move_id"`
	TypicalAmount float64 `json:"typical_amount"`
}

// Summary describes the generated company in one line, for logs and the CLI.
func (t *Truth) Summary() string {
	holds := 0
	for _, c := range t.Credit.Customers {
		if c.OnHold {
			holds++
		}
	}
	return fmt.Sprintf("%s company (seed %d, Odoo %d, today %s): %d partners, %d moves, %d journal items, "+
		"%d bank lines (%d unreconciled), %d duplicate clusters, %d customers (%d on hold), %d vendors (%d degrading), "+
		"%d anomalies, close %s..%s",
		t.Size, t.Seed, t.Version, t.Today, t.Counts["res.partner"], t.Counts["account.move"], t.Counts["account.move.line"],
		t.Counts["account.bank.statement.line"], len(t.Bank.Unreconciled), len(t.Dedup.Clusters), len(t.Credit.Customers),
		holds, len(t.Vendors.Vendors), len(t.Vendors.Degrading),
		len(t.Anomaly.RoundNumber)+len(t.Anomaly.AmountOutliers)+len(t.Anomaly.OffHours)+len(t.Anomaly.DuplicateBills),
		first(t.Close.Periods), last(t.Close.Periods))
}

func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

func last(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[len(xs)-1]
}

// ReadTruth reads a truth file written by WriteJSON.
func ReadTruth(r io.Reader) (*Truth, error) {
	var t Truth
	if err := json.NewDecoder(r).Decode(&t); err != nil {
		return nil, fmt.Errorf("read company truth: %w", err)
	}
	if t.Schema != 1 {
		return nil, fmt.Errorf("read company truth: schema %d is not supported (want 1): regenerate the company", t.Schema)
	}
	return &t, nil
}

// WriteJSON writes the truth as indented JSON (map keys sorted, so byte-for-byte stable).
func (t *Truth) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(t); err != nil {
		return fmt.Errorf("write company truth: %w", err)
	}
	return nil
}
