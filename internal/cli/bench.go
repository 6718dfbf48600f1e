package cli

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/config"
	"github.com/smartodoo/smartodoo/internal/loadtest"
	"github.com/smartodoo/smartodoo/internal/pullbench"
)

func (e *env) benchCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "bench", Short: "Measure throughput and latency on this machine"}
	var n, conc int
	ingest := &cobra.Command{
		Use:   "ingest",
		Short: "Send signed webhooks to an in-process server over loopback; report events/s and latency, then check every event was stored once",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := e.load()
			if err != nil {
				return err
			}
			if cfg.DatabaseURL == "" {
				dir, err := os.MkdirTemp("", "smartodoo-bench-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				cfg.DatabaseURL = filepath.Join(dir, "bench.db")
			}
			if cfg.IsPostgres() {
				dsn, drop, err := scratchSchema(cmd.Context(), cfg.DatabaseURL)
				if err != nil {
					return err
				}
				defer drop()
				cfg.DatabaseURL = dsn
			}
			cfg.WebhookSecret = "bench-secret-0123456789abcdef"
			return e.benchIngest(cmd.Context(), cfg, n, conc)
		},
	}
	ingest.Flags().IntVar(&n, "events", 20000, "number of webhooks to send")
	ingest.Flags().IntVar(&conc, "concurrency", 32, "concurrent senders")
	cmd.AddCommand(ingest, pullbench.Command())
	return cmd
}

func (e *env) benchIngest(ctx context.Context, cfg config.Config, n, conc int) error {
	a, err := app.New(ctx, cfg, app.Options{Logger: e.logger(cfg), Migrate: true})
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	res, err := loadtest.Run(ctx, loadtest.Options{
		URL: "http://" + ln.Addr().String() + "/api/webhooks/odoo", Secret: []byte(cfg.WebhookSecret),
		Events: n, Concurrency: conc, FirstID: 1,
	})
	cancel()
	if serr := <-done; err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	stored, err := a.Store.CountEvents(context.Background())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "store: %s\n%s\nstored events: %d (sent %d, acknowledged %d)\n", a.Store.Dialect, res, stored, n, res.OK)
	if stored != int64(res.OK) || res.OK != n {
		return fmt.Errorf("stored %d events but %d were acknowledged out of %d sent", stored, res.OK, n)
	}
	return nil
}

// scratchSchema creates a schema of its own for a benchmark on PostgreSQL, so the count of
// stored events is exact and nothing is left behind.
func scratchSchema(ctx context.Context, dsn string) (string, func(), error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create scratch schema: %w", err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		db.Close()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), func() {
		db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		db.Close()
	}, nil
}
