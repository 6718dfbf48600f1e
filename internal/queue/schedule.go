package queue

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/smartodoo/smartodoo/internal/core"
)

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Compiled is a schedule ready to answer "when does it fire next".
type Compiled struct {
	spec     cron.Schedule
	loc      *time.Location
	edgeDays int
}

// Compile checks a schedule and says what is wrong with it in words a user can act on.
func Compile(s core.Schedule) (Compiled, error) {
	spec, err := cronParser.Parse(s.Cron)
	if err != nil {
		return Compiled{}, core.Errorf(core.CodeInvalid, "cron %q is not valid (five fields: minute hour day-of-month month day-of-week, e.g. \"0 6 * * *\"): %v", s.Cron, err)
	}
	tz := s.Timezone
	if tz == "" {
		tz = "UTC"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return Compiled{}, core.Errorf(core.CodeInvalid, "timezone %q is not an IANA timezone (e.g. Europe/Brussels)", s.Timezone)
	}
	if s.EdgeDays < 0 || s.EdgeDays > 15 {
		return Compiled{}, core.Errorf(core.CodeInvalid, "edge_days %d must be between 0 and 15", s.EdgeDays)
	}
	return Compiled{spec: spec, loc: loc, edgeDays: s.EdgeDays}, nil
}

// Next returns the first fire time strictly after t, in UTC.
func (c Compiled) Next(t time.Time) time.Time {
	next := t.In(c.loc)
	for range 400 { // a year of daily candidates is more than enough to find an edge day
		next = c.spec.Next(next)
		if next.IsZero() || c.onEdge(next) {
			return next.UTC()
		}
	}
	return time.Time{}
}

func (c Compiled) onEdge(t time.Time) bool {
	if c.edgeDays == 0 {
		return true
	}
	day := t.Day()
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, t.Location()).Day()
	return day <= c.edgeDays || day > last-c.edgeDays
}

// Due returns the fire times in (after, now], at most limit of them, oldest first.
// A scheduler that was down catches up on at most `limit` missed runs, not hundreds.
func (c Compiled) Due(after, now time.Time, limit int) []time.Time {
	var out []time.Time
	for t := c.Next(after); !t.IsZero() && !t.After(now); t = c.Next(t) {
		out = append(out, t)
		if len(out) > limit {
			out = out[1:]
		}
	}
	return out
}

// DefaultSchedules are the schedules a fresh installation starts with (issue: foundation).
func DefaultSchedules(tz string) map[string]core.Schedule {
	s := func(cron string, edge int) core.Schedule {
		return core.Schedule{Cron: cron, Timezone: tz, EdgeDays: edge, Enabled: true}
	}
	return map[string]core.Schedule{
		"forecast":       s("0 6 * * *", 0),
		"digest":         s("0 7 * * *", 0),
		"dedup":          s("0 2 * * 0", 0),
		"credit":         s("0 * * * *", 0),
		"reports":        s("0 * * * *", 0),
		"supplier_risk":  s("0 5 * * *", 0),
		"delivery_check": s("30 5 * * *", 0),
		"single_source":  s("0 3 * * 1", 0),
		"closing":        s("0 4 * * *", 5),
	}
}

// Describe renders a schedule for humans ("0 4 * * * Europe/Brussels, first/last 5 days").
func Describe(s core.Schedule) string {
	d := fmt.Sprintf("%s %s", s.Cron, s.Timezone)
	if s.EdgeDays > 0 {
		d += fmt.Sprintf(", first/last %d days of the month", s.EdgeDays)
	}
	return d
}
