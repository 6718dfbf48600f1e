package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

func (e *env) odoosimCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "odoosim", Short: "The Odoo-compatible simulator, usable by anyone's integration tests"}
	var port, version int
	var seed int64
	var size, truth, host, today string
	var empty bool
	serve := &cobra.Command{
		Use:   "serve",
		Short: "Serve a simulated Odoo (JSON-2, JSON-RPC, XML-RPC) with a seeded company",
		Example: "  smartodoo odoosim serve --port 8069 --version 18 --seed 42 --size demo --truth truth.json\n" +
			"  # then: database smartodoo_demo, login admin / password admin, API key smartodoo-demo-key",
		RunE: func(cmd *cobra.Command, _ []string) error {
			sz := company.Size(size)
			if sz != company.SizeSmall && sz != company.SizeDemo && sz != company.SizeLarge {
				return fmt.Errorf("--size %q must be small, demo or large", size)
			}
			if version < 17 || version > 19 {
				return fmt.Errorf("--version %d must be 17, 18 or 19", version)
			}
			var day time.Time
			if today != "" {
				var err error
				if day, err = time.Parse(time.DateOnly, today); err != nil {
					return fmt.Errorf("--today %q must be a date like 2026-11-24", today)
				}
			}
			start := time.Now()
			sim, err := seeded.New(cmd.Context(), seeded.Options{Version: version, Seed: seed, Size: sz, Empty: empty, Today: day})
			if err != nil {
				return err
			}
			defer sim.Close()
			if truth != "" && sim.Truth != nil {
				if err := writeTruth(truth, sim.Truth); err != nil {
					return err
				}
			}
			ln, err := net.Listen("tcp", net.JoinHostPort(host, fmt.Sprint(port)))
			if err != nil {
				return fmt.Errorf("listen on port %d (choose another with --port): %w", port, err)
			}
			if sim.Truth != nil {
				fmt.Fprintln(e.stdout, sim.Truth.Summary())
			}
			fmt.Fprintf(e.stdout, "Odoo %d simulator ready in %s on http://%s\n  database %s, login admin, password admin, API key smartodoo-demo-key\n",
				version, time.Since(start).Round(time.Millisecond), ln.Addr(), sim.Server.DB())
			return serveUntilDone(cmd.Context(), ln, sim.Server.Handler())
		},
	}
	f := serve.Flags()
	f.IntVar(&port, "port", 8069, "port to listen on")
	f.StringVar(&host, "host", "127.0.0.1", "address to listen on")
	f.IntVar(&version, "version", 18, "Odoo major version to behave like: 17, 18 or 19")
	f.Int64Var(&seed, "seed", 42, "seed of the generated company (same seed, same company)")
	f.StringVar(&size, "size", "demo", "company size: small, demo or large (1M partners, 2M journal items)")
	f.StringVar(&truth, "truth", "", "write the ground truth (duplicates, bank matches, anomalies, …) to this JSON file")
	f.StringVar(&today, "today", "", "the company's today, YYYY-MM-DD (default: the current date)")
	f.BoolVar(&empty, "empty", false, "no generated company: users, currency and the main company only")
	cmd.AddCommand(serve)
	return cmd
}

func writeTruth(path string, t *company.Truth) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write truth file: %w", err)
	}
	if err := t.WriteJSON(f); err != nil {
		f.Close()
		return fmt.Errorf("write truth file %s: %w", path, err)
	}
	return f.Close()
}

// serveUntilDone serves h on ln until ctx ends, then shuts down gracefully.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}
