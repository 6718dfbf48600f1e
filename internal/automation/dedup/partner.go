package dedup

import "time"

// Partner is one contact as the engine sees it: plain Go values, already read from Odoo
// (or from a CSV). Empty strings mean "not known"; the engine never treats two unknowns as
// agreement.
type Partner struct {
	ID        int64
	Name      string
	IsCompany bool
	ParentID  int64  // the company a child contact belongs to; 0 for none
	Type      string // Odoo's contact type: contact, invoice, delivery, other
	Active    bool

	Email  string
	Phone  string
	Mobile string
	VAT    string
	Ref    string
	IBANs  []string

	Street      string
	Street2     string
	City        string
	Zip         string
	State       string // state code or name
	CountryCode string // ISO 3166 alpha-2, used for phone and VAT parsing

	// Comment is a free-text field compared loosely; the Febrl evaluation maps the date of
	// birth into it. Leave it empty when the source has nothing comparable.
	Comment string

	CompanyID  int64 // res.partner.company_id; 0 = shared between companies
	CreateDate time.Time

	// Usage, read from Odoo, decides which record survives a merge.
	InvoiceCount int
	OrderCount   int
	// Protected marks the partner of a user or of a company: it must be the one that
	// survives a merge, and two of them are never merged (Odoo refuses merging contacts of
	// more than one user; a company's own partner is not a duplicate to remove).
	Protected bool
	// JournalCompanyIDs lists the companies in which the partner has journal items. Merging
	// partners booked in different companies is refused (a finding instead of a proposal).
	JournalCompanyIDs []int64
}

// Kind separates companies, stand-alone persons and contacts under a company: a child
// contact inherits the commercial fields (VAT, address) of its parent, so those fields say
// nothing about the child's own identity.
type Kind uint8

const (
	KindPerson Kind = iota
	KindCompany
	KindChild
)

func (k Kind) String() string {
	switch k {
	case KindCompany:
		return "company"
	case KindChild:
		return "child"
	default:
		return "person"
	}
}

func kindOf(p *Partner) Kind {
	switch {
	case p.IsCompany:
		return KindCompany
	case p.ParentID != 0:
		return KindChild
	default:
		return KindPerson
	}
}
