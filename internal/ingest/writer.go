package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync"

	"github.com/riverqueue/river"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Writer persists events durably with group commit: requests that arrive while a transaction
// is committing wait and go together into the next one. Each caller returns only after its
// events and their routing jobs are committed, so a 2xx always means "stored".
type Writer struct {
	store    *store.Store
	queue    *queue.Queue
	logger   *slog.Logger
	maxBatch int

	in       chan *pending
	stop     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

type pending struct {
	events []core.Event
	result chan error
}

// NewWriter starts the writer's committers; Close stops them after draining. SQLite has one
// writer connection, so one committer; on PostgreSQL several transactions commit at once, so
// their fsyncs overlap instead of queueing behind each other.
func NewWriter(st *store.Store, q *queue.Queue, logger *slog.Logger) *Writer {
	committers := 1
	if st.Dialect == store.Postgres {
		committers = 4
	}
	w := &Writer{
		store: st, queue: q, logger: logger, maxBatch: 512,
		in: make(chan *pending, 4096), stop: make(chan struct{}), done: make(chan struct{}),
	}
	var wg sync.WaitGroup
	for range committers {
		wg.Add(1)
		go func() { defer wg.Done(); w.loop() }()
	}
	go func() { wg.Wait(); close(w.done) }()
	return w
}

// Write stores events (setting their IDs); it returns when they are committed.
func (w *Writer) Write(ctx context.Context, events []core.Event) error {
	p := &pending{events: events, result: make(chan error, 1)}
	select {
	case w.in <- p:
	case <-w.stop:
		return core.Errorf(core.CodeUnavailable, "shutting down: send the webhook again to another instance or later")
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued the batch will be committed or failed; wait for it even if the client
	// went away, so "stored" and "answered" never disagree in the other direction.
	return <-p.result
}

// Close stops accepting, commits what is queued and waits.
func (w *Writer) Close() {
	w.stopOnce.Do(func() { close(w.stop) })
	<-w.done
}

func (w *Writer) loop() {
	for {
		select {
		case p := <-w.in:
			w.commit(w.collect(p))
		case <-w.stop:
			for {
				select {
				case p := <-w.in:
					w.commit(w.collect(p))
				default:
					return
				}
			}
		}
	}
}

// collect takes p and whatever else is already waiting, up to maxBatch events.
func (w *Writer) collect(p *pending) []*pending {
	batch, n := []*pending{p}, len(p.events)
	for n < w.maxBatch {
		select {
		case q := <-w.in:
			batch = append(batch, q)
			n += len(q.events)
		default:
			return batch
		}
	}
	return batch
}

func (w *Writer) commit(batch []*pending) {
	var all []*core.Event
	for _, p := range batch {
		for i := range p.events {
			all = append(all, &p.events[i])
		}
	}
	err := w.store.InTx(context.Background(), func(tx *sql.Tx) error {
		inserted, err := w.store.InsertEventsTx(context.Background(), tx, all)
		if err != nil {
			return fmt.Errorf("store %d events: %w", len(all), err)
		}
		var routed []int64
		for i, ok := range inserted {
			if ok {
				routed = append(routed, all[i].ID)
			}
		}
		if len(routed) == 0 {
			return nil // every post folded into an event already stored and routed
		}
		return w.queue.InsertTx(context.Background(), tx, []river.InsertManyParams{{Args: queue.RouteEvents{EventIDs: routed}}})
	})
	if err != nil {
		w.logger.Error("event batch not stored", "requests", len(batch), "err", err)
		err = core.Errorf(core.CodeUnavailable, "could not store the event, send it again: %v", err)
	}
	for _, p := range batch {
		p.result <- err
	}
}
