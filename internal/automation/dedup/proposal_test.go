package dedup

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

func TestMergeCallsUseTheWizardThreeAtATime(t *testing.T) {
	calls := MergeCalls(7, []int64{8, 9, 10})
	if len(calls) != 4 {
		t.Fatalf("got %d calls, want 4 (two wizard runs)", len(calls))
	}
	got, _ := json.Marshal(calls)
	want := `[{"model":"base.partner.merge.automatic.wizard","method":"create","args":[{"dst_partner_id":7,"partner_ids":[[6,0,[7,8,9]]]}]},` +
		`{"model":"base.partner.merge.automatic.wizard","method":"action_merge","args":[["$prev"]]},` +
		`{"model":"base.partner.merge.automatic.wizard","method":"create","args":[{"dst_partner_id":7,"partner_ids":[[6,0,[7,10]]]}]},` +
		`{"model":"base.partner.merge.automatic.wizard","method":"action_merge","args":[["$prev"]]}]`
	if string(got) != want {
		t.Errorf("calls\n got %s\nwant %s", got, want)
	}
}

func TestProposeMerge(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	partners := map[int64]*Partner{
		1: {ID: 1, Name: "Acme GmbH", VAT: "DE136695976", Email: "", JournalCompanyIDs: []int64{1}},
		2: {ID: 2, Name: "ACME", Email: "a.b@acme.de"},
	}
	c := Cluster{IDs: []int64{1, 2}, Master: 1, MasterReason: "valid VAT", Probability: 0.998,
		Pairs: []PairExplanation{{A: 1, B: 2, Probability: 0.998, Fields: []FieldEvidence{{"name", "same", 8}}}}}
	p, f := ProposeMerge(c, partners, now)
	if f != nil || p == nil {
		t.Fatalf("want a proposal, got finding %+v", f)
	}
	if p.Kind != "partner_merge" || p.DedupKey != "partner_merge:1-2" || p.Confidence != 0.998 || p.Status != core.ProposalPending {
		t.Errorf("proposal header: %+v", p)
	}
	if len(p.Expect) != 2 || p.Expect[0].Values["vat"] != "DE136695976" || p.Expect[0].Values["email"] != false || p.Expect[1].Values["active"] != true {
		t.Errorf("expectations: %+v", p.Expect)
	}
	if !strings.Contains(p.Rationale, "Keep #1") || !strings.Contains(p.Rationale, "name same") {
		t.Errorf("rationale %q", p.Rationale)
	}

	partners[2].JournalCompanyIDs = []int64{2}
	p, f = ProposeMerge(c, partners, now)
	if p != nil || f == nil || f.Kind != "duplicate_across_companies" {
		t.Errorf("journal items in two companies: proposal %+v finding %+v", p, f)
	}

	partners[2].JournalCompanyIDs = nil
	partners[1].Protected, partners[2].Protected = true, true
	p, f = ProposeMerge(c, partners, now)
	if p != nil || f == nil || f.Kind != "duplicate_users" {
		t.Errorf("two users' partners: proposal %+v finding %+v", p, f)
	}
}

type memDismissals struct{ keys []string }

func (m *memDismissals) ListDismissals(_ context.Context, automation string) ([]string, error) {
	return m.keys, nil
}

func (m *memDismissals) PutDismissal(_ context.Context, automation, key, actor, reason string) error {
	if automation != AutomationName {
		return core.Errorf(core.CodeInvalid, "wrong automation %q", automation)
	}
	m.keys = append(m.keys, key)
	return nil
}

func TestDismissRecordsEveryPair(t *testing.T) {
	d := &memDismissals{}
	if err := Dismiss(context.Background(), d, []int64{5, 3, 9}, "cli", "different branches"); err != nil {
		t.Fatal(err)
	}
	slices.Sort(d.keys)
	if !slices.Equal(d.keys, []string{"pair:3-5", "pair:3-9", "pair:5-9"}) {
		t.Errorf("keys %v", d.keys)
	}
	dismissed, _ := LoadDismissed(context.Background(), d)
	if !dismissed(9, 3) || dismissed(3, 4) {
		t.Error("LoadDismissed lookup is wrong")
	}
	if err := Dismiss(context.Background(), d, []int64{5}, "cli", ""); err == nil {
		t.Error("dismissing one partner accepted")
	}
}

// TestAutomationRunOnDemoCompany runs the automation end to end on the generator's small
// company: partners read through the loader, proposals with wizard calls for the planted
// clusters, then an event-time check for a freshly created duplicate.
func TestAutomationRunOnDemoCompany(t *testing.T) {
	client, truth := simulatedOdoo(t, company.SizeSmall)
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a := New(Deps{Odoo: client, Dismissals: &memDismissals{}, Clock: func() time.Time { return now },
		Logger: slog.New(slog.DiscardHandler)}, Config{})
	out, err := a.Run(ctx, core.RunInput{RunID: 3, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s; %d planted clusters", out.Summary, len(truth.Dedup.Clusters))
	if len(out.Proposals)+len(out.Findings) < len(truth.Dedup.Clusters) {
		t.Errorf("%d proposals + %d findings for %d planted clusters", len(out.Proposals), len(out.Findings), len(truth.Dedup.Clusters))
	}
	for _, p := range out.Proposals {
		if p.RunID != 3 || len(p.Calls) < 2 || p.Calls[1].Method != "action_merge" || p.CreatedAt != now {
			t.Errorf("proposal %s: %+v", p.DedupKey, p)
		}
	}
	if a.Info().DefaultRule.AutoApplies(1) {
		t.Error("merges must never auto-apply by default")
	}

	// A new contact copying a planted original should be flagged at once.
	orig := truth.Dedup.Clusters[0][0]
	fields := []string{"name", "email", "phone", "street", "zip", "city", "country_id", "is_company"}
	var rows []odoorow.Row
	if err := client.Call(ctx, "res.partner", "read", []any{[]int64{orig}}, map[string]any{"fields": fields}, &rows); err != nil || len(rows) != 1 {
		t.Fatalf("read planted original %d: %v", orig, err)
	}
	vals := map[string]any{}
	for _, f := range fields {
		if f == "country_id" {
			vals[f] = rows[0].ID(f)
		} else {
			vals[f] = rows[0][f]
		}
	}
	var id int64
	if err := client.Call(ctx, "res.partner", "create", []any{vals}, nil, &id); err != nil {
		t.Fatalf("create a copy of %d: %v", orig, err)
	}
	ev := &core.Event{Model: "res.partner", RecordID: id, Action: "create"}
	out, err = a.Run(ctx, core.RunInput{RunID: 4, Event: ev, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 || out.Findings[0].Kind != "probable_duplicate" || len(out.Proposals) != 0 {
		t.Fatalf("event run: %+v", out)
	}
	refs := out.Findings[0].Records
	if refs[0].ID != id || !slices.ContainsFunc(refs[1:], func(r core.RecordRef) bool { return slices.Contains(truth.Dedup.Clusters[0], r.ID) }) {
		t.Errorf("finding records %+v do not point at cluster %v", refs, truth.Dedup.Clusters[0])
	}
	t.Log(out.Findings[0].Title)
}

func TestRunNeedsOdooAndValidParams(t *testing.T) {
	if _, err := New(Deps{}, Config{}).Run(context.Background(), core.RunInput{}); core.CodeOf(err) != core.CodeUnavailable {
		t.Errorf("no Odoo: %v", err)
	}
	a := New(Deps{Odoo: failingOdoo{}}, Config{})
	_, err := a.Run(context.Background(), core.RunInput{Rule: core.Rule{Params: json.RawMessage(`{"threshold":`)}})
	if core.CodeOf(err) != core.CodeInvalid {
		t.Errorf("bad params: %v", err)
	}
}

// failingOdoo answers every call with an error: the params check must come first.
type failingOdoo struct{}

func (failingOdoo) Call(context.Context, string, string, []any, map[string]any, any) error {
	return errors.New("Odoo must not be called before the rule params are validated")
}
