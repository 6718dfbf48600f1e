package company

import (
	"context"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Size selects how big the generated company is.
type Size string

const (
	SizeSmall Size = "small" // tests: ~70 partners, ~310 invoices
	SizeDemo  Size = "demo"  // demo: ~660 partners, ~3,500-4,000 invoices, ~3,700 bank lines
	SizeLarge Size = "large" // scale: 1,000,000 partners, >= 2,000,000 journal items, streamed
)

// Options say which company to generate. Same Seed, Size, Version and Today give the same
// records and the same truth, byte for byte.
type Options struct {
	Seed    int64
	Size    Size
	Version int       // Odoo major version 17, 18 or 19: some field names differ
	Today   time.Time // the company's "now"; every date is relative to it
}

// Sink receives records. The simulator's (*odoosim.Server).Insert satisfies it: a raw insert
// of stored field values that runs no business logic, so the generator writes the stored
// computed fields (amounts, residuals, states) itself, consistently.
type Sink interface {
	Insert(model string, vals map[string]any) (int64, error)
}

// Patcher is optionally implemented by a sink that can set stored values on a record it
// already holds. The generator uses it only for back-references Odoo stores on both sides
// (account.move.statement_line_id, the "P<id>" matching_number of partially reconciled
// lines); without it those two fields stay empty and everything else is identical.
type Patcher interface {
	Patch(model string, id int64, vals map[string]any) error
}

// Finder is optionally implemented by a sink that already holds reference data, such as a
// simulator seeded with currencies, countries and a main company (*odoosim.Env has these
// two methods). The generator then reuses the EUR currency and the countries found by code,
// and takes over the first res.company instead of creating a second company.
type Finder interface {
	Search(model string, domain []any, order string, limit int) ([]int64, error)
	Get(model string, id int64, field string) any
}

// Generate builds the company into sink and returns the ground truth.
func Generate(ctx context.Context, opts Options, sink Sink) (*Truth, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	g := newGenerator(ctx, opts, sink)
	if err := g.run(&countingSink{}); err != nil {
		return nil, fmt.Errorf("count %s company documents (seed %d): %w", opts.Size, opts.Seed, err)
	}
	g.seq.finish(map[string]bool{"S": true, "P": true, "WH/IN": true, "WH/OUT": true})
	if err := g.run(sink); err != nil {
		return nil, fmt.Errorf("generate %s company (seed %d): %w", opts.Size, opts.Seed, err)
	}
	g.truth.Counts = g.w.counts
	return g.truth, nil
}

func (o *Options) validate() error {
	if _, ok := scales[o.Size]; !ok {
		return core.Errorf(core.CodeInvalid, "unknown company size %q: use small, demo or large", o.Size)
	}
	if o.Version == 0 {
		o.Version = 18
	}
	if o.Version < 17 || o.Version > 19 {
		return core.Errorf(core.CodeInvalid, "unsupported Odoo version %d: use 17, 18 or 19", o.Version)
	}
	if o.Today.IsZero() {
		return core.Errorf(core.CodeInvalid, "Options.Today is required: every generated date is relative to it")
	}
	y, m, d := o.Today.UTC().Date()
	o.Today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return nil
}

// scale holds the per-size volumes. Rates are per customer (or vendor) per month.
type scale struct {
	customers, vendors, products int
	totalPartners                int     // large: contacts with no business fill up to this count
	invoiceRate                  float64 // invoices per customer per month
	poRate                       float64 // purchase orders per goods vendor per month
	contactP, dupP, hardNegP     float64 // child contacts, duplicate clusters, look-alike companies
	orders, leads                int
	anomalyScale                 int // multiplies the planted anomaly counts
}

var scales = map[Size]scale{
	SizeSmall: {customers: 26, vendors: 8, products: 12, invoiceRate: 0.70, poRate: 1.05,
		contactP: 0.45, dupP: 0.14, hardNegP: 0.1, orders: 20, leads: 15, anomalyScale: 1},
	SizeDemo: {customers: 270, vendors: 40, products: 40, invoiceRate: 0.73, poRate: 0.75,
		contactP: 0.5, dupP: 0.1, hardNegP: 0.06, orders: 200, leads: 120, anomalyScale: 3},
	SizeLarge: {customers: 150_000, vendors: 3_000, products: 400, totalPartners: 1_000_000,
		invoiceRate: 0.13, poRate: 0.45, contactP: 0.5, dupP: 0.02, hardNegP: 0.01,
		orders: 20_000, leads: 20_000, anomalyScale: 20},
}

// months of history generated before Today.
const historyMonths = 18
