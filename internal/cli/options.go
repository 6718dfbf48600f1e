package cli

import (
	"context"
	"log/slog"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/config"
)

// appOptions builds the parts of the app that depend on the Odoo connection and the
// automations.
func (e *env) appOptions(_ context.Context, _ config.Config, log *slog.Logger) (app.Options, error) {
	return app.Options{Logger: log}, nil
}
