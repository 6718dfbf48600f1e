package company

import (
	"context"
	"fmt"
	"time"
)

// writer wraps the sink with a sticky error (like bufio.Writer): after the first failure
// every insert is skipped and the error is reported once by Generate. It also renames
// fields for the target Odoo version and checks the context now and then.
type writer struct {
	ctx     context.Context
	sink    Sink
	patcher Patcher
	finder  Finder
	version int
	err     error
	counts  map[string]int
	n       int
}

func (w *writer) insert(model string, vals map[string]any) int64 {
	if w.err != nil {
		return 0
	}
	if w.n++; w.n%4096 == 0 {
		if err := w.ctx.Err(); err != nil {
			w.err = fmt.Errorf("stopped after %d records: %w", w.n, err)
			return 0
		}
	}
	adaptVersion(w.version, model, vals)
	id, err := w.sink.Insert(model, vals)
	if err != nil {
		w.err = fmt.Errorf("insert %s record %d: %w", model, w.counts[model]+1, err)
		return 0
	}
	w.counts[model]++
	return id
}

func (w *writer) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// patch sets back-references when the sink supports it (see Patcher).
func (w *writer) patch(model string, id int64, vals map[string]any) {
	if w.err != nil || w.patcher == nil || id == 0 {
		return
	}
	if err := w.patcher.Patch(model, id, vals); err != nil {
		w.err = fmt.Errorf("patch %s %d: %w", model, id, err)
	}
}

// Field value helpers: the sink's raw stored representation.
func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

func stamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.DateTime)
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func money(minor int64) float64 { return float64(minor) / 100 }

// adaptVersion renames or drops the fields that differ from Odoo 18 (checked against the
// 17/19 fields_get: see doc.go).
func adaptVersion(version int, model string, vals map[string]any) {
	switch version {
	case 19:
		switch model {
		case "sale.order.line":
			rename(vals, "tax_id", "tax_ids")
		case "purchase.order.line":
			rename(vals, "taxes_id", "tax_ids")
			delete(vals, "state")
			delete(vals, "currency_id")
		case "purchase.order":
			if vals["state"] == "done" {
				vals["state"] = "purchase"
			}
		case "res.partner", "crm.lead":
			delete(vals, "mobile")
		case "stock.move":
			delete(vals, "name")
		case "account.account":
			delete(vals, "deprecated")
		}
	case 17:
		switch model {
		case "product.template":
			if vals["is_storable"] == true {
				vals["type"] = "product"
			}
			vals["detailed_type"] = vals["type"]
			delete(vals, "is_storable")
		case "account.payment": // 17 has no in_process state and calls the memo ref
			vals["state"] = "posted"
			rename(vals, "memo", "ref")
		case "account.move": // 18 renamed to_check (inverted) to checked
			if c, ok := vals["checked"].(bool); ok {
				vals["to_check"] = !c
				delete(vals, "checked")
			}
		case "account.account":
			rename(vals, "code_store", "code")
			if ids, ok := vals["company_ids"].([]int64); ok && len(ids) > 0 {
				vals["company_id"] = ids[0]
			}
			delete(vals, "company_ids")
		}
	}
}

func rename(vals map[string]any, from, to string) {
	if v, ok := vals[from]; ok {
		vals[to] = v
		delete(vals, from)
	}
}
