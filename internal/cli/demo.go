package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/apikey"
	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/changefeed"
	"github.com/smartodoo/smartodoo/internal/config"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

func (e *env) demoCmd() *cobra.Command {
	var addr, dir string
	var once bool
	var seed int64
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the whole product on a simulated Odoo with a seeded demo company",
		Long: "Starts the Odoo simulator in-process with the demo company, a fresh SQLite store in --dir,\n" +
			"connects, runs every automation once, prints a summary, then serves the API and dashboard\n" +
			"until Ctrl-C (or exits after the summary with --once).",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.demo(cmd.Context(), addr, dir, seed, once)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "where to serve the API and dashboard")
	cmd.Flags().StringVar(&dir, "dir", filepath.Join("data", "demo"), "directory of the demo's SQLite store (recreated on each run)")
	cmd.Flags().BoolVar(&once, "once", false, "exit after the summary")
	cmd.Flags().Int64Var(&seed, "seed", 42, "seed of the demo company")
	return cmd
}

func (e *env) demo(ctx context.Context, addr, dir string, seed int64, once bool) error {
	start := time.Now()
	sim, err := seeded.New(ctx, seeded.Options{Version: 18, Seed: seed, Size: company.SizeDemo})
	if err != nil {
		return err
	}
	defer sim.Close()
	simLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	simSrv := &http.Server{Handler: sim.Server.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go simSrv.Serve(simLn)
	defer simSrv.Close()
	fmt.Fprintf(e.stdout, "Odoo 18 simulator with the demo company (seed %d) on http://%s, ready in %s\n", seed, simLn.Addr(), time.Since(start).Round(time.Millisecond))

	cfg, err := e.demoConfig(addr, dir, "http://"+simLn.Addr().String(), sim.Server.DB())
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, app.Options{Logger: e.logger(cfg), Migrate: true, Work: true})
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (choose another with --addr): %w", cfg.HTTPAddr, err)
	}
	serveCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- a.Serve(serveCtx, ln) }()

	if inst, err := changefeed.Connect(ctx, a.Odoo, a.Store, a.Conn, "http://"+ln.Addr().String(), a.WatchedModels()); err != nil {
		fmt.Fprintf(e.stdout, "warning: could not install webhook rules in the simulator: %v\n", err)
	} else {
		fmt.Fprintf(e.stdout, "Connected: the simulator posts changes of %d model(s) to this server\n", len(inst.Rules))
	}
	if err := e.demoRunAll(ctx, a); err != nil {
		stop()
		<-done
		return err
	}
	key, _, err := apikey.Create(ctx, a.Store, "demo", core.RoleAdmin)
	if err != nil {
		stop()
		<-done
		return err
	}
	fmt.Fprintf(e.stdout, "\nDashboard: http://%s/   (sign in with Odoo login cfo / password cfo, or admin / admin)\n", ln.Addr())
	fmt.Fprintf(e.stdout, "API docs:  http://%s/docs   admin API key: %s\n", ln.Addr(), key)
	if once {
		stop()
		return <-done
	}
	fmt.Fprintln(e.stdout, "Serving until Ctrl-C.")
	return <-done
}

func (e *env) demoConfig(addr, dir, odooURL, db string) (config.Config, error) {
	cfg, err := e.load()
	if err != nil {
		return cfg, err
	}
	if err := os.RemoveAll(dir); err != nil {
		return cfg, fmt.Errorf("reset demo directory %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cfg, fmt.Errorf("create demo directory %s: %w", dir, err)
	}
	secret := make([]byte, 16)
	rand.Read(secret)
	cfg.HTTPAddr = addr
	cfg.DatabaseURL = filepath.Join(dir, "smartodoo.db")
	cfg.OdooURL, cfg.OdooDB, cfg.OdooUser, cfg.OdooAPIKey, cfg.OdooPassword = odooURL, db, "admin", "smartodoo-demo-key", ""
	cfg.WebhookSecret = hex.EncodeToString(secret)
	return cfg, nil
}

// demoRunAll runs every registered automation once and prints what each produced.
func (e *env) demoRunAll(ctx context.Context, a *app.App) error {
	var runs []core.Run
	for _, name := range a.Registry.Names() {
		if name == "ping" {
			continue // the self-test needs an event
		}
		r, err := a.Starter.Start(ctx, name, "manual:demo", "manual:demo", 0, 0)
		if err != nil {
			return err
		}
		runs = append(runs, r)
	}
	deadline := time.Now().Add(10 * time.Minute)
	for i := range runs {
		for {
			r, err := a.Store.GetRun(ctx, runs[i].ID)
			if err != nil {
				return err
			}
			runs[i] = r
			if r.Status == core.RunSucceeded || r.Status == core.RunFailed || time.Now().After(deadline) {
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nAUTOMATION\tSTATUS\tTOOK\tFINDINGS\tPROPOSALS\tAPPLIED\tSUMMARY")
	for _, r := range runs {
		took := "-"
		if r.StartedAt != nil && r.FinishedAt != nil {
			took = r.FinishedAt.Sub(*r.StartedAt).Round(time.Millisecond).String()
		}
		summary := r.Summary
		if r.Error != "" {
			summary = "error: " + r.Error
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n", r.Automation, r.Status, took, r.Findings, r.Proposals, r.Applied, summary)
	}
	return tw.Flush()
}
