// Package app wires Smart Odoo together by hand, in one place: configuration → store, queue,
// Odoo client, automations, approval, ingest and the HTTP API. No container, no globals.
package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/approval"
	"github.com/smartodoo/smartodoo/internal/automation"
	"github.com/smartodoo/smartodoo/internal/changefeed"
	"github.com/smartodoo/smartodoo/internal/config"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/featureapi"
	"github.com/smartodoo/smartodoo/internal/ingest"
	"github.com/smartodoo/smartodoo/internal/live"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Version is set at build time (-ldflags "-X …app.Version=v1.2.3").
var Version = "dev"

// Options are what the caller supplies besides the configuration.
type Options struct {
	Logger *slog.Logger
	Clock  func() time.Time
	// Migrate applies pending migrations at start instead of refusing to run.
	Migrate bool
	// Work makes this process execute jobs (serve and worker do; CLI tools don't).
	Work bool
	// Automations to register; the built-in ping is always there.
	Automations []core.Automation
	// OdooClient is the Odoo connection; nil = built from the configuration (or none).
	OdooClient *odoo.Client
	// Odoo overrides what applies proposals (tests); nil = OdooClient.
	Odoo approval.Odoo
	// Ready adds readiness checks (e.g. "odoo:main").
	Ready map[string]func(context.Context) error
}

// App is a running Smart Odoo process.
type App struct {
	Config   config.Config
	Logger   *slog.Logger
	Clock    func() time.Time
	Store    *store.Store
	Queue    *queue.Queue
	Odoo     *odoo.Client      // nil when no Odoo is configured
	Conn     *store.Connection // the configured Odoo's connection row (nil without Odoo)
	Registry *automation.Registry
	Runner   *automation.Runner
	Starter  *automation.Starter
	Approval *approval.Service
	Hub      *live.Hub
	Writer   *ingest.Writer
	API      *api.Server
}

// New opens the store, checks or applies migrations, and builds every service.
func New(ctx context.Context, cfg config.Config, opts Options) (*App, error) {
	a := &App{Config: cfg, Logger: cmp.Or(opts.Logger, slog.New(slog.DiscardHandler)), Clock: opts.Clock}
	if a.Clock == nil {
		a.Clock = time.Now
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, store.Options{Logger: a.Logger, Synchronous: cfg.SQLiteSync, Clock: a.Clock})
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	a.Store = st
	if err := a.prepareSchema(ctx, opts.Migrate); err != nil {
		st.Close()
		return nil, err
	}
	if err := a.build(ctx, opts); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) prepareSchema(ctx context.Context, migrate bool) error {
	if migrate {
		return MigrateAll(ctx, a.Store)
	}
	if err := a.Store.CheckSchema(ctx); err != nil {
		return err
	}
	cur, latest, err := queue.MigrationStatus(ctx, a.Store)
	if err != nil {
		return fmt.Errorf("check job queue schema: %w", err)
	}
	if cur < latest {
		return core.Errorf(core.CodeInvalid, "the job queue tables are at version %d but this binary needs %d: run `smartodoo migrate up` (or start with --migrate)", cur, latest)
	}
	return nil
}

// MigrateAll applies the store's and River's migrations.
func MigrateAll(ctx context.Context, st *store.Store) error {
	if err := st.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate store: %w", err)
	}
	return queue.Migrate(ctx, st)
}

func (a *App) build(ctx context.Context, opts Options) error {
	if err := a.connectOdoo(ctx, &opts); err != nil {
		return err
	}
	a.Hub = live.NewHub(a.Clock)
	a.Registry = automation.NewRegistry()
	builtin := append([]core.Automation{automation.Ping{}}, a.automations(ctx)...)
	for _, au := range append(builtin, opts.Automations...) {
		if err := a.Registry.Register(au); err != nil {
			return err
		}
	}
	a.Approval = &approval.Service{
		Store: a.Store, Odoo: opts.Odoo, Publisher: a.Hub, Clock: a.Clock, Logger: a.Logger, Transient: TransientOdoo,
	}
	a.Approval.Learn = a.learn
	var company func(context.Context) (int64, error)
	if a.Odoo != nil {
		company = a.defaultCompany()
	}
	a.Runner = &automation.Runner{Registry: a.Registry, Store: a.Store, Approver: a.Approval, Publisher: a.Hub, Clock: a.Clock, Logger: a.Logger, DefaultCompany: company}
	var workers *river.Workers
	if opts.Work {
		workers = river.NewWorkers()
	}
	q, err := queue.New(ctx, a.Store, queue.Options{
		Workers: workers, MaxWorkers: a.Config.Workers, Logger: a.Logger.With("component", "river"),
		Periodic: a.periodic(opts.Work),
	})
	if err != nil {
		return err
	}
	a.Queue = q
	a.Approval.Queue = q
	a.Starter = &automation.Starter{Runner: a.Runner, Jobs: q}
	a.Writer = ingest.NewWriter(a.Store, q, a.Logger)
	if workers != nil {
		a.addWorkers(workers)
	}
	dash, err := a.newWeb()
	if err != nil {
		return fmt.Errorf("build the dashboard: %w", err)
	}
	a.API = api.New(api.Deps{
		Store: a.Store, Queue: q, Runner: a.Runner, Starter: a.Starter, Approval: a.Approval, Writer: a.Writer,
		Verifier: &ingest.Verifier{Secret: []byte(a.Config.WebhookSecret), MaxAge: a.Config.WebhookMaxAge, Clock: a.Clock},
		Ready:    a.readyChecks(opts.Ready), Clock: a.Clock, Logger: a.Logger, Version: Version, Timezone: a.Config.Timezone,
		Sessions: dash.Principal,
	})
	fd := featureapi.Deps{Registry: a.Registry, Runner: a.Runner, Approval: a.Approval, Store: a.Store}
	if a.Odoo != nil {
		fd.Odoo = a.Odoo
	}
	featureapi.Mount(a.API, fd)
	a.mountWeb(dash)
	return nil
}

// learn hands a decided proposal to the automation that made it, when that one learns.
func (a *App) learn(ctx context.Context, p core.Proposal) {
	au, err := a.Registry.Get(p.Automation)
	if err != nil {
		return
	}
	if l, ok := au.(core.Learner); ok {
		if err := l.Decided(ctx, p); err != nil {
			a.Logger.Warn("automation could not learn from a decision", "automation", p.Automation, "proposal", p.ID, "err", err)
		}
	}
}

// connectOdoo settles which Odoo client the app uses and adds its readiness check.
func (a *App) connectOdoo(ctx context.Context, opts *Options) error {
	a.Odoo = opts.OdooClient
	if a.Odoo == nil {
		c, err := NewOdooClient(a.Config, a.Logger)
		if err != nil {
			return err
		}
		a.Odoo = c
	}
	if a.Odoo == nil {
		return nil
	}
	if opts.Odoo == nil {
		opts.Odoo = a.Odoo
	}
	conn, err := a.ensureConnection(ctx)
	if err != nil {
		return err
	}
	a.Conn = conn
	if opts.Ready == nil {
		opts.Ready = map[string]func(context.Context) error{}
	}
	opts.Ready["odoo"] = odooReady(a.Odoo)
	return nil
}

func (a *App) addWorkers(w *river.Workers) {
	river.AddWorker(w, &automation.RunWorker{Runner: a.Runner})
	river.AddWorker(w, &automation.RouteWorker{Starter: a.Starter})
	river.AddWorker(w, &automation.ScheduleWorker{Starter: a.Starter, Timezone: a.Config.Timezone, Recover: a.Approval.Recover})
	river.AddWorker(w, &approval.ApplyWorker{Service: a.Approval})
	if a.Odoo != nil {
		poller := &changefeed.Poller{Odoo: a.Odoo, Store: a.Store, Writer: a.Writer, Clock: a.Clock}
		river.AddWorker(w, &changefeed.PollWorker{Poller: poller, ConnectionID: a.Conn.ID, Models: a.WatchedModels})
	}
}

// periodic is the leader's once-a-minute scheduler tick; schedules live in the store so an
// edit through the API takes effect at the next minute on whichever process leads.
func (a *App) periodic(work bool) []*river.PeriodicJob {
	if !work {
		return nil
	}
	jobs := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return queue.SchedulerTick{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "scheduler_tick"}),
	}
	if a.Odoo != nil {
		jobs = append(jobs, river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return queue.PollChanges{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "poll_changes"}))
	}
	return jobs
}

func (a *App) readyChecks(extra map[string]func(context.Context) error) map[string]func(context.Context) error {
	checks := map[string]func(context.Context) error{
		"store": a.Store.Ping,
		"queue": func(ctx context.Context) error {
			cur, latest, err := queue.MigrationStatus(ctx, a.Store)
			if err == nil && cur < latest {
				err = errors.New("job queue schema out of date")
			}
			return err
		},
	}
	for k, v := range extra {
		checks[k] = v
	}
	return checks
}

// Close releases what New opened. Call Stop first when the app was started.
func (a *App) Close() error {
	if a.Writer != nil {
		a.Writer.Close()
	}
	if a.Odoo != nil {
		a.Odoo.Close()
	}
	return a.Store.Close()
}
