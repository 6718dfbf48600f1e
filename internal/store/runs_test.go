package store_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

func TestRunLifecycle(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		r := core.Run{Automation: "closing", Trigger: "manual:apikey:1"}
		must(t, s.CreateRun(ctx, &r))
		if r.ID == 0 || r.Status != core.RunQueued || r.CreatedAt.IsZero() {
			t.Fatalf("created: %+v", r)
		}
		// Progress is only for running runs.
		wantCode(t, s.UpdateRunProgress(ctx, r.ID, 1, 10), core.CodeConflict)
		started := c.Now().Add(time.Second)
		must(t, s.StartRun(ctx, r.ID, started))
		must(t, s.StartRun(ctx, r.ID, started)) // a retried job may start it again
		must(t, s.UpdateRunProgress(ctx, r.ID, 4, 10))
		wantCode(t, s.UpdateRunProgress(ctx, r.ID, -1, 10), core.CodeInvalid)
		got, err := s.GetRun(ctx, r.ID)
		must(t, err)
		if got.Status != core.RunRunning || got.ProgressDone != 4 || got.ProgressTotal != 10 {
			t.Fatalf("running: %+v", got)
		}
		finished := started.Add(time.Minute)
		out := store.RunResult{Findings: 3, Proposals: 2, Applied: 1, Metrics: map[string]float64{"readiness": 0.75},
			Summary: "3 blockers", Tokens: core.TokenUsage{Input: 1200, Output: 300}}
		wantCode(t, s.FinishRun(ctx, r.ID, core.RunRunning, out, finished), core.CodeInvalid)
		must(t, s.FinishRun(ctx, r.ID, core.RunSucceeded, out, finished))
		got, err = s.GetRun(ctx, r.ID)
		must(t, err)
		if got.Status != core.RunSucceeded || got.Findings != 3 || got.Proposals != 2 || got.Applied != 1 ||
			got.Metrics["readiness"] != 0.75 || got.Summary != "3 blockers" || got.Tokens.Input != 1200 ||
			got.Tokens.Output != 300 || got.FinishedAt == nil || !got.FinishedAt.Equal(finished) ||
			got.Trigger != "manual:apikey:1" {
			t.Fatalf("finished: %+v", got)
		}
		// A run finishes once; a finished run cannot restart.
		wantCode(t, s.FinishRun(ctx, r.ID, core.RunFailed, store.RunResult{Error: "late"}, finished), core.CodeConflict)
		wantCode(t, s.StartRun(ctx, r.ID, finished), core.CodeConflict)
		for _, err := range []error{
			s.StartRun(ctx, 999999, finished),
			s.FinishRun(ctx, 999999, core.RunFailed, store.RunResult{}, finished),
			s.UpdateRunProgress(ctx, 999999, 1, 1),
		} {
			if !errors.Is(err, core.ErrNotFound) {
				t.Fatalf("missing run: got %v, want ErrNotFound", err)
			}
		}
		_, err = s.GetRun(ctx, 999999)
		wantCode(t, err, core.CodeNotFound)
		wantCode(t, s.CreateRun(ctx, &core.Run{}), core.CodeInvalid)

		// Findings and the finish commit together: a conflict on the finish stores no finding.
		late := []core.Finding{{RunID: r.ID, Automation: "closing", Kind: "late", Severity: core.SeverityInfo, Title: "late"}}
		err = s.InTx(ctx, func(tx *sql.Tx) error {
			if err := s.InsertFindingsTx(ctx, tx, late); err != nil {
				return err
			}
			return s.FinishRunTx(ctx, tx, r.ID, core.RunSucceeded, store.RunResult{Findings: 1}, finished)
		})
		wantCode(t, err, core.CodeConflict)
		if fs, _ := s.ListFindings(ctx, store.FindingFilter{Kind: "late"}); len(fs) != 0 {
			t.Fatalf("findings of a rolled-back finish were kept: %+v", fs)
		}
		r3 := core.Run{Automation: "closing"}
		must(t, s.CreateRun(ctx, &r3))
		must(t, s.InTx(ctx, func(tx *sql.Tx) error {
			if err := s.InsertFindingsTx(ctx, tx, late); err != nil {
				return err
			}
			return s.FinishRunTx(ctx, tx, r3.ID, core.RunSucceeded, store.RunResult{Findings: 1}, finished)
		}))
		if fs, _ := s.ListFindings(ctx, store.FindingFilter{Kind: "late"}); len(fs) != 1 {
			t.Fatalf("findings committed with the finish: %d, want 1", len(fs))
		}
	})
}

func TestRunsList(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		var all []int64
		for i := range 5 {
			r := core.Run{Automation: []string{"bankrec", "dedup"}[i%2]}
			must(t, s.CreateRun(ctx, &r))
			all = append(all, r.ID)
		}
		must(t, s.StartRun(ctx, all[2], c.Now()))
		rid := func(r core.Run) int64 { return r.ID }
		list := func(f store.RunFilter) []int64 {
			t.Helper()
			rs, err := s.ListRuns(ctx, f)
			must(t, err)
			return ids(rs, rid)
		}
		equalIDs(t, "all", list(store.RunFilter{}), []int64{all[4], all[3], all[2], all[1], all[0]})
		equalIDs(t, "automation", list(store.RunFilter{Automation: "dedup"}), []int64{all[3], all[1]})
		equalIDs(t, "status", list(store.RunFilter{Status: core.RunRunning}), []int64{all[2]})
		equalIDs(t, "page", list(store.RunFilter{Limit: 2, BeforeID: all[3]}), []int64{all[2], all[1]})
	})
}

func TestFindings(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		fs := []core.Finding{
			{RunID: 1, Automation: "closing", CompanyID: 1, Kind: "draft_entry", Severity: core.SeverityWarning,
				Title: "3 draft entries in March", Amount: &core.Money{Minor: -123456, Currency: "EUR"},
				Records: []core.RecordRef{{Model: "account.move", ID: 9, Name: "MISC/2026/03/0001"}},
				Data:    json.RawMessage(`{"count": 3}`)},
			{RunID: 1, Automation: "closing", CompanyID: 2, Kind: "unreconciled", Severity: core.SeverityCritical, Title: "Bank not reconciled"},
			{RunID: 2, Automation: "anomaly", CompanyID: 1, Kind: "benford_first_digit", Severity: core.SeverityInfo, Title: "Benford OK"},
		}
		must(t, s.InsertFindings(ctx, fs))
		for i, f := range fs {
			if f.ID == 0 || f.CreatedAt.IsZero() {
				t.Fatalf("finding %d not stamped: %+v", i, f)
			}
		}
		got, err := s.ListFindings(ctx, store.FindingFilter{Kind: "draft_entry"})
		must(t, err)
		if len(got) != 1 || got[0].Amount == nil || *got[0].Amount != *fs[0].Amount || got[0].Records[0].ID != 9 ||
			got[0].Title != fs[0].Title || !got[0].CreatedAt.Equal(fs[0].CreatedAt) {
			t.Fatalf("round trip: %+v", got)
		}
		sameJSON(t, got[0].Data, fs[0].Data)
		fid := func(f core.Finding) int64 { return f.ID }
		list := func(f store.FindingFilter) []int64 {
			t.Helper()
			out, err := s.ListFindings(ctx, f)
			must(t, err)
			return ids(out, fid)
		}
		equalIDs(t, "run", list(store.FindingFilter{RunID: 1}), []int64{fs[1].ID, fs[0].ID})
		equalIDs(t, "automation+company", list(store.FindingFilter{Automation: "closing", CompanyID: 2}), []int64{fs[1].ID})
		equalIDs(t, "severity", list(store.FindingFilter{Severity: core.SeverityInfo}), []int64{fs[2].ID})
		equalIDs(t, "page", list(store.FindingFilter{Limit: 1, BeforeID: fs[2].ID}), []int64{fs[1].ID})
		none, err := s.ListFindings(ctx, store.FindingFilter{Kind: "nothing"})
		must(t, err)
		if none == nil || len(none) != 0 {
			t.Fatalf("no match should be an empty slice, got %#v", none)
		}
		// One bad finding stores none of the batch.
		bad := []core.Finding{
			{Automation: "closing", Kind: "x", Severity: core.SeverityInfo, Title: "fine"},
			{Automation: "closing", Kind: "x", Severity: "fatal", Title: "bad severity"},
		}
		wantCode(t, s.InsertFindings(ctx, bad), core.CodeInvalid)
		all, err := s.ListFindings(ctx, store.FindingFilter{})
		must(t, err)
		if len(all) != 3 {
			t.Fatalf("a rejected batch left %d findings, want 3", len(all))
		}
	})
}
