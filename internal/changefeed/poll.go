package changefeed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/store"
)

// EventWriter stores events durably (the ingest writer).
type EventWriter interface {
	Write(ctx context.Context, events []core.Event) error
}

// Poller pulls records changed since a persisted (write_date, id) watermark per model.
type Poller struct {
	Odoo   *odoo.Client
	Store  *store.Store
	Writer EventWriter
	Clock  func() time.Time
	Page   int // records per page, default 500
}

type changed struct {
	ID        int64       `json:"id"`
	WriteDate odoo.String `json:"write_date"`
}

// Poll emits one event per record changed after the watermark of (conn, model), in
// (write_date, id) order, and advances the watermark after each stored page. Odoo's
// write_date has one-second resolution, so the page query uses write_date >= the watermark
// and skips ids already seen at that same second.
func (p *Poller) Poll(ctx context.Context, connID int64, model string) (int, error) {
	wm, err := p.Store.GetWatermark(ctx, connID, model)
	if err != nil {
		return 0, fmt.Errorf("read watermark of %s: %w", model, err)
	}
	if wm.WriteDate == "" {
		return 0, p.start(ctx, connID, model)
	}
	total := 0
	for {
		recs, err := p.page(ctx, model, wm)
		if err != nil {
			return total, err
		}
		events := p.events(connID, model, wm, recs)
		if len(events) > 0 {
			if err := p.Writer.Write(ctx, events); err != nil {
				return total, fmt.Errorf("store polled changes of %s: %w", model, err)
			}
			total += len(events)
		}
		if len(recs) == 0 {
			return total, nil
		}
		last := recs[len(recs)-1]
		next := store.Watermark{WriteDate: string(last.WriteDate), ID: last.ID}
		if next == wm {
			return total, nil
		}
		wm = next
		if err := p.Store.PutWatermark(ctx, connID, model, wm); err != nil {
			return total, fmt.Errorf("save watermark of %s: %w", model, err)
		}
		if len(recs) < p.pageSize() {
			return total, nil
		}
	}
}

// start sets a new model's watermark at its newest record: polling catches changes made
// from now on, it does not replay the whole history as events.
func (p *Poller) start(ctx context.Context, connID int64, model string) error {
	var recs []changed
	err := p.Odoo.SearchRead(ctx, model, nil, []string{"id", "write_date"}, &recs,
		odoo.Order("write_date desc, id desc"), odoo.Limit(1), odoo.CallContext(map[string]any{"active_test": false}))
	if err != nil {
		return fmt.Errorf("find where to start polling %s: %w", model, err)
	}
	wm := store.Watermark{WriteDate: "1970-01-01 00:00:00"}
	if len(recs) == 1 {
		wm = store.Watermark{WriteDate: string(recs[0].WriteDate), ID: recs[0].ID}
	}
	if err := p.Store.PutWatermark(ctx, connID, model, wm); err != nil {
		return fmt.Errorf("save watermark of %s: %w", model, err)
	}
	return nil
}

func (p *Poller) pageSize() int {
	if p.Page > 0 {
		return p.Page
	}
	return 500
}

func (p *Poller) page(ctx context.Context, model string, wm store.Watermark) ([]changed, error) {
	var dom odoo.Domain
	if wm.WriteDate != "" {
		// (write_date, id) > (wm.WriteDate, wm.ID)
		dom = odoo.Or(odoo.Cond("write_date", ">", wm.WriteDate),
			odoo.And(odoo.Cond("write_date", "=", wm.WriteDate), odoo.Cond("id", ">", wm.ID)))
	}
	var recs []changed
	err := p.Odoo.SearchRead(ctx, model, dom, []string{"id", "write_date"}, &recs,
		odoo.Order("write_date asc, id asc"), odoo.Limit(p.pageSize()), odoo.CallContext(map[string]any{"active_test": false}))
	if err != nil {
		return nil, fmt.Errorf("poll %s for changes: %w", model, err)
	}
	return recs, nil
}

func (p *Poller) events(connID int64, model string, wm store.Watermark, recs []changed) []core.Event {
	now := p.Clock()
	out := make([]core.Event, 0, len(recs))
	for _, r := range recs {
		payload, _ := json.Marshal(map[string]any{"id": r.ID, "write_date": string(r.WriteDate)})
		e := core.Event{
			ConnectionID: connID, Source: core.SourcePoller, Model: model, RecordID: r.ID, Action: "write",
			WriteDate: string(r.WriteDate), Payload: payload, ReceivedAt: now,
		}
		e.CoalesceKey = core.CoalesceKeyFor(connID, model, r.ID, "write", e.WriteDate)
		out = append(out, e)
	}
	return out
}
