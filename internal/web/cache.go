package web

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
)

// errNoOdoo is shown where a view needs Odoo and none is connected.
var errNoOdoo = core.Errorf(core.CodeUnavailable, "no Odoo is connected: set SMARTODOO_ODOO_URL to see live figures")

// FinanceFigures are the CFO overview's numbers read from Odoo.
type FinanceFigures struct {
	Bank       []BankBalance
	Receivable []Bucket
	Payable    []Bucket
	ReadAt     time.Time
}

// odooCache keeps the last answer of each Odoo read for ttl. One read at a time per key:
// concurrent page loads wait for the read in flight instead of starting their own.
type odooCache struct {
	c     *odoo.Client
	ttl   time.Duration
	clock func() time.Time

	mu      sync.Mutex
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	mu  sync.Mutex
	at  time.Time
	val any
}

func newOdooCache(c *odoo.Client, ttl time.Duration, clock func() time.Time) *odooCache {
	return &odooCache{c: c, ttl: ttl, clock: clock, entries: map[string]*cacheEntry{}}
}

func (oc *odooCache) get(ctx context.Context, key string, load func(context.Context, *odoo.Client) (any, error)) (any, error) {
	if oc.c == nil {
		return nil, errNoOdoo
	}
	v, err := oc.memo(ctx, key, func(ctx context.Context) (any, error) { return load(ctx, oc.c) })
	if err != nil {
		return nil, &core.Error{Code: core.CodeUnavailable, Message: "Odoo did not answer the dashboard's read; figures will show when it does", Err: err}
	}
	return v, nil
}

// memo keeps load's answer for ttl; errors are not kept, so the next request tries again.
func (oc *odooCache) memo(ctx context.Context, key string, load func(context.Context) (any, error)) (any, error) {
	oc.mu.Lock()
	e := oc.entries[key]
	if e == nil {
		e = &cacheEntry{}
		oc.entries[key] = e
	}
	oc.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	now := oc.clock()
	if e.val != nil && now.Sub(e.at) < oc.ttl {
		return e.val, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	v, err := load(ctx)
	if err != nil {
		return nil, err
	}
	e.val, e.at = v, now
	return v, nil
}

func (oc *odooCache) currency(ctx context.Context) (Currency, error) {
	v, err := oc.get(ctx, "currency", func(ctx context.Context, c *odoo.Client) (any, error) { return fetchCurrency(ctx, c) })
	if err != nil {
		if errors.Is(err, errNoOdoo) {
			return defaultCurrency, nil
		}
		return Currency{}, err
	}
	return v.(Currency), nil
}

func (oc *odooCache) finance(ctx context.Context, cur Currency) (FinanceFigures, error) {
	v, err := oc.get(ctx, "finance", func(ctx context.Context, c *odoo.Client) (any, error) {
		today := dayOf(oc.clock())
		// Three independent reads: in parallel, so a cold overview waits for the slowest only.
		var bank []BankBalance
		var ar, ap []openDoc
		errs := make([]error, 3)
		var wg sync.WaitGroup
		wg.Add(3)
		go func() { defer wg.Done(); bank, errs[0] = fetchBankBalances(ctx, c, cur.Decimals) }()
		go func() { defer wg.Done(); ar, errs[1] = fetchOpen(ctx, c, []string{"out_invoice", "out_refund"}) }()
		go func() { defer wg.Done(); ap, errs[2] = fetchOpen(ctx, c, []string{"in_invoice", "in_refund"}) }()
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		return FinanceFigures{Bank: bank, Receivable: agingBuckets(ar, today, cur.Decimals),
			Payable: payablesDue(ap, today, cur.Decimals), ReadAt: oc.clock()}, nil
	})
	if err != nil {
		return FinanceFigures{}, err
	}
	return v.(FinanceFigures), nil
}

func (oc *odooCache) pickings(ctx context.Context) ([]Picking, error) {
	v, err := oc.get(ctx, "pickings", func(ctx context.Context, c *odoo.Client) (any, error) {
		return fetchPickings(ctx, c, oc.clock())
	})
	if err != nil {
		return nil, err
	}
	return v.([]Picking), nil
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
