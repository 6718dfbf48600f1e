package odoo

// SaleOrder is sale.order.
type SaleOrder struct {
	ID                int64    `json:"id"`
	Name              String   `json:"name"`
	State             String   `json:"state"`
	PartnerID         Many2one `json:"partner_id"`
	PartnerInvoiceID  Many2one `json:"partner_invoice_id"`
	PartnerShippingID Many2one `json:"partner_shipping_id"`
	DateOrder         Datetime `json:"date_order"`
	ValidityDate      Date     `json:"validity_date"`
	CommitmentDate    Datetime `json:"commitment_date"`
	AmountUntaxed     float64  `json:"amount_untaxed"`
	AmountTax         float64  `json:"amount_tax"`
	AmountTotal       float64  `json:"amount_total"`
	CurrencyID        Many2one `json:"currency_id"`
	CompanyID         Many2one `json:"company_id"`
	UserID            Many2one `json:"user_id"`
	TeamID            Many2one `json:"team_id"`
	PricelistID       Many2one `json:"pricelist_id"`
	PaymentTermID     Many2one `json:"payment_term_id"`
	InvoiceStatus     String   `json:"invoice_status"`
	ClientOrderRef    String   `json:"client_order_ref"`
	Origin            String   `json:"origin"`
	OrderLine         IDs      `json:"order_line"`
	WriteDate         Datetime `json:"write_date"`
}

func (SaleOrder) Model() string                 { return "sale.order" }
func (s SaleOrder) Fields(version int) []string { return fieldsOf(s, version) }

// SaleOrderLine is sale.order.line. 19 renamed tax_id to tax_ids and product_uom to product_uom_id.
type SaleOrderLine struct {
	ID            int64    `json:"id"`
	OrderID       Many2one `json:"order_id"`
	Sequence      int64    `json:"sequence"`
	DisplayType   String   `json:"display_type"`
	ProductID     Many2one `json:"product_id"`
	Name          String   `json:"name"`
	ProductQty    float64  `json:"product_uom_qty"`
	QtyDelivered  float64  `json:"qty_delivered"`
	QtyInvoiced   float64  `json:"qty_invoiced"`
	QtyToInvoice  float64  `json:"qty_to_invoice"`
	PriceUnit     float64  `json:"price_unit"`
	Discount      float64  `json:"discount"`
	PriceSubtotal float64  `json:"price_subtotal"`
	PriceTotal    float64  `json:"price_total"`
	CurrencyID    Many2one `json:"currency_id"`
	State         String   `json:"state"`
	TaxIDOld      IDs      `json:"tax_id" until:"18"`
	TaxIDs        IDs      `json:"tax_ids" since:"19"`
	UoMOld        Many2one `json:"product_uom" until:"18"`
	UoMID         Many2one `json:"product_uom_id" since:"19"`
}

func (SaleOrderLine) Model() string                 { return "sale.order.line" }
func (l SaleOrderLine) Fields(version int) []string { return fieldsOf(l, version) }

// Taxes returns the line's taxes on any version.
func (l SaleOrderLine) Taxes() IDs { return firstNonEmpty(l.TaxIDs, l.TaxIDOld) }

// UoM returns the line's unit of measure on any version.
func (l SaleOrderLine) UoM() Many2one { return orMany2one(l.UoMID, l.UoMOld) }

// PurchaseOrder is purchase.order. Its notes field became note in 19.
type PurchaseOrder struct {
	ID            int64    `json:"id"`
	Name          String   `json:"name"`
	State         String   `json:"state"`
	PartnerID     Many2one `json:"partner_id"`
	PartnerRef    String   `json:"partner_ref"`
	DateOrder     Datetime `json:"date_order"`
	DateApprove   Datetime `json:"date_approve"`
	DatePlanned   Datetime `json:"date_planned"`
	AmountUntaxed float64  `json:"amount_untaxed"`
	AmountTax     float64  `json:"amount_tax"`
	AmountTotal   float64  `json:"amount_total"`
	CurrencyID    Many2one `json:"currency_id"`
	CompanyID     Many2one `json:"company_id"`
	UserID        Many2one `json:"user_id"`
	InvoiceStatus String   `json:"invoice_status"`
	ReceiptStatus String   `json:"receipt_status"`
	Origin        String   `json:"origin"`
	Notes         String   `json:"notes" until:"18"`
	Note          String   `json:"note" since:"19"`
	OrderLine     IDs      `json:"order_line"`
	WriteDate     Datetime `json:"write_date"`
}

func (PurchaseOrder) Model() string                 { return "purchase.order" }
func (p PurchaseOrder) Fields(version int) []string { return fieldsOf(p, version) }

// PurchaseOrderLine is purchase.order.line. 19 renamed taxes_id to tax_ids and product_uom to product_uom_id.
type PurchaseOrderLine struct {
	ID            int64    `json:"id"`
	OrderID       Many2one `json:"order_id"`
	Sequence      int64    `json:"sequence"`
	DisplayType   String   `json:"display_type"`
	ProductID     Many2one `json:"product_id"`
	Name          String   `json:"name"`
	ProductQty    float64  `json:"product_qty"`
	QtyReceived   float64  `json:"qty_received"`
	QtyInvoiced   float64  `json:"qty_invoiced"`
	PriceUnit     float64  `json:"price_unit"`
	PriceSubtotal float64  `json:"price_subtotal"`
	PriceTotal    float64  `json:"price_total"`
	DatePlanned   Datetime `json:"date_planned"`
	CurrencyID    Many2one `json:"currency_id"`
	State         String   `json:"state"`
	TaxesIDOld    IDs      `json:"taxes_id" until:"18"`
	TaxIDs        IDs      `json:"tax_ids" since:"19"`
	UoMOld        Many2one `json:"product_uom" until:"18"`
	UoMID         Many2one `json:"product_uom_id" since:"19"`
}

func (PurchaseOrderLine) Model() string                 { return "purchase.order.line" }
func (l PurchaseOrderLine) Fields(version int) []string { return fieldsOf(l, version) }

// Taxes returns the line's taxes on any version.
func (l PurchaseOrderLine) Taxes() IDs { return firstNonEmpty(l.TaxIDs, l.TaxesIDOld) }

// UoM returns the line's unit of measure on any version.
func (l PurchaseOrderLine) UoM() Many2one { return orMany2one(l.UoMID, l.UoMOld) }

func firstNonEmpty(a, b IDs) IDs {
	if len(a) > 0 {
		return a
	}
	return b
}

func orMany2one(a, b Many2one) Many2one {
	if a.ID != 0 {
		return a
	}
	return b
}
