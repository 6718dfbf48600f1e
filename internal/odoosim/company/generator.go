package company

import (
	"context"
	"time"
)

// generator holds what one run needs: options, the writer, the sequencer shared by both
// passes, the configuration ids and the small per-company tables (products, vendors).
type generator struct {
	ctx   context.Context
	opts  Options
	sc    scale
	w     *writer
	seq   *sequencer
	truth *Truth

	taxRate        int64 // percent
	products       []productInfo
	vendorProducts map[int][]int // vendor index -> product indexes it alone supplies

	// ids of the current pass
	companyID, companyPartnerID, currencyID, countryIDs int64
	country                                             map[string]int64
	acc, jrn, tax, user                                 map[string]int64
	tracked                                             map[int64]bool // accounts with a stored residual
	productIDs, templateIDs                             []int64
	customerIDs, vendorIDs                              []int64 // by index, for orders and leads
	bankAccountID                                       int64   // company res.partner.bank

	// close-period boundaries and the suspense account's running balance
	closeFrom time.Time
	balances  map[string]int64 // posted balance per clearing account role
	// credit exposure pieces: customer truth index by partner, [invoiced, limit] per
	// customer, uninvoiced confirmed sale orders per partner
	creditIdx      map[int64]int
	creditExposure [][2]int64
	uninvoiced     map[int64]int64
	rootUses       map[string]int // company names taken, per country (bounded by the name pools)
	suspenseMoves  []int64
}

type productInfo struct {
	name, code string
	listPrice  int64 // minor
	cost       int64
	service    bool
	vendor     int // vendor index, -1 for services
}

func newGenerator(ctx context.Context, opts Options, sink Sink) *generator {
	g := &generator{ctx: ctx, opts: opts, sc: scales[opts.Size], seq: newSequencer(), taxRate: 21}
	g.closeFrom = monthStart(opts.Today).AddDate(0, -1, 0)
	g.planProducts()
	return g
}

// planProducts draws the catalogue: services sold only, goods bought from exactly one
// vendor each (single source, for the supply-chain checks).
func (g *generator) planProducts() {
	r := stream(g.opts.Seed, "products", 0)
	g.vendorProducts = map[int][]int{}
	goodsVendors := max(1, g.sc.vendors-firstGoodsVendor)
	for i := range g.sc.products {
		p := productInfo{vendor: -1, service: i%4 == 0}
		p.listPrice = logUniformMinor(r, 8, 2500)
		p.cost = p.listPrice * int64(between(r, 45, 75)) / 100
		if p.service {
			p.name = pick(r, []string{"Consulting hour", "Installation", "Maintenance plan", "Training day", "Support pack"})
		} else {
			p.name = pick(r, brandWords) + " " + pick(r, []string{"Panel", "Cable", "Bracket", "Sensor", "Valve", "Pump", "Module", "Frame", "Filter", "Kit"})
			p.vendor = firstGoodsVendor + i%goodsVendors
			g.vendorProducts[p.vendor] = append(g.vendorProducts[p.vendor], i)
		}
		p.code = "P" + string(rune('A'+i%26)) + itoa(1000+i)
		g.products = append(g.products, p)
	}
}

// run emits the whole company once. Generate calls it twice: a counting pass against a
// discarding sink, then the real one.
func (g *generator) run(sink Sink) error {
	g.w = &writer{ctx: g.ctx, sink: sink, version: g.opts.Version, counts: map[string]int{}}
	if p, ok := sink.(Patcher); ok {
		g.w.patcher = p
	}
	if f, ok := sink.(Finder); ok {
		g.w.finder = f
	}
	g.truth = newTruth(g.opts)
	g.customerIDs, g.vendorIDs, g.balances, g.suspenseMoves = nil, nil, map[string]int64{}, nil
	g.creditIdx, g.creditExposure, g.uninvoiced = map[int64]int{}, nil, map[int64]int64{}
	g.rootUses = map[string]int{}
	steps := []func(){g.emitBase, g.emitCustomers, g.emitVendors, g.emitMisc, g.emitSales, g.emitFiller}
	for _, step := range steps {
		step()
		if g.w.err != nil {
			return g.w.err
		}
	}
	g.finishTruth()
	return nil
}

func newTruth(o Options) *Truth {
	return &Truth{Schema: 1, Seed: o.Seed, Size: o.Size, Version: o.Version, Today: o.Today.Format(time.DateOnly),
		Company: CompanyTruth{Accounts: map[string]int64{}, Journals: map[string]int64{}, Taxes: map[string]int64{}, Users: map[string]int64{}},
		Bank:    BankTruth{CaseCounts: map[string]int{}},
		Vendors: VendorTruth{SingleSource: map[string]int64{}},
		Anomaly: AnomalyTruth{ApprovalThreshold: approvalThreshold},
	}
}

// countingSink is the first pass's sink: it stores nothing and returns increasing ids.
type countingSink struct{ next int64 }

func (c *countingSink) Insert(string, map[string]any) (int64, error) {
	c.next++
	return c.next, nil
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
