package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// Stock is simulated only as far as Smart Odoo looks at it: a confirmed sale creates a
// delivery, a confirmed purchase a receipt, and button_validate marks them done with their
// quantities, which feeds qty_delivered / qty_received (delivered-not-invoiced and
// received-not-billed checks). No quants, reservations or backorders.

var stockModels = map[string]map[string]odoosim.Field{
	"stock.location": {
		"name":          {Type: "char", String: "Location Name", Required: true, Store: true},
		"complete_name": {Type: "char", String: "Full Location Name", Store: true},
		"usage":         {Type: "selection", String: "Location Type", Required: true, Store: true, Selection: [][2]string{{"supplier", "Vendor Location"}, {"view", "View"}, {"internal", "Internal Location"}, {"customer", "Customer Location"}, {"inventory", "Inventory Loss"}, {"production", "Production"}, {"transit", "Transit Location"}}},
		"active":        {Type: "boolean", String: "Active", Store: true},
		"company_id":    {Type: "many2one", String: "Company", Relation: "res.company", Store: true},
	},
	"stock.picking.type": {
		"name":                     {Type: "char", String: "Operation Type", Required: true, Store: true},
		"code":                     {Type: "selection", String: "Type of Operation", Required: true, Store: true, Selection: [][2]string{{"incoming", "Receipt"}, {"outgoing", "Delivery"}, {"internal", "Internal Transfer"}}},
		"sequence_code":            {Type: "char", String: "Sequence Prefix", Required: true, Store: true},
		"default_location_src_id":  {Type: "many2one", String: "Default Source Location", Relation: "stock.location", Store: true},
		"default_location_dest_id": {Type: "many2one", String: "Default Destination Location", Relation: "stock.location", Store: true},
		"active":                   {Type: "boolean", String: "Active", Store: true},
		"company_id":               {Type: "many2one", String: "Company", Relation: "res.company", Store: true},
	},
}

// pickingType finds or creates the warehouse's receipt ("incoming") or delivery
// ("outgoing") operation type with its locations, like the default WH warehouse.
func pickingType(env *odoosim.Env, code string) (int64, error) {
	ids, err := env.Search("stock.picking.type", []any{leaf("code", "=", code)}, "id", 1)
	if err != nil {
		return 0, fmt.Errorf("find the %s operation type: %w", code, err)
	}
	if len(ids) > 0 {
		return ids[0], nil
	}
	q := quiet(env)
	loc := func(name, usage string) (int64, error) {
		found, err := env.Search("stock.location", []any{leaf("complete_name", "=", name)}, "id", 1)
		if err != nil || len(found) > 0 {
			return firstID(found), err
		}
		return q.Create("stock.location", map[string]any{"name": name, "complete_name": name, "usage": usage, "active": true})
	}
	stock, err := loc("WH/Stock", "internal")
	if err != nil {
		return 0, err
	}
	name, seq, partnerLoc, usage := "Delivery Orders", "OUT", "Partners/Customers", "customer"
	if code == "incoming" {
		name, seq, partnerLoc, usage = "Receipts", "IN", "Partners/Vendors", "supplier"
	}
	other, err := loc(partnerLoc, usage)
	if err != nil {
		return 0, err
	}
	src, dst := stock, other
	if code == "incoming" {
		src, dst = other, stock
	}
	return q.Create("stock.picking.type", map[string]any{"name": name, "code": code, "sequence_code": seq,
		"default_location_src_id": src, "default_location_dest_id": dst, "active": true})
}

func firstID(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// stockable tells whether a product moves through stock (goods, not services).
func stockable(env *odoosim.Env, product int64) bool {
	if product == 0 {
		return false
	}
	t := at(env, "product.template", at(env, "product.product", product).m2o("product_tmpl_id")).str("type")
	return t == "consu" || t == "product"
}

// orderLineMove is what a picking move is made from.
type orderLineMove struct {
	line    int64
	product int64
	qty     float64
	name    string
	link    string // the stock.move field holding line (backorders only)
}

// createPicking creates a picking of code with one move per line (none when no line
// moves goods), linked back through linkField on stock.move.
func createPicking(env *odoosim.Env, code, origin string, partner int64, moves []orderLineMove, linkField string) (int64, error) {
	if len(moves) == 0 {
		return 0, nil
	}
	pt, err := pickingType(env, code)
	if err != nil {
		return 0, err
	}
	t := at(env, "stock.picking.type", pt)
	src, dst := t.m2o("default_location_src_id"), t.m2o("default_location_dest_id")
	name, err := nextPickingName(env, t.str("sequence_code"))
	if err != nil {
		return 0, err
	}
	q := quiet(env)
	picking, err := q.Create("stock.picking", map[string]any{"name": name, "picking_type_id": pt, "location_id": src,
		"location_dest_id": dst, "origin": origin, "partner_id": partner, "state": "assigned", "move_type": "direct",
		"scheduled_date": env.Now().Format("2006-01-02 15:04:05")})
	if err != nil {
		return 0, fmt.Errorf("create picking %s: %w", name, err)
	}
	for _, m := range moves {
		uom := at(env, "product.template", at(env, "product.product", m.product).m2o("product_tmpl_id")).m2o("uom_id")
		vals := map[string]any{"picking_id": picking, "product_id": m.product,
			"product_uom_qty": m.qty, "quantity": m.qty, "product_uom": uom, "location_id": src, "location_dest_id": dst,
			"state": "assigned", "date": env.Now().Format("2006-01-02 15:04:05"), linkField: m.line, "procure_method": "make_to_stock"}
		if env.Version() < 19 {
			vals["name"] = m.name // 19 dropped stock.move.name
		}
		if _, err := q.Create("stock.move", vals); err != nil {
			return 0, fmt.Errorf("create move of %s: %w", name, err)
		}
	}
	return picking, nil
}

func nextPickingName(env *odoosim.Env, seq string) (string, error) {
	name, err := nextOrderName(env, "stock.picking", "WH/"+seq+"/", 5)
	if err != nil {
		return "", err
	}
	return name, nil
}

// createDelivery is sale_stock's _action_confirm: one outgoing picking for the goods.
func createDelivery(env *odoosim.Env, order int64) error {
	o := at(env, "sale.order", order)
	lines, err := env.Search("sale.order.line", []any{leaf("order_id", "=", order)}, "id", 0)
	if err != nil {
		return err
	}
	var moves []orderLineMove
	for _, l := range lines {
		r := at(env, "sale.order.line", l)
		if r.str("display_type") == "" && stockable(env, r.m2o("product_id")) && r.f64("product_uom_qty") > 0 {
			moves = append(moves, orderLineMove{line: l, product: r.m2o("product_id"), qty: r.f64("product_uom_qty"), name: r.str("name")})
			if err := quiet(env).Write("sale.order.line", []int64{l}, map[string]any{"qty_delivered_method": "stock_move"}); err != nil {
				return err
			}
		}
	}
	picking, err := createPicking(env, "outgoing", o.str("name"), o.m2o("partner_shipping_id"), moves, "sale_line_id")
	if err != nil || picking == 0 {
		return err
	}
	return quiet(env).Write("stock.picking", []int64{picking}, map[string]any{"sale_id": order})
}

// doneQuantity sums the done quantities of moves going in the given direction
// ("outgoing" counts moves to customers, "incoming" moves from vendors); returns subtract.
func doneQuantity(env *odoosim.Env, moves []int64, direction string) float64 {
	total := 0.0
	for _, m := range moves {
		r := at(env, "stock.move", m)
		if r.str("state") != "done" {
			continue
		}
		dst := at(env, "stock.location", r.m2o("location_dest_id")).str("usage")
		src := at(env, "stock.location", r.m2o("location_id")).str("usage")
		switch {
		case direction == "outgoing" && dst == "customer", direction == "incoming" && src == "supplier":
			total += r.f64("quantity")
		case direction == "outgoing" && src == "customer", direction == "incoming" && dst == "supplier":
			total -= r.f64("quantity")
		}
	}
	return total
}
