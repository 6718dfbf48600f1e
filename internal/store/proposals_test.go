package store_test

import (
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

func proposal(key string, conf float64) *core.Proposal {
	return &core.Proposal{
		RunID: 1, Automation: "bankrec", CompanyID: 1, Kind: "bank_reconcile", Title: "Reconcile line 41 with INV/2026/0007",
		Rationale: "same amount and reference", Confidence: conf, DedupKey: key,
		Calls: []core.Call{{Model: "account.bank.statement.line", Method: "reconcile", Args: []any{[]any{41.0}},
			Kwargs: map[string]any{"move_line_ids": []any{7.0, 8.0}}}},
		Expect:   []core.Expectation{{Model: "account.move", ID: 7, Values: map[string]any{"amount_residual": 121.0, "state": "posted"}}},
		Evidence: json.RawMessage(`{"score": 0.97, "ref": "INV/2026/0007"}`),
		Records:  []core.RecordRef{{Model: "account.move", ID: 7, Name: "INV/2026/0007"}},
		Roles:    []core.Role{core.RoleCFO},
	}
}

func TestProposalsRoundTripAndDedup(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		p := proposal("bankrec:41", 0.97)
		created, err := s.InsertProposal(ctx, p)
		must(t, err)
		if !created || p.ID == 0 || p.Status != core.ProposalPending {
			t.Fatalf("insert: created=%v id=%d status=%s", created, p.ID, p.Status)
		}
		got, err := s.GetProposal(ctx, p.ID)
		must(t, err)
		if got.Title != p.Title || got.Confidence != 0.97 || got.DedupKey != "bankrec:41" || got.CompanyID != 1 ||
			len(got.Calls) != 1 || got.Calls[0].Method != "reconcile" || got.Calls[0].Kwargs["move_line_ids"].([]any)[1] != 8.0 ||
			got.Expect[0].Values["amount_residual"] != 121.0 || got.Records[0].Name != "INV/2026/0007" ||
			got.Roles[0] != core.RoleCFO || got.Decision != nil || got.DecidedAt != nil || !got.CreatedAt.Equal(p.CreatedAt) {
			t.Fatalf("round trip lost data: %+v", got)
		}
		sameJSON(t, got.Evidence, p.Evidence)

		// Same key while pending: nothing new, the existing one is reported.
		dup := proposal("bankrec:41", 0.5)
		created, err = s.InsertProposal(ctx, dup)
		must(t, err)
		if created || dup.ID != p.ID || dup.Status != core.ProposalPending {
			t.Fatalf("duplicate of pending: created=%v id=%d (want %d) status=%s", created, dup.ID, p.ID, dup.Status)
		}
		// Rejected keys stay blocked.
		_, err = s.TransitionProposal(ctx, p.ID, []core.ProposalStatus{core.ProposalPending}, core.ProposalRejected,
			func(p *core.Proposal) {
				p.Decision = &core.Decision{Approve: false, Actor: "apikey:3", Reason: "wrong invoice"}
			})
		must(t, err)
		dup = proposal("bankrec:41", 0.99)
		created, err = s.InsertProposal(ctx, dup)
		must(t, err)
		if created || dup.ID != p.ID || dup.Status != core.ProposalRejected {
			t.Fatalf("duplicate of rejected: created=%v id=%d status=%s", created, dup.ID, dup.Status)
		}
		// Conflict, failed and applied free the key.
		for _, end := range []core.ProposalStatus{core.ProposalConflict, core.ProposalFailed, core.ProposalApplied} {
			key := "k-" + string(end)
			first := proposal(key, 0.9)
			_, err := s.InsertProposal(ctx, first)
			must(t, err)
			_, err = s.TransitionProposal(ctx, first.ID, []core.ProposalStatus{core.ProposalPending}, end, nil)
			must(t, err)
			again := proposal(key, 0.9)
			created, err := s.InsertProposal(ctx, again)
			must(t, err)
			if !created || again.ID == first.ID {
				t.Fatalf("key ended %s: created=%v, want a new proposal", end, created)
			}
		}
		// No dedup key: never deduplicated.
		a, b := proposal("", 0.9), proposal("", 0.9)
		for _, x := range []*core.Proposal{a, b} {
			created, err := s.InsertProposal(ctx, x)
			must(t, err)
			if !created {
				t.Fatal("proposal without a dedup key was deduplicated")
			}
		}
		_, err = s.GetProposal(ctx, 999999)
		if !errors.Is(err, core.ErrNotFound) {
			t.Fatalf("GetProposal(missing): %v", err)
		}
	})
}

func TestProposalsValidate(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		mutations := map[string]func(*core.Proposal){
			"no automation":   func(p *core.Proposal) { p.Automation = "" },
			"no kind":         func(p *core.Proposal) { p.Kind = " " },
			"no title":        func(p *core.Proposal) { p.Title = "" },
			"no calls":        func(p *core.Proposal) { p.Calls = nil },
			"call w/o method": func(p *core.Proposal) { p.Calls[0].Method = "" },
			"confidence > 1":  func(p *core.Proposal) { p.Confidence = 1.5 },
			"bad evidence":    func(p *core.Proposal) { p.Evidence = json.RawMessage("{") },
		}
		for name, mut := range mutations {
			p := proposal("v", 0.5)
			mut(p)
			if _, err := s.InsertProposal(ctx, p); !errors.Is(err, core.ErrInvalid) {
				t.Fatalf("%s: got %v, want ErrInvalid", name, err)
			}
		}
		ps, err := s.ListProposals(ctx, store.ProposalFilter{})
		must(t, err)
		if len(ps) != 0 {
			t.Fatalf("invalid proposals were stored: %d", len(ps))
		}
	})
}

func TestProposalsInsertConcurrently(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		const n = 20
		var created atomic.Int32
		var wg sync.WaitGroup
		idsSeen := make(chan int64, n)
		for range n {
			wg.Go(func() {
				p := proposal("dedup:1-2", 0.8)
				ok, err := s.InsertProposal(ctx, p)
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					created.Add(1)
				}
				idsSeen <- p.ID
			})
		}
		wg.Wait()
		close(idsSeen)
		if created.Load() != 1 {
			t.Fatalf("%d concurrent inserts created a proposal, want exactly 1", created.Load())
		}
		var first int64
		for id := range idsSeen {
			if first == 0 {
				first = id
			}
			if id != first {
				t.Fatalf("callers were told different ids: %d and %d", first, id)
			}
		}
	})
}

// TestTransitionProposalOneWinner is the approval race: 100 callers approve or reject the
// same pending proposal at once; exactly one may win, and its decision is the one stored.
func TestTransitionProposalOneWinner(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		p := proposal("race", 0.9)
		_, err := s.InsertProposal(ctx, p)
		must(t, err)
		const n = 100
		type result struct {
			p       core.Proposal
			err     error
			approve bool
		}
		results := make(chan result, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			approve := i%2 == 0
			wg.Go(func() {
				<-start
				to := core.ProposalRejected
				if approve {
					to = core.ProposalApproved
				}
				decidedAt := c.Now()
				got, err := s.TransitionProposal(ctx, p.ID, []core.ProposalStatus{core.ProposalPending}, to,
					func(p *core.Proposal) {
						p.Decision = &core.Decision{Approve: approve, Actor: "apikey:" + string(rune('a'+i%26))}
						p.DecidedAt = &decidedAt
					})
				results <- result{got, err, approve}
			})
		}
		close(start)
		wg.Wait()
		close(results)
		var winners []result
		for r := range results {
			switch {
			case r.err == nil:
				winners = append(winners, r)
			case errors.Is(r.err, core.ErrConflict):
				if r.p.ID != p.ID || r.p.Status == core.ProposalPending {
					t.Errorf("loser got back %+v, want the decided proposal", r.p)
				}
			default:
				t.Errorf("unexpected error: %v", r.err)
			}
		}
		if len(winners) != 1 {
			t.Fatalf("%d winners, want exactly 1", len(winners))
		}
		w := winners[0]
		stored, err := s.GetProposal(ctx, p.ID)
		must(t, err)
		if stored.Status != w.p.Status || stored.Decision == nil || *stored.Decision != *w.p.Decision {
			t.Fatalf("stored %s %+v, winner %s %+v", stored.Status, stored.Decision, w.p.Status, w.p.Decision)
		}
		appr, err := s.GetApproval(ctx, p.ID)
		must(t, err)
		if appr.Approve != w.approve || appr.Actor != w.p.Decision.Actor {
			t.Fatalf("approval row %+v does not match the winner %+v", appr, w.p.Decision)
		}
	})
}

func TestTransitionProposalRules(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		p := proposal("rules", 0.9)
		_, err := s.InsertProposal(ctx, p)
		must(t, err)
		pending := []core.ProposalStatus{core.ProposalPending}
		approved := []core.ProposalStatus{core.ProposalApproved}
		now := c.Now()
		got, err := s.TransitionProposal(ctx, p.ID, pending, core.ProposalApproved, func(p *core.Proposal) {
			p.Decision = &core.Decision{Approve: true, Actor: "apikey:1"}
			p.DecidedAt = &now
			p.Title = "ignored"
		})
		must(t, err)
		if got.Status != core.ProposalApproved || got.DecidedAt == nil || !got.DecidedAt.Equal(now.Truncate(time.Microsecond)) {
			t.Fatalf("approved: %+v", got)
		}
		// Wrong source status: a conflict that returns the current proposal, unchanged.
		cur, err := s.TransitionProposal(ctx, p.ID, pending, core.ProposalRejected, nil)
		if !errors.Is(err, core.ErrConflict) || cur.Status != core.ProposalApproved {
			t.Fatalf("transition from a wrong status: err=%v status=%s", err, cur.Status)
		}
		// The decision cannot be changed once made.
		_, err = s.TransitionProposal(ctx, p.ID, approved, core.ProposalApplied, func(p *core.Proposal) {
			p.Decision = &core.Decision{Approve: false, Actor: "apikey:2"}
		})
		if !errors.Is(err, core.ErrInvalid) {
			t.Fatalf("changing a decision: %v, want ErrInvalid", err)
		}
		applied := now.Add(time.Minute)
		got, err = s.TransitionProposal(ctx, p.ID, approved, core.ProposalApplied, func(p *core.Proposal) {
			p.AppliedAt = &applied
			p.Outcome = "reconciled"
		})
		must(t, err)
		stored, err := s.GetProposal(ctx, p.ID)
		must(t, err)
		if stored.Status != core.ProposalApplied || stored.Outcome != "reconciled" || stored.Title == "ignored" ||
			stored.AppliedAt == nil || stored.Decision == nil || stored.Decision.Actor != "apikey:1" {
			t.Fatalf("after apply: %+v", stored)
		}
		if _, err := s.TransitionProposal(ctx, 999999, pending, core.ProposalApproved, nil); !errors.Is(err, core.ErrNotFound) {
			t.Fatalf("missing proposal: %v", err)
		}
		if _, err := s.TransitionProposal(ctx, p.ID, nil, core.ProposalApproved, nil); !errors.Is(err, core.ErrInvalid) {
			t.Fatalf("no source statuses: %v", err)
		}
	})
}

func TestProposalsList(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		var all []int64
		for i := range 6 {
			p := proposal("", 0.5+float64(i)/10)
			if i%2 == 1 {
				p.Automation, p.Kind = "dedup", "partner_merge"
			}
			_, err := s.InsertProposal(ctx, p)
			must(t, err)
			all = append(all, p.ID)
		}
		_, err := s.TransitionProposal(ctx, all[0], []core.ProposalStatus{core.ProposalPending}, core.ProposalRejected, nil)
		must(t, err)
		pid := func(p core.Proposal) int64 { return p.ID }
		list := func(f store.ProposalFilter) []int64 {
			t.Helper()
			ps, err := s.ListProposals(ctx, f)
			must(t, err)
			return ids(ps, pid)
		}
		equalIDs(t, "all", list(store.ProposalFilter{}), []int64{all[5], all[4], all[3], all[2], all[1], all[0]})
		equalIDs(t, "automation", list(store.ProposalFilter{Automation: "dedup"}), []int64{all[5], all[3], all[1]})
		equalIDs(t, "kind", list(store.ProposalFilter{Kind: "bank_reconcile", Status: core.ProposalPending}), []int64{all[4], all[2]})
		equalIDs(t, "status", list(store.ProposalFilter{Status: core.ProposalRejected}), []int64{all[0]})
		equalIDs(t, "confidence", list(store.ProposalFilter{MinConfidence: 0.8}), []int64{all[5], all[4], all[3]})
		equalIDs(t, "page 1", list(store.ProposalFilter{Limit: 4}), []int64{all[5], all[4], all[3], all[2]})
		equalIDs(t, "page 2", list(store.ProposalFilter{Limit: 4, BeforeID: all[2]}), []int64{all[1], all[0]})
		equalIDs(t, "statuses", list(store.ProposalFilter{Statuses: []core.ProposalStatus{core.ProposalRejected, core.ProposalApproved}}),
			[]int64{all[0]})
		counts, err := s.CountProposals(ctx)
		must(t, err)
		if len(counts) != 2 || counts[core.ProposalPending] != 5 || counts[core.ProposalRejected] != 1 {
			t.Fatalf("counts: %v", counts)
		}
	})
}
