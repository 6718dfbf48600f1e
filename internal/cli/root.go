// Package cli holds the smartodoo subcommands. Each command loads the configuration, builds
// what it needs through internal/app and prints results a person (or, with --json, a script)
// can act on. Errors print one clear line and exit 1.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/config"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// env holds what every command shares: flags that override configuration, and the I/O.
type env struct {
	environ    []string
	configPath string
	dbURL      string
	logLevel   string
	stdout     io.Writer
	stderr     io.Writer
	app        *app.App     // opened on demand by feature commands; closed when Main returns
	store      *store.Store // opened on demand when only the store is needed
}

// Main runs the CLI and returns the process exit code.
func Main(args, environ []string) int {
	e := &env{environ: environ, stdout: os.Stdout, stderr: os.Stderr}
	root := e.root()
	root.SetArgs(args)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	defer func() {
		if e.app != nil {
			e.app.Close()
		}
		if e.store != nil {
			e.store.Close()
		}
	}()
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(e.stderr, "error:", describe(err))
		return 1
	}
	return 0
}

func (e *env) root() *cobra.Command {
	root := &cobra.Command{
		Use:           "smartodoo",
		Short:         "Smart Odoo: automations beside Odoo, with approvals and an audit trail of every write",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	pf := root.PersistentFlags()
	pf.StringVar(&e.configPath, "config", "", "configuration file of SMARTODOO_NAME=value lines (or SMARTODOO_CONFIG)")
	pf.StringVar(&e.dbURL, "database-url", "", "overrides SMARTODOO_DATABASE_URL")
	pf.StringVar(&e.logLevel, "log-level", "", "overrides SMARTODOO_LOG_LEVEL")
	root.AddCommand(e.serveCmd(), e.workerCmd(), e.migrateCmd(), e.apikeyCmd(), e.signoutCmd(), e.configCmd(), e.versionCmd(), e.benchCmd(), e.odoosimCmd(), e.demoCmd(), e.odooCmd())
	root.AddCommand(e.featureCmds()...)
	return root
}

// load reads the configuration and applies the global flags.
func (e *env) load() (config.Config, error) {
	cfg, err := config.Load(e.configPath, e.environ)
	if err != nil {
		return cfg, err
	}
	if e.dbURL != "" {
		cfg.DatabaseURL = e.dbURL
	}
	if e.logLevel != "" {
		cfg.LogLevel = e.logLevel
	}
	return cfg, nil
}

// loadValid is load plus validation: a command that would run with a broken setting refuses.
func (e *env) loadValid() (config.Config, error) {
	cfg, err := e.load()
	if err != nil {
		return cfg, err
	}
	if p := cfg.Problems(); len(p) > 0 {
		return cfg, fmt.Errorf("configuration problems (run `smartodoo config check`):\n  - %s", strings.Join(p, "\n  - "))
	}
	return cfg, nil
}

func (e *env) logger(cfg config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// describe turns an error into the one line a user sees.
func describe(err error) string {
	if errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	if m := core.MessageOf(err); m != "" && core.CodeOf(err) != core.CodeInternal {
		return m
	}
	return err.Error()
}
