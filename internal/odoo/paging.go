package odoo

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// PageOptions tunes FetchAll.
type PageOptions struct {
	PageSize    int            // records per search_read; default 500
	Concurrency int            // id ranges fetched at once; default the client's MaxConcurrency
	Context     map[string]any // extra Odoo context for every page
}

// FetchAll pulls every record of model matching domain, page by page, and hands each
// page to fn. It never uses offsets, which get slow and skip or repeat records when data
// changes underneath: it splits [min id, max id] into ranges and walks each range with
// "id > last" ordered by id, an explicit field list, and at most Concurrency ranges in
// flight (each call still goes through the client's rate limit and retries).
//
// fn is never called concurrently, but pages arrive in no particular order across
// ranges. The walk covers the ids that existed when it started: records created during it
// (above the largest id found) are left to the next incremental poll by write_date. Returning an error from fn stops the walk. T must have an id: a struct field
// tagged json:"id" or a map with an "id" key.
func FetchAll[T any](ctx context.Context, c *Client, model string, domain Domain, fields []string, opt PageOptions, fn func([]T) error) error {
	idOf, err := idGetter[T]()
	if err != nil {
		return fmt.Errorf("fetch %s: %w", model, err)
	}
	opt.PageSize = max(opt.PageSize, 0)
	if opt.PageSize == 0 {
		opt.PageSize = 500
	}
	if opt.Concurrency <= 0 {
		opt.Concurrency = c.cfg.MaxConcurrency
	}
	if !slices.Contains(fields, "id") {
		fields = append(slices.Clip(fields), "id")
	}
	lo, hi, found, err := idBounds(ctx, c, model, domain, opt.Context)
	if err != nil || !found {
		return err
	}
	w := &walker[T]{c: c, model: model, domain: domain, fields: fields, opt: opt, idOf: idOf, fn: fn}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.Concurrency)
	for _, r := range splitRange(lo, hi, opt.Concurrency*4, int64(opt.PageSize)) {
		g.Go(func() error { return w.walk(gctx, r[0], r[1]) })
	}
	return g.Wait()
}

// FetchAllRecords is FetchAll for a typed record, with the fields of the server's version.
func FetchAllRecords[T Record](ctx context.Context, c *Client, domain Domain, opt PageOptions, fn func([]T) error) error {
	var zero T
	v, err := c.Version(ctx)
	if err != nil {
		return err
	}
	return FetchAll(ctx, c, zero.Model(), domain, zero.Fields(v.Major), opt, fn)
}

type walker[T any] struct {
	c      *Client
	model  string
	domain Domain
	fields []string
	opt    PageOptions
	idOf   func(T) int64
	fn     func([]T) error
	mu     sync.Mutex // serialises fn
}

// walk pages through ids in (from-1, to] with id > last.
func (w *walker[T]) walk(ctx context.Context, from, to int64) error {
	last := from - 1
	for {
		var page []T
		d := And(w.domain, Cond("id", ">", last), Cond("id", "<=", to))
		err := w.c.SearchRead(ctx, w.model, d, w.fields, &page, Limit(w.opt.PageSize), Order("id"), CallContext(w.opt.Context))
		if err != nil {
			return fmt.Errorf("fetch %s ids %d-%d after %d: %w", w.model, from, to, last, err)
		}
		if len(page) == 0 {
			return nil
		}
		next := w.idOf(page[len(page)-1])
		if next <= last {
			return fmt.Errorf("fetch %s: ids did not increase (got %d after %d): is the order by id honoured?", w.model, next, last)
		}
		w.mu.Lock()
		err = w.fn(page)
		w.mu.Unlock()
		if err != nil {
			return err
		}
		if len(page) < w.opt.PageSize || next >= to {
			return nil
		}
		last = next
	}
}

// idBounds finds the smallest and largest id matching domain.
func idBounds(ctx context.Context, c *Client, model string, domain Domain, kv map[string]any) (lo, hi int64, found bool, err error) {
	first, err := c.Search(ctx, model, domain, Limit(1), Order("id asc"), CallContext(kv))
	if err != nil || len(first) == 0 {
		return 0, 0, false, err
	}
	lastIDs, err := c.Search(ctx, model, domain, Limit(1), Order("id desc"), CallContext(kv))
	if err != nil || len(lastIDs) == 0 {
		return 0, 0, false, err
	}
	return first[0], lastIDs[0], true, nil
}

// splitRange cuts [lo, hi] into at most n contiguous ranges, none narrower than minSpan
// ids, so small models are fetched in one range and large ones in parallel.
func splitRange(lo, hi int64, n int, minSpan int64) [][2]int64 {
	span := hi - lo + 1
	parts := int64(max(n, 1))
	if minSpan > 0 {
		parts = min(parts, max(1, span/minSpan))
	}
	step := (span + parts - 1) / parts
	var out [][2]int64
	for a := lo; a <= hi; a += step {
		out = append(out, [2]int64{a, min(a+step-1, hi)})
		if a > hi-step { // avoid overflow near MaxInt64
			break
		}
	}
	return out
}

// idGetter returns how to read the id of a T: a struct field tagged json:"id" (int64) or
// a map's "id" key.
func idGetter[T any]() (func(T) int64, error) {
	t := reflect.TypeFor[T]()
	switch {
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "id" && f.Type.Kind() == reflect.Int64 {
				idx := i
				return func(v T) int64 { return reflect.ValueOf(v).Field(idx).Int() }, nil
			}
		}
	case t == reflect.TypeFor[map[string]any]():
		return func(v T) int64 {
			f, _ := any(v).(map[string]any)["id"].(float64) // encoding/json reads numbers as float64
			return int64(f)
		}, nil
	}
	return nil, errors.New(t.String() + " has no int64 field tagged json:\"id\"")
}
