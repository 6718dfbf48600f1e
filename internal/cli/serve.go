package cli

import (
	"fmt"
	"net"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/config"
)

func (e *env) serveCmd() *cobra.Command {
	var addr string
	var migrate bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the API, the dashboard, the job workers and the scheduler in one process",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := e.loadValid()
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("addr") {
				cfg.HTTPAddr = addr
			}
			return e.run(cmd, cfg, migrate, true)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address (SMARTODOO_HTTP_ADDR)")
	cmd.Flags().BoolVar(&migrate, "migrate", false, "apply pending database migrations before starting")
	return cmd
}

func (e *env) workerCmd() *cobra.Command {
	var migrate bool
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Run job workers only (scale out: several workers share one PostgreSQL)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := e.loadValid()
			if err != nil {
				return err
			}
			return e.run(cmd, cfg, migrate, false)
		},
	}
	cmd.Flags().BoolVar(&migrate, "migrate", false, "apply pending database migrations before starting")
	return cmd
}

// run builds the app and serves until SIGINT/SIGTERM.
func (e *env) run(cmd *cobra.Command, cfg config.Config, migrate, listen bool) error {
	ctx := cmd.Context()
	log := e.logger(cfg)
	opts, err := e.appOptions(ctx, cfg, log)
	if err != nil {
		return err
	}
	opts.Migrate, opts.Work = migrate, true
	a, err := app.New(ctx, cfg, opts)
	if err != nil {
		return err
	}
	defer a.Close()
	var ln net.Listener
	if listen {
		ln, err = net.Listen("tcp", cfg.HTTPAddr)
		if err != nil {
			return fmt.Errorf("listen on %s (set --addr or SMARTODOO_HTTP_ADDR): %w", cfg.HTTPAddr, err)
		}
		fmt.Fprintf(e.stdout, "Smart Odoo %s serving on http://%s (API docs at /docs)\n", app.Version, ln.Addr())
	}
	return a.Serve(ctx, ln)
}
