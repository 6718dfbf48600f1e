package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

func (e *env) migrateCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "migrate", Short: "Apply or inspect database migrations"}
	cmd.AddCommand(&cobra.Command{
		Use:   "up",
		Short: "Apply every pending migration (store and job queue)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.openStore(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := app.MigrateAll(cmd.Context(), st); err != nil {
				return err
			}
			return e.printStatus(cmd, st)
		},
	}, &cobra.Command{
		Use:   "status",
		Short: "Show applied and latest migration versions",
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.openStore(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			return e.printStatus(cmd, st)
		},
	})
	return cmd
}

func (e *env) openStore(cmd *cobra.Command) (*store.Store, error) {
	cfg, err := e.load()
	if err != nil {
		return nil, err
	}
	return store.Open(cmd.Context(), cfg.DatabaseURL, store.Options{Logger: e.logger(cfg), Synchronous: cfg.SQLiteSync})
}

// openMigratedStore is openStore for commands that read or write rows: it refuses an
// out-of-date schema with the message saying to run `smartodoo migrate up`.
func (e *env) openMigratedStore(cmd *cobra.Command) (*store.Store, error) {
	st, err := e.openStore(cmd)
	if err != nil {
		return nil, err
	}
	if err := st.CheckSchema(cmd.Context()); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func (e *env) printStatus(cmd *cobra.Command, st *store.Store) error {
	cur, latest, err := st.MigrationStatus(cmd.Context())
	if err != nil {
		return err
	}
	qcur, qlatest, err := queue.MigrationStatus(cmd.Context(), st)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database: %s (%s)\n", st.Dialect, redactDSN(st.DSN))
	fmt.Fprintf(e.stdout, "store schema:     version %d of %d%s\n", cur, latest, pendingNote(int(cur), int(latest)))
	fmt.Fprintf(e.stdout, "job queue schema: version %d of %d%s\n", qcur, qlatest, pendingNote(qcur, qlatest))
	return nil
}

func pendingNote(cur, latest int) string {
	if cur < latest {
		return "  ← pending: run `smartodoo migrate up`"
	}
	return "  (up to date)"
}
