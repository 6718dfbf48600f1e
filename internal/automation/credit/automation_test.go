package credit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// memState is an in-memory State for tests.
type memState struct {
	mu     sync.Mutex
	kv     map[string][]byte
	points []store.Point
}

func (m *memState) GetState(_ context.Context, automation, key string, v any) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.kv[automation+"/"+key]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(b, v)
}

func (m *memState) PutState(_ context.Context, automation, key string, v any) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.kv == nil {
		m.kv = map[string][]byte{}
	}
	b, err := json.Marshal(v)
	m.kv[automation+"/"+key] = b
	return err
}

func (m *memState) AppendPoints(_ context.Context, ps []store.Point) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.points = append(m.points, ps...)
	return nil
}

func TestRunOnDemoCompany(t *testing.T) {
	d := demoOdoo(t)
	st := &memState{}
	a := New(Deps{Odoo: d.client, State: st, Clock: func() time.Time { return demoToday }, Version: 18})
	out, err := a.Run(context.Background(), core.RunInput{CompanyID: d.truth.Company.ID, Now: demoToday, Rule: a.Info().DefaultRule})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, p := range out.Proposals {
		kinds[p.Kind]++
		if p.DedupKey == "" || len(p.Calls) == 0 {
			t.Errorf("proposal without dedup key or call: %+v", p)
		}
	}
	held := 0
	for _, c := range d.truth.Credit.Customers {
		if c.OnHold {
			held++
		}
	}
	// The demo database has no hold tag yet: the run proposes creating it, and holds wait for it.
	if kinds[KindSetupTag] != 1 || kinds[KindHold] != 0 {
		t.Errorf("proposal kinds = %v", kinds)
	}
	if len(out.Findings) < held || len(st.points) != int(out.Metrics["customers"]) {
		t.Errorf("%d hold findings for %d truth holds; %d points for %v customers", len(out.Findings), held, len(st.points), out.Metrics["customers"])
	}
	t.Logf("run: %s; proposals %v", out.Summary, kinds)
}

func TestHoldAndReleaseProposals(t *testing.T) {
	s := Score{PartnerID: 7, Name: "Acme", AsOf: demoToday, Hold: true, HoldReasons: []string{"overdue"}}
	p, ok := HoldProposal(s, Partner{ID: 7, CategoryIDs: []int64{3}}, 9, false)
	if !ok || p.Kind != KindHold || p.Calls[0].Args[1].(map[string]any)["category_id"].([]any)[0].([]any)[0] != 4 {
		t.Fatalf("hold proposal = %+v", p)
	}
	if _, ok := HoldProposal(s, Partner{ID: 7, CategoryIDs: []int64{9}}, 9, false); ok {
		t.Error("already tagged: no proposal expected")
	}
	p, ok = HoldProposal(s, Partner{ID: 7, CategoryIDs: []int64{9}}, 9, true)
	if !ok || p.Kind != KindRelease {
		t.Errorf("override must release: %+v", p)
	}
	s.Hold = false
	if p, ok = HoldProposal(s, Partner{ID: 7, CategoryIDs: []int64{9}}, 9, false); !ok || p.Kind != KindRelease {
		t.Errorf("no rule holds any more: want release, got %+v", p)
	}
}

func TestHoldRuleProposalPerVersion(t *testing.T) {
	for _, v := range []int{16, 17, 18, 19} {
		p, err := HoldRuleProposal(v, "Credit hold", 11, 22)
		if err != nil {
			t.Fatal(err)
		}
		vals := p.Calls[0].Args[0].(map[string]any)
		_, inline := vals["code"]
		_, linked := vals["action_server_ids"]
		if v == 16 && (!inline || linked) || v > 16 && (inline || !linked) {
			t.Errorf("v%d: code inline %v, linked action %v", v, inline, linked)
		}
		if !strings.Contains(vals["filter_domain"].(string), `"Credit hold"`) {
			t.Errorf("domain %v", vals["filter_domain"])
		}
	}
	if _, err := HoldRuleProposal(15, "x", 1, 2); err == nil {
		t.Error("Odoo 15 accepted")
	}
	if _, err := HoldRuleProposal(18, "x", 0, 2); err == nil {
		t.Error("missing sale.order accepted")
	}
}

func TestOverrideValidation(t *testing.T) {
	a := New(Deps{State: &memState{}, Clock: func() time.Time { return demoToday }})
	cfo := core.Principal{Kind: "apikey", ID: "k1", Role: core.RoleCFO}
	cases := []struct {
		who    core.Principal
		reason string
		until  time.Time
		code   core.ErrorCode
	}{
		{core.Principal{Role: core.RoleSales}, "customer promised payment", demoToday.AddDate(0, 0, 7), core.CodeForbidden},
		{cfo, "ok", demoToday.AddDate(0, 0, 7), core.CodeInvalid},
		{cfo, "customer promised payment", demoToday.AddDate(0, 0, -1), core.CodeInvalid},
		{cfo, "customer promised payment", demoToday.AddDate(0, 4, 0), core.CodeInvalid},
	}
	for _, c := range cases {
		if _, err := a.OverrideHold(context.Background(), 1, 7, c.who, c.reason, c.until); core.CodeOf(err) != c.code {
			t.Errorf("override(%v, %q): err %v, want code %s", c.who.Role, c.reason, err, c.code)
		}
	}
}

func TestCommandPrintsScores(t *testing.T) {
	d := demoOdoo(t)
	a := New(Deps{Odoo: d.client, Clock: func() time.Time { return demoToday }, Version: 18})
	cmd := Command(CommandDeps{CompanyID: d.truth.Company.ID, Automation: func(context.Context) (*Automation, error) { return a, nil }})
	var buf bytes.Buffer
	cmd.SetOut(&buf)
	cmd.SetArgs([]string{"holds"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "to hold") || !strings.Contains(buf.String(), "Hold:") {
		t.Errorf("holds output:\n%s", buf.String())
	}
	cmd.SetArgs([]string{"score", "--partner", "999999", "--json"})
	if err := cmd.ExecuteContext(context.Background()); core.CodeOf(err) != core.CodeNotFound {
		t.Errorf("unknown partner: %v", err)
	}
}

func TestOverrideCommandReleasesHeldCustomer(t *testing.T) {
	d := demoOdoo(t)
	ctx := context.Background()
	st := &memState{}
	a := New(Deps{Odoo: d.client, State: st, Clock: func() time.Time { return demoToday }, Version: 18})
	// Tag a customer the rules hold, as an applied hold proposal would.
	var held int64
	for _, c := range d.truth.Credit.Customers {
		if c.OnHold {
			held = c.PartnerID
			break
		}
	}
	var tag float64
	if err := d.client.Call(ctx, "res.partner.category", "create", []any{map[string]any{"name": "Credit hold"}}, nil, &tag); err != nil {
		t.Fatal(err)
	}
	var ok bool
	if err := d.client.Call(ctx, "res.partner", "write", []any{[]int64{held}, map[string]any{"category_id": []any{[]any{4, int64(tag)}}}}, nil, &ok); err != nil {
		t.Fatal(err)
	}
	var submitted []core.Proposal
	cmd := Command(CommandDeps{CompanyID: d.truth.Company.ID, Automation: func(context.Context) (*Automation, error) { return a, nil },
		Principal: core.Principal{Kind: "cli", ID: "cfo@example.com", Role: core.RoleCFO},
		Submit:    func(_ context.Context, p core.Proposal) error { submitted = append(submitted, p); return nil }})
	var buf bytes.Buffer
	cmd.SetOut(&buf)
	cmd.SetArgs([]string{"override", "--partner", fmt.Sprint(held), "--reason", "paid by wire today, bank confirms", "--until", "2026-12-10"})
	if err := cmd.ExecuteContext(ctx); err != nil {
		t.Fatal(err)
	}
	if len(submitted) != 1 || submitted[0].Kind != KindRelease || !strings.Contains(submitted[0].Rationale, "cli:cfo@example.com") {
		t.Fatalf("submitted = %+v", submitted)
	}
	// The next run must not propose holding the customer again while the override lasts.
	out, err := a.Run(ctx, core.RunInput{CompanyID: d.truth.Company.ID, Now: demoToday, Rule: a.Info().DefaultRule})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range out.Proposals {
		if p.Kind == KindHold && p.Records[0].ID == held {
			t.Errorf("customer %d re-held despite the override", held)
		}
		if p.Kind == KindRelease && p.Records[0].ID == held && !strings.Contains(p.Rationale, "overrode") {
			t.Errorf("release rationale %q", p.Rationale)
		}
	}
	// Undo the tag so other tests see the demo company as generated.
	if err := d.client.Call(ctx, "res.partner", "write", []any{[]int64{held}, map[string]any{"category_id": []any{[]any{3, int64(tag)}}}}, nil, &ok); err != nil {
		t.Fatal(err)
	}
	if err := d.client.Call(ctx, "res.partner.category", "unlink", []any{[]int64{int64(tag)}}, nil, &ok); err != nil {
		t.Fatal(err)
	}
}
