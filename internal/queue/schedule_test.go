package queue

import (
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestScheduleNextInTimezone(t *testing.T) {
	c, err := Compile(core.Schedule{Cron: "0 6 * * *", Timezone: "Europe/Brussels"})
	if err != nil {
		t.Fatal(err)
	}
	// 06:00 Brussels in winter is 05:00 UTC.
	got := c.Next(mustTime(t, "2026-11-24T12:00:00Z"))
	if want := mustTime(t, "2026-11-25T05:00:00Z"); !got.Equal(want) {
		t.Fatalf("next = %v, want %v", got, want)
	}
}

func TestScheduleEdgeDays(t *testing.T) {
	c, err := Compile(core.Schedule{Cron: "0 4 * * *", Timezone: "UTC", EdgeDays: 5})
	if err != nil {
		t.Fatal(err)
	}
	// From Nov 6 the next fire is Nov 26 (the last 5 days of a 30-day month are 26..30).
	got := c.Next(mustTime(t, "2026-11-06T05:00:00Z"))
	if want := mustTime(t, "2026-11-26T04:00:00Z"); !got.Equal(want) {
		t.Fatalf("next = %v, want %v", got, want)
	}
	// After Nov 30 comes Dec 1, then ... Dec 5, then Dec 27.
	got = c.Next(mustTime(t, "2026-12-05T05:00:00Z"))
	if want := mustTime(t, "2026-12-27T04:00:00Z"); !got.Equal(want) {
		t.Fatalf("next = %v, want %v", got, want)
	}
}

func TestScheduleDueCatchesUpBounded(t *testing.T) {
	c, _ := Compile(core.Schedule{Cron: "0 * * * *", Timezone: "UTC"})
	due := c.Due(mustTime(t, "2026-11-24T00:30:00Z"), mustTime(t, "2026-11-24T10:10:00Z"), 3)
	if len(due) != 3 || !due[2].Equal(mustTime(t, "2026-11-24T10:00:00Z")) {
		t.Fatalf("due = %v", due)
	}
}

func TestCompileRejectsBadInput(t *testing.T) {
	for _, s := range []core.Schedule{
		{Cron: "every day", Timezone: "UTC"},
		{Cron: "0 6 * * *", Timezone: "Moon/Base"},
		{Cron: "0 6 * * *", EdgeDays: 40},
	} {
		if _, err := Compile(s); err == nil || core.CodeOf(err) != core.CodeInvalid {
			t.Errorf("Compile(%+v) = %v, want an invalid error", s, err)
		}
	}
	for name, s := range DefaultSchedules("Europe/Brussels") {
		if _, err := Compile(s); err != nil {
			t.Errorf("default schedule %s: %v", name, err)
		}
	}
}
