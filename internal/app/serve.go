package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Handler is the full HTTP surface: API, docs, metrics and the dashboard.
func (a *App) Handler() http.Handler { return a.API.Handler() }

// Serve starts the job workers and, when ln is not nil, the HTTP server; it blocks until ctx
// ends, then shuts down gracefully: stop accepting requests, let in-flight ones finish,
// commit queued events, then give running jobs until the grace period to finish (after
// which they are cancelled and handed back to the queue).
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	if err := a.Queue.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	var srv *http.Server
	errc := make(chan error, 1)
	if ln != nil {
		srv = &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
		go func() { errc <- srv.Serve(ln) }()
		a.Logger.Info("listening", "addr", ln.Addr().String())
	}
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	return errors.Join(serveErr, a.shutdown(srv))
}

func (a *App) shutdown(srv *http.Server) error {
	grace := a.Config.ShutdownGrace
	if grace <= 0 {
		grace = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	var errs []error
	if srv != nil {
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("stop HTTP server: %w", err))
		}
	}
	a.Writer.Close()
	if err := a.Queue.Stop(ctx); err != nil {
		errs = append(errs, err)
	}
	a.Logger.Info("stopped")
	return errors.Join(errs...)
}
