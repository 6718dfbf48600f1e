package odoo

// Partner is res.partner.
type Partner struct {
	ID                    int64    `json:"id"`
	Name                  String   `json:"name"`
	DisplayName           String   `json:"display_name"`
	IsCompany             bool     `json:"is_company"`
	Type                  String   `json:"type"`
	ParentID              Many2one `json:"parent_id"`
	CommercialPartnerID   Many2one `json:"commercial_partner_id"`
	CompanyID             Many2one `json:"company_id"`
	Ref                   String   `json:"ref"`
	VAT                   String   `json:"vat"`
	CompanyRegistry       String   `json:"company_registry"`
	Email                 String   `json:"email"`
	Phone                 String   `json:"phone"`
	Mobile                String   `json:"mobile" until:"18"`
	Street                String   `json:"street"`
	Street2               String   `json:"street2"`
	City                  String   `json:"city"`
	Zip                   String   `json:"zip"`
	StateID               Many2one `json:"state_id"`
	CountryID             Many2one `json:"country_id"`
	Lang                  String   `json:"lang"`
	CategoryIDs           IDs      `json:"category_id"`
	UserID                Many2one `json:"user_id"`
	CustomerRank          int64    `json:"customer_rank"`
	SupplierRank          int64    `json:"supplier_rank"`
	Credit                float64  `json:"credit"`
	CreditLimit           float64  `json:"credit_limit"`
	UsePartnerCreditLimit bool     `json:"use_partner_credit_limit"`
	PaymentTermID         Many2one `json:"property_payment_term_id"`
	BankIDs               IDs      `json:"bank_ids"`
	Active                bool     `json:"active"`
	CreateDate            Datetime `json:"create_date"`
	WriteDate             Datetime `json:"write_date"`
}

func (Partner) Model() string                 { return "res.partner" }
func (p Partner) Fields(version int) []string { return fieldsOf(p, version) }

// Company is res.company. The lock dates other than fiscalyear/tax appeared in 18.
type Company struct {
	ID                  int64    `json:"id"`
	Name                String   `json:"name"`
	PartnerID           Many2one `json:"partner_id"`
	CurrencyID          Many2one `json:"currency_id"`
	CountryID           Many2one `json:"country_id"`
	ParentID            Many2one `json:"parent_id"`
	VAT                 String   `json:"vat"`
	CompanyRegistry     String   `json:"company_registry"`
	Email               String   `json:"email"`
	Phone               String   `json:"phone"`
	FiscalCountryID     Many2one `json:"account_fiscal_country_id"`
	FiscalYearLastDay   int64    `json:"fiscalyear_last_day"`
	FiscalYearLastMonth String   `json:"fiscalyear_last_month"`
	FiscalYearLockDate  Date     `json:"fiscalyear_lock_date"`
	TaxLockDate         Date     `json:"tax_lock_date"`
	SaleLockDate        Date     `json:"sale_lock_date" since:"18"`
	PurchaseLockDate    Date     `json:"purchase_lock_date" since:"18"`
	HardLockDate        Date     `json:"hard_lock_date" since:"18"`
	PeriodLockDate      Date     `json:"period_lock_date" until:"17"`
	WriteDate           Datetime `json:"write_date"`
}

func (Company) Model() string                 { return "res.company" }
func (c Company) Fields(version int) []string { return fieldsOf(c, version) }

// Currency is res.currency. Convert its amounts with Money or Minor(amount, DecimalPlaces).
type Currency struct {
	ID            int64   `json:"id"`
	Name          String  `json:"name"` // ISO code, e.g. "EUR"
	FullName      String  `json:"full_name"`
	Symbol        String  `json:"symbol"`
	DecimalPlaces int     `json:"decimal_places"`
	Rounding      float64 `json:"rounding"`
	Rate          float64 `json:"rate"`
	Position      String  `json:"position"`
	Active        bool    `json:"active"`
}

func (Currency) Model() string                   { return "res.currency" }
func (cur Currency) Fields(version int) []string { return fieldsOf(cur, version) }
