package queue

import (
	"context"
	"fmt"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/smartodoo/smartodoo/internal/store"
)

// Migrate brings River's own tables (river_job, river_leader, …) up to date.
func Migrate(ctx context.Context, st *store.Store) error {
	var err error
	if st.Dialect == store.SQLite {
		err = migrateWith(ctx, riversqlite.New(st.Writer))
	} else {
		err = migrateWith(ctx, riverdatabasesql.New(st.Writer))
	}
	if err != nil {
		return fmt.Errorf("migrate job queue tables: %w", err)
	}
	return nil
}

func migrateWith[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// MigrationStatus reports River's applied and latest migration versions.
func MigrationStatus(ctx context.Context, st *store.Store) (current, latest int, err error) {
	if st.Dialect == store.SQLite {
		return statusWith(ctx, riversqlite.New(st.Writer))
	}
	return statusWith(ctx, riverdatabasesql.New(st.Writer))
}

func statusWith[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) (int, int, error) {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return 0, 0, err
	}
	all := m.AllVersions()
	latest := 0
	if len(all) > 0 {
		latest = all[len(all)-1].Version
	}
	existing, err := m.ExistingVersions(ctx)
	if err != nil {
		return 0, latest, nil // no river_migration table yet: nothing applied
	}
	current := 0
	if len(existing) > 0 {
		current = existing[len(existing)-1].Version
	}
	return current, latest, nil
}
