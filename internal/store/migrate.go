package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/smartodoo/smartodoo/internal/core"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// versionTable is goose's bookkeeping table, named so it cannot collide with River's river_* tables.
const versionTable = "smartodoo_schema_version"

// migrationLockID is the PostgreSQL advisory lock held while migrating, so two processes
// started with --migrate at once apply each migration once. ("smartodoo" as ASCII bytes.)
const migrationLockID = 0x736d6172746f646f

func (s *Store) migrator() (*goose.Provider, error) {
	dir := "migrations/" + string(s.Dialect)
	fsys, err := fs.Sub(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("open embedded migrations %s: %w", dir, err)
	}
	opts := []goose.ProviderOption{
		goose.WithTableName(versionTable),
		goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(s.log),
	}
	dialect := goose.DialectSQLite3
	if s.Dialect == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID))
		if err != nil {
			return nil, fmt.Errorf("create migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	// Never call Close on the provider: it would close s.Writer.
	p, err := goose.NewProvider(dialect, s.Writer, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("load %s migrations: %w", s.Dialect, err)
	}
	return p, nil
}

// Migrate applies every pending migration, each in its own transaction.
func (s *Store) Migrate(ctx context.Context) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	p, err := s.migrator()
	if err != nil {
		return err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return classify(fmt.Sprintf("migrate %s schema", s.Dialect), err)
	}
	for _, r := range results {
		s.log.Info("migration applied", "dialect", s.Dialect, "version", r.Source.Version,
			"file", r.Source.Path, "duration", r.Duration)
	}
	return nil
}

// MigrationStatus reports the schema version the database is at and the latest this binary knows.
func (s *Store) MigrationStatus(ctx context.Context) (current, latest int64, err error) {
	if err := s.checkOpen(); err != nil {
		return 0, 0, err
	}
	p, err := s.migrator()
	if err != nil {
		return 0, 0, err
	}
	current, latest, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, classify("read schema version", err)
	}
	return current, latest, nil
}

// CheckSchema refuses to run against a schema that is not exactly the one this binary was
// built for; the error tells the operator what to run. errors.Is(err, ErrOutOfDate) holds.
func (s *Store) CheckSchema(ctx context.Context) error {
	current, latest, err := s.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	switch {
	case current < latest:
		return &core.Error{
			Code: core.CodeUnavailable,
			Message: fmt.Sprintf("the database schema is at version %d but this binary needs %d: "+
				"run `smartodoo migrate up` (or start with --migrate)", current, latest),
			Err: ErrOutOfDate,
		}
	case current > latest:
		return &core.Error{
			Code: core.CodeUnavailable,
			Message: fmt.Sprintf("the database schema is at version %d, newer than this binary (%d): "+
				"upgrade smartodoo to the version that migrated it", current, latest),
			Err: ErrOutOfDate,
		}
	}
	return nil
}

// MigrateDown rolls back the most recent migration (`smartodoo migrate down`). It destroys
// the data in what it drops: meant for development, not for a production rollback.
func (s *Store) MigrateDown(ctx context.Context) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	p, err := s.migrator()
	if err != nil {
		return err
	}
	r, err := p.Down(ctx)
	if err != nil {
		return classify(fmt.Sprintf("roll back %s schema", s.Dialect), err)
	}
	s.log.Warn("migration rolled back", "dialect", s.Dialect, "version", r.Source.Version, "file", r.Source.Path)
	return nil
}
