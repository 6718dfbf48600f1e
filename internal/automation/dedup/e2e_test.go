package dedup

import (
	"context"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
	"slices"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// applyCalls runs a proposal's calls the way the approval engine does: in order, with
// "$prev" standing for the id the previous call returned.
func applyCalls(ctx context.Context, c Caller, calls []core.Call) error {
	var prev any
	for _, call := range calls {
		args := substitutePrev(call.Args, prev).([]any)
		var out any
		if err := c.Call(ctx, call.Model, call.Method, args, call.Kwargs, &out); err != nil {
			return err
		}
		if l, ok := out.([]any); ok && len(l) == 1 {
			out = l[0]
		}
		prev = out
	}
	return nil
}

func substitutePrev(v, prev any) any {
	switch x := v.(type) {
	case string:
		if x == "$prev" {
			return prev
		}
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = substitutePrev(x[i], prev)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = substitutePrev(e, prev)
		}
		return out
	}
	return v
}

// TestMergeThroughSimulatedOdoo generates the small company into the Odoo simulator, reads
// it over JSON-RPC with the real client, scans, and applies the merge proposal's calls:
// the sources must be gone and their invoices must now belong to the master.
func TestMergeThroughSimulatedOdoo(t *testing.T) {
	ctx := context.Background()
	today := demoToday
	client, truth := simulatedOdoo(t, company.SizeSmall)
	partners, err := LoadPartners(ctx, client, LoadOptions{})
	if err != nil {
		t.Fatalf("load partners over JSON-RPC: %v", err)
	}
	res, err := Scan(ctx, partners, Config{})
	if err != nil {
		t.Fatal(err)
	}
	out := Propose(res, today)
	planted := truth.Dedup.Clusters[0]
	i := slices.IndexFunc(out.Proposals, func(p core.Proposal) bool { return slices.Equal(sorted(planted), proposalIDs(p)) })
	if i < 0 {
		t.Fatalf("no proposal for planted cluster %v; proposals %d, findings %d", planted, len(out.Proposals), len(out.Findings))
	}
	p := out.Proposals[i]
	master := p.Calls[0].Args[0].(map[string]any)["dst_partner_id"].(int64)
	var before []map[string]any
	if err := client.Call(ctx, "account.move", "search_read", nil, map[string]any{
		"domain": []any{[]any{"partner_id", "in", planted}}, "fields": []string{"partner_id"}}, &before); err != nil {
		t.Fatal(err)
	}
	if err := applyCalls(ctx, client, p.Calls); err != nil {
		t.Fatalf("apply %s: %v", p.DedupKey, err)
	}
	var left []map[string]any
	if err := client.Call(ctx, "res.partner", "read", []any{planted}, map[string]any{"fields": []string{"name"}}, &left); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || int64(left[0]["id"].(float64)) != master {
		t.Errorf("after merge, partners %v remain; want only master %d", left, master)
	}
	var moves []map[string]any
	if err := client.Call(ctx, "account.move", "search_read", nil, map[string]any{
		"domain": []any{[]any{"partner_id", "in", planted}}, "fields": []string{"partner_id"}}, &moves); err != nil {
		t.Fatal(err)
	}
	if len(moves) != len(before) {
		t.Errorf("%d journal entries of the cluster before the merge, %d after", len(before), len(moves))
	}
	t.Logf("merged %v into %d; %d journal entries now on the master", planted, master, len(moves))
	for _, m := range moves {
		if id := odoorow.Row(m).ID("partner_id"); id != master {
			t.Errorf("move %v still points at partner %d, not master %d", m["id"], id, master)
		}
	}
}

func sorted(ids []int64) []int64 {
	s := slices.Clone(ids)
	slices.Sort(s)
	return s
}

func proposalIDs(p core.Proposal) []int64 {
	var ids []int64
	for _, r := range p.Records {
		ids = append(ids, r.ID)
	}
	return sorted(ids)
}
