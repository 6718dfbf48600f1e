package odoo

// Lead is crm.lead (leads and opportunities). won_status appeared in 19; mobile left it.
type Lead struct {
	ID                  int64    `json:"id"`
	Name                String   `json:"name"`
	Type                String   `json:"type"` // lead, opportunity
	StageID             Many2one `json:"stage_id"`
	PartnerID           Many2one `json:"partner_id"`
	PartnerName         String   `json:"partner_name"`
	ContactName         String   `json:"contact_name"`
	EmailFrom           String   `json:"email_from"`
	Phone               String   `json:"phone"`
	Mobile              String   `json:"mobile" until:"18"`
	ExpectedRevenue     float64  `json:"expected_revenue"`
	ProratedRevenue     float64  `json:"prorated_revenue"`
	Probability         float64  `json:"probability"`
	UserID              Many2one `json:"user_id"`
	TeamID              Many2one `json:"team_id"`
	CompanyID           Many2one `json:"company_id"`
	DateDeadline        Date     `json:"date_deadline"`
	DateClosed          Datetime `json:"date_closed"`
	DateLastStageUpdate Datetime `json:"date_last_stage_update"`
	WonStatus           String   `json:"won_status" since:"19"`
	Active              bool     `json:"active"`
	CreateDate          Datetime `json:"create_date"`
	WriteDate           Datetime `json:"write_date"`
}

func (Lead) Model() string                 { return "crm.lead" }
func (l Lead) Fields(version int) []string { return fieldsOf(l, version) }

// Activity is mail.activity, a to-do attached to any record.
type Activity struct {
	ID             int64    `json:"id"`
	ResModel       String   `json:"res_model"`
	ResID          int64    `json:"res_id"`
	ResName        String   `json:"res_name"`
	ActivityTypeID Many2one `json:"activity_type_id"`
	Summary        String   `json:"summary"`
	Note           String   `json:"note"`
	DateDeadline   Date     `json:"date_deadline"`
	UserID         Many2one `json:"user_id"`
	State          String   `json:"state"` // overdue, today, planned
	CreateDate     Datetime `json:"create_date"`
}

func (Activity) Model() string                 { return "mail.activity" }
func (a Activity) Fields(version int) []string { return fieldsOf(a, version) }
