package odoo

// Account is account.account. 16/17 have one company_id; 18+ share an account between
// companies (company_ids) and compute code per company; 19 replaced deprecated by active.
type Account struct {
	ID          int64    `json:"id"`
	Name        String   `json:"name"`
	Code        String   `json:"code"`
	AccountType String   `json:"account_type"`
	Reconcile   bool     `json:"reconcile"`
	CurrencyID  Many2one `json:"currency_id"`
	CompanyID   Many2one `json:"company_id" until:"17"`
	CompanyIDs  IDs      `json:"company_ids" since:"18"`
	Deprecated  bool     `json:"deprecated" until:"18"`
	Active      *bool    `json:"active" since:"19"`
}

func (Account) Model() string                 { return "account.account" }
func (a Account) Fields(version int) []string { return fieldsOf(a, version) }

// InCompany reports whether the account belongs to the company, on any version.
func (a Account) InCompany(companyID int64) bool {
	if a.CompanyID.ID == companyID {
		return true
	}
	for _, id := range a.CompanyIDs {
		if id == companyID {
			return true
		}
	}
	return false
}

// IsActive is !deprecated before 19 and active from 19.
func (a Account) IsActive() bool {
	if a.Active != nil {
		return *a.Active
	}
	return !a.Deprecated
}

// Journal is account.journal.
type Journal struct {
	ID                int64    `json:"id"`
	Name              String   `json:"name"`
	Code              String   `json:"code"`
	Type              String   `json:"type"` // sale, purchase, cash, bank, general
	CompanyID         Many2one `json:"company_id"`
	CurrencyID        Many2one `json:"currency_id"`
	DefaultAccountID  Many2one `json:"default_account_id"`
	SuspenseAccountID Many2one `json:"suspense_account_id"`
	BankAccountID     Many2one `json:"bank_account_id"`
	Active            bool     `json:"active"`
	Sequence          int64    `json:"sequence"`
}

func (Journal) Model() string                 { return "account.journal" }
func (j Journal) Fields(version int) []string { return fieldsOf(j, version) }

// Move is account.move (invoices, bills, entries). 16/17 flag entries to review with
// to_check; 18+ use the inverse, checked. A draft's name is "/" on 18 and false on 19.
type Move struct {
	ID                   int64    `json:"id"`
	Name                 String   `json:"name"`
	Ref                  String   `json:"ref"`
	MoveType             String   `json:"move_type"`
	State                String   `json:"state"`
	PartnerID            Many2one `json:"partner_id"`
	CommercialPartnerID  Many2one `json:"commercial_partner_id"`
	JournalID            Many2one `json:"journal_id"`
	CompanyID            Many2one `json:"company_id"`
	CurrencyID           Many2one `json:"currency_id"`
	Date                 Date     `json:"date"`
	InvoiceDate          Date     `json:"invoice_date"`
	InvoiceDateDue       Date     `json:"invoice_date_due"`
	AmountUntaxed        float64  `json:"amount_untaxed"`
	AmountTax            float64  `json:"amount_tax"`
	AmountTotal          float64  `json:"amount_total"`
	AmountResidual       float64  `json:"amount_residual"`
	AmountTotalSigned    float64  `json:"amount_total_signed"`
	AmountResidualSigned float64  `json:"amount_residual_signed"`
	PaymentState         String   `json:"payment_state"`
	InvoiceOrigin        String   `json:"invoice_origin"`
	PaymentReference     String   `json:"payment_reference"`
	PaymentTermID        Many2one `json:"invoice_payment_term_id"`
	ReversedEntryID      Many2one `json:"reversed_entry_id"`
	AutoPost             String   `json:"auto_post"`
	PostedBefore         bool     `json:"posted_before"`
	ToCheck              bool     `json:"to_check" until:"17"`
	Checked              bool     `json:"checked" since:"18"`
	LineIDs              IDs      `json:"line_ids"`
	InvoiceLineIDs       IDs      `json:"invoice_line_ids"`
	CreateDate           Datetime `json:"create_date"`
	WriteDate            Datetime `json:"write_date"`
}

func (Move) Model() string                 { return "account.move" }
func (m Move) Fields(version int) []string { return fieldsOf(m, version) }

// MoveLine is account.move.line, the journal items bank reconciliation and closing read.
type MoveLine struct {
	ID                     int64    `json:"id"`
	MoveID                 Many2one `json:"move_id"`
	Name                   String   `json:"name"`
	Ref                    String   `json:"ref"`
	Date                   Date     `json:"date"`
	DateMaturity           Date     `json:"date_maturity"`
	ParentState            String   `json:"parent_state"`
	JournalID              Many2one `json:"journal_id"`
	CompanyID              Many2one `json:"company_id"`
	AccountID              Many2one `json:"account_id"`
	PartnerID              Many2one `json:"partner_id"`
	ProductID              Many2one `json:"product_id"`
	DisplayType            String   `json:"display_type"`
	Quantity               float64  `json:"quantity"`
	PriceUnit              float64  `json:"price_unit"`
	Debit                  float64  `json:"debit"`
	Credit                 float64  `json:"credit"`
	Balance                float64  `json:"balance"`
	AmountCurrency         float64  `json:"amount_currency"`
	AmountResidual         float64  `json:"amount_residual"`
	AmountResidualCurrency float64  `json:"amount_residual_currency"`
	CurrencyID             Many2one `json:"currency_id"`
	CompanyCurrencyID      Many2one `json:"company_currency_id"`
	Reconciled             bool     `json:"reconciled"`
	FullReconcileID        Many2one `json:"full_reconcile_id"`
	MatchingNumber         String   `json:"matching_number"`
	TaxIDs                 IDs      `json:"tax_ids"`
	StatementLineID        Many2one `json:"statement_line_id"`
	PaymentID              Many2one `json:"payment_id"`
}

func (MoveLine) Model() string                  { return "account.move.line" }
func (ml MoveLine) Fields(version int) []string { return fieldsOf(ml, version) }

// Payment is account.payment. Its memo was "ref" up to 17.
type Payment struct {
	ID                   int64    `json:"id"`
	Name                 String   `json:"name"`
	State                String   `json:"state"`
	PaymentType          String   `json:"payment_type"` // inbound, outbound
	PartnerType          String   `json:"partner_type"` // customer, supplier
	PartnerID            Many2one `json:"partner_id"`
	Amount               float64  `json:"amount"`
	CurrencyID           Many2one `json:"currency_id"`
	Date                 Date     `json:"date"`
	JournalID            Many2one `json:"journal_id"`
	CompanyID            Many2one `json:"company_id"`
	Memo                 String   `json:"memo" since:"18"`
	Ref                  String   `json:"ref" until:"17"`
	MoveID               Many2one `json:"move_id"`
	IsReconciled         bool     `json:"is_reconciled"`
	IsMatched            bool     `json:"is_matched"`
	PaymentMethodLineID  Many2one `json:"payment_method_line_id"`
	DestinationAccountID Many2one `json:"destination_account_id"`
	ReconciledInvoiceIDs IDs      `json:"reconciled_invoice_ids"`
	WriteDate            Datetime `json:"write_date"`
}

func (Payment) Model() string                 { return "account.payment" }
func (p Payment) Fields(version int) []string { return fieldsOf(p, version) }

// Reference returns the payment's memo on any version.
func (p Payment) Reference() string {
	if p.Memo != "" {
		return string(p.Memo)
	}
	return string(p.Ref)
}

// BankStatementLine is account.bank.statement.line, the input of bank reconciliation.
type BankStatementLine struct {
	ID                int64    `json:"id"`
	Date              Date     `json:"date"`
	PaymentRef        String   `json:"payment_ref"`
	Amount            float64  `json:"amount"`
	AmountCurrency    float64  `json:"amount_currency"`
	ForeignCurrencyID Many2one `json:"foreign_currency_id"`
	CurrencyID        Many2one `json:"currency_id"`
	PartnerID         Many2one `json:"partner_id"`
	PartnerName       String   `json:"partner_name"`
	AccountNumber     String   `json:"account_number"`
	TransactionType   String   `json:"transaction_type"`
	Narration         String   `json:"narration"`
	JournalID         Many2one `json:"journal_id"`
	StatementID       Many2one `json:"statement_id"`
	MoveID            Many2one `json:"move_id"`
	CompanyID         Many2one `json:"company_id"`
	IsReconciled      bool     `json:"is_reconciled"`
	AmountResidual    float64  `json:"amount_residual"`
	Sequence          int64    `json:"sequence"`
	WriteDate         Datetime `json:"write_date"`
}

func (BankStatementLine) Model() string                 { return "account.bank.statement.line" }
func (l BankStatementLine) Fields(version int) []string { return fieldsOf(l, version) }

// ReconcileModel is account.reconcile.model. 19 reworked it: rule_type, auto_reconcile,
// match_partner and to_check are gone, trigger ("manual"/"auto_reconcile") replaces them.
type ReconcileModel struct {
	ID              int64    `json:"id"`
	Name            String   `json:"name"`
	Sequence        int64    `json:"sequence"`
	CompanyID       Many2one `json:"company_id"`
	Active          bool     `json:"active"`
	MatchLabel      String   `json:"match_label"`
	MatchLabelParam String   `json:"match_label_param"`
	MatchJournalIDs IDs      `json:"match_journal_ids"`
	LineIDs         IDs      `json:"line_ids"`
	RuleType        String   `json:"rule_type" until:"18"`
	AutoReconcile   bool     `json:"auto_reconcile" until:"18"`
	MatchPartner    bool     `json:"match_partner" until:"18"`
	ToCheck         bool     `json:"to_check" until:"18"`
	Trigger         String   `json:"trigger" since:"19"`
}

func (ReconcileModel) Model() string                 { return "account.reconcile.model" }
func (r ReconcileModel) Fields(version int) []string { return fieldsOf(r, version) }
