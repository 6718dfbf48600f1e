package changefeed

import (
	"context"
	"errors"

	"github.com/riverqueue/river"

	"github.com/smartodoo/smartodoo/internal/queue"
)

// PollWorker runs the leader's once-a-minute poll over every watched model.
type PollWorker struct {
	river.WorkerDefaults[queue.PollChanges]
	Poller       *Poller
	ConnectionID int64
	Models       func() []string
}

func (w *PollWorker) Work(ctx context.Context, _ *river.Job[queue.PollChanges]) error {
	var errs []error
	for _, m := range w.Models() {
		if _, err := w.Poller.Poll(ctx, w.ConnectionID, m); err != nil {
			errs = append(errs, err) // one model failing must not starve the others
		}
	}
	return errors.Join(errs...)
}
