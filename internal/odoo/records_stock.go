package odoo

// Picking is stock.picking (a receipt, delivery or internal transfer).
type Picking struct {
	ID              int64    `json:"id"`
	Name            String   `json:"name"`
	State           String   `json:"state"`
	Origin          String   `json:"origin"`
	PartnerID       Many2one `json:"partner_id"`
	PickingTypeID   Many2one `json:"picking_type_id"`
	PickingTypeCode String   `json:"picking_type_code"` // incoming, outgoing, internal
	LocationID      Many2one `json:"location_id"`
	LocationDestID  Many2one `json:"location_dest_id"`
	ScheduledDate   Datetime `json:"scheduled_date"`
	DateDeadline    Datetime `json:"date_deadline"`
	DateDone        Datetime `json:"date_done"`
	MoveIDs         IDs      `json:"move_ids"`
	CompanyID       Many2one `json:"company_id"`
	BackorderID     Many2one `json:"backorder_id"`
	Priority        String   `json:"priority"`
	WriteDate       Datetime `json:"write_date"`
}

func (Picking) Model() string                 { return "stock.picking" }
func (p Picking) Fields(version int) []string { return fieldsOf(p, version) }

// StockMove is stock.move. Its name field is gone in 19 (use reference).
type StockMove struct {
	ID             int64    `json:"id"`
	Name           String   `json:"name" until:"18"`
	Reference      String   `json:"reference"`
	State          String   `json:"state"`
	ProductID      Many2one `json:"product_id"`
	ProductQty     float64  `json:"product_uom_qty"`
	Quantity       float64  `json:"quantity"`
	ProductUoM     Many2one `json:"product_uom"`
	LocationID     Many2one `json:"location_id"`
	LocationDestID Many2one `json:"location_dest_id"`
	PickingID      Many2one `json:"picking_id"`
	Origin         String   `json:"origin"`
	Date           Datetime `json:"date"`
	DateDeadline   Datetime `json:"date_deadline"`
	CompanyID      Many2one `json:"company_id"`
	SaleLineID     Many2one `json:"sale_line_id"`
	PurchaseLineID Many2one `json:"purchase_line_id"`
	ProcureMethod  String   `json:"procure_method"`
	WriteDate      Datetime `json:"write_date"`
}

func (StockMove) Model() string                 { return "stock.move" }
func (m StockMove) Fields(version int) []string { return fieldsOf(m, version) }

// Product is product.product. 16/17 say what a product is in detailed_type (consu,
// service, product = storable); 18+ in type (consu, service, combo) plus is_storable.
type Product struct {
	ID            int64    `json:"id"`
	Name          String   `json:"name"`
	DisplayName   String   `json:"display_name"`
	DefaultCode   String   `json:"default_code"`
	Barcode       String   `json:"barcode"`
	Type          String   `json:"type"`
	DetailedType  String   `json:"detailed_type" until:"17"`
	IsStorableNew bool     `json:"is_storable" since:"18"`
	ListPrice     float64  `json:"list_price"`
	StandardPrice float64  `json:"standard_price"`
	UoMID         Many2one `json:"uom_id"`
	CategID       Many2one `json:"categ_id"`
	TemplateID    Many2one `json:"product_tmpl_id"`
	CompanyID     Many2one `json:"company_id"`
	SellerIDs     IDs      `json:"seller_ids"`
	SaleOK        bool     `json:"sale_ok"`
	PurchaseOK    bool     `json:"purchase_ok"`
	Active        bool     `json:"active"`
	WriteDate     Datetime `json:"write_date"`
}

func (Product) Model() string                 { return "product.product" }
func (p Product) Fields(version int) []string { return fieldsOf(p, version) }

// IsStorable reports whether stock is tracked for the product, on any version.
func (p Product) IsStorable() bool {
	return p.IsStorableNew || p.DetailedType == "product" || p.Type == "product"
}

// SupplierInfo is product.supplierinfo, a vendor's price and lead time for a product.
type SupplierInfo struct {
	ID          int64    `json:"id"`
	PartnerID   Many2one `json:"partner_id"`
	ProductName String   `json:"product_name"`
	ProductCode String   `json:"product_code"`
	TemplateID  Many2one `json:"product_tmpl_id"`
	ProductID   Many2one `json:"product_id"`
	MinQty      float64  `json:"min_qty"`
	Price       float64  `json:"price"`
	CurrencyID  Many2one `json:"currency_id"`
	Delay       int64    `json:"delay"`
	DateStart   Date     `json:"date_start"`
	DateEnd     Date     `json:"date_end"`
	CompanyID   Many2one `json:"company_id"`
	Sequence    int64    `json:"sequence"`
}

func (SupplierInfo) Model() string                 { return "product.supplierinfo" }
func (s SupplierInfo) Fields(version int) []string { return fieldsOf(s, version) }
