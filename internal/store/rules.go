package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"time"
	_ "time/tzdata" // schedules name IANA zones; do not depend on the host having tzdata installed

	"github.com/robfig/cron/v3"

	"github.com/smartodoo/smartodoo/internal/core"
)

const ruleCols = `automation, enabled, auto_apply_at, schedule, params, updated_at, updated_by`

func scanRule(row interface{ Scan(...any) error }) (core.Rule, error) {
	var r core.Rule
	var sched *core.Schedule
	err := row.Scan(&r.Automation, &r.Enabled, &r.AutoApplyAt, jsonCol{&sched}, rawCol{&r.Params},
		timeCol{&r.UpdatedAt}, &r.UpdatedBy)
	r.Schedule = sched
	return r, err
}

// GetRule returns an automation's rule; errors.Is(err, core.ErrNotFound) when none was stored,
// in which case the caller uses the automation's DefaultRule.
func (s *Store) GetRule(ctx context.Context, automation string) (core.Rule, error) {
	row := s.Reader.QueryRowContext(ctx, s.q(`SELECT `+ruleCols+` FROM automation_rules WHERE automation = ?`), automation)
	r, err := scanRule(row)
	if errors.Is(err, sql.ErrNoRows) {
		return core.Rule{}, notFound("no rule stored for automation %q", automation)
	}
	if err != nil {
		return core.Rule{}, classify("get rule "+automation, err)
	}
	return r, nil
}

// PutRule creates or replaces an automation's rule. UpdatedAt defaults to now.
func (s *Store) PutRule(ctx context.Context, r core.Rule) error {
	if strings.TrimSpace(r.Automation) == "" {
		return invalid("rule has no automation name")
	}
	if math.IsNaN(r.AutoApplyAt) || r.AutoApplyAt < 0 {
		return invalid("rule %s: auto_apply_at %v must be 0 (never) or a confidence in (0, 1]", r.Automation, r.AutoApplyAt)
	}
	if r.Schedule != nil {
		if err := validateSchedule(r.Schedule.Cron, r.Schedule.Timezone); err != nil {
			return invalid("rule %s: %s", r.Automation, core.MessageOf(err))
		}
	}
	sched, err := jsonArg(r.Schedule)
	if err != nil {
		return err
	}
	params, err := rawJSON(r.Params)
	if err != nil {
		return invalid("rule %s: params are not valid JSON", r.Automation)
	}
	_, err = s.Writer.ExecContext(ctx, s.q(`INSERT INTO automation_rules (`+ruleCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (automation) DO UPDATE SET enabled = excluded.enabled, auto_apply_at = excluded.auto_apply_at,
			schedule = excluded.schedule, params = excluded.params, updated_at = excluded.updated_at,
			updated_by = excluded.updated_by`),
		r.Automation, r.Enabled, r.AutoApplyAt, sched, params, s.ts(s.orNow(r.UpdatedAt)), r.UpdatedBy)
	return classify("put rule "+r.Automation, err)
}

// ListRules lists every stored rule by automation name.
func (s *Store) ListRules(ctx context.Context) ([]core.Rule, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT `+ruleCols+` FROM automation_rules ORDER BY automation`)
	if err != nil {
		return nil, classify("list rules", err)
	}
	return collect(rows, "list rules", scanRule)
}

// ScheduleRow is an automation's editable periodic schedule.
type ScheduleRow struct {
	Automation string    `json:"automation"`
	Cron       string    `json:"cron"`     // five fields, e.g. "0 7 * * 1-5"
	Timezone   string    `json:"timezone"` // IANA name; empty is stored as UTC
	Enabled    bool      `json:"enabled"`
	UpdatedAt  time.Time `json:"updated_at"`
}

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// validateSchedule rejects what the queue could not schedule, so a typo fails when it is
// saved rather than silently never running.
func validateSchedule(spec, tz string) error {
	if _, err := cronParser.Parse(spec); err != nil {
		return invalid("cron %q is not a five-field cron expression (minute hour day month weekday, e.g. \"0 7 * * 1-5\"): %v", spec, err)
	}
	if tz != "" {
		if _, err := time.LoadLocation(tz); err != nil {
			return invalid("timezone %q is not an IANA zone name (e.g. Europe/Brussels)", tz)
		}
	}
	return nil
}

const scheduleCols = `automation, cron, timezone, enabled, updated_at`

func scanSchedule(row interface{ Scan(...any) error }) (ScheduleRow, error) {
	var r ScheduleRow
	err := row.Scan(&r.Automation, &r.Cron, &r.Timezone, &r.Enabled, timeCol{&r.UpdatedAt})
	return r, err
}

// GetSchedule returns an automation's schedule; errors.Is(err, core.ErrNotFound) when none is stored.
func (s *Store) GetSchedule(ctx context.Context, automation string) (ScheduleRow, error) {
	row := s.Reader.QueryRowContext(ctx, s.q(`SELECT `+scheduleCols+` FROM schedules WHERE automation = ?`), automation)
	r, err := scanSchedule(row)
	if errors.Is(err, sql.ErrNoRows) {
		return ScheduleRow{}, notFound("no schedule stored for automation %q", automation)
	}
	if err != nil {
		return ScheduleRow{}, classify("get schedule "+automation, err)
	}
	return r, nil
}

// PutSchedule creates or replaces an automation's schedule after checking the cron and zone.
func (s *Store) PutSchedule(ctx context.Context, r ScheduleRow) error {
	if strings.TrimSpace(r.Automation) == "" {
		return invalid("schedule has no automation name")
	}
	if r.Timezone == "" {
		r.Timezone = "UTC"
	}
	if err := validateSchedule(r.Cron, r.Timezone); err != nil {
		return err
	}
	_, err := s.Writer.ExecContext(ctx, s.q(`INSERT INTO schedules (`+scheduleCols+`) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (automation) DO UPDATE SET cron = excluded.cron, timezone = excluded.timezone,
			enabled = excluded.enabled, updated_at = excluded.updated_at`),
		r.Automation, r.Cron, r.Timezone, r.Enabled, s.ts(s.orNow(r.UpdatedAt)))
	return classify("put schedule "+r.Automation, err)
}

// ListSchedules lists every stored schedule by automation name.
func (s *Store) ListSchedules(ctx context.Context) ([]ScheduleRow, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT `+scheduleCols+` FROM schedules ORDER BY automation`)
	if err != nil {
		return nil, classify("list schedules", err)
	}
	return collect(rows, "list schedules", scanSchedule)
}
