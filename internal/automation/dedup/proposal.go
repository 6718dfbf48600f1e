package dedup

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// AutomationName is the name under which proposals, findings and dismissals are stored.
const AutomationName = "dedup"

// mergeWizard is Odoo's own partner merge (Contacts ▸ Deduplicate): it re-points every
// reference (invoices, orders, messages) to the destination, then removes the sources.
const mergeWizard = "base.partner.merge.automatic.wizard"

// maxPerWizard: Odoo refuses to merge more than 3 contacts in one wizard run ("For safety
// reasons..."), destination included, so bigger clusters take several runs.
const maxPerWizard = 3

// MergeCalls is the call sequence that merges sources into master with the wizard: per group
// of at most two sources, create the wizard, then call action_merge on the id the create
// returned. "$prev" in the second call's args stands for that id; the approval engine
// substitutes it (internal/approval execute).
func MergeCalls(master int64, sources []int64) []core.Call {
	var calls []core.Call
	for start := 0; start < len(sources); start += maxPerWizard - 1 {
		group := append([]int64{master}, sources[start:min(start+maxPerWizard-1, len(sources))]...)
		ids := make([]any, len(group))
		for i, id := range group {
			ids[i] = id
		}
		calls = append(calls,
			core.Call{Model: mergeWizard, Method: "create", Args: []any{map[string]any{
				"partner_ids":    []any{[]any{6, 0, ids}},
				"dst_partner_id": master,
			}}},
			core.Call{Model: mergeWizard, Method: "action_merge", Args: []any{[]any{"$prev"}}},
		)
	}
	return calls
}

// ProposeMerge turns a cluster into a partner_merge proposal, or into a finding when the
// members have journal items in different companies: merging would move entries across
// companies' books, which a person must sort out first.
func ProposeMerge(c Cluster, partners map[int64]*Partner, now time.Time) (*core.Proposal, *core.Finding) {
	refs := make([]core.RecordRef, 0, len(c.IDs))
	for _, id := range c.IDs {
		name := ""
		if p := partners[id]; p != nil {
			name = p.Name
		}
		refs = append(refs, core.RecordRef{Model: "res.partner", ID: id, Name: name})
	}
	evidence, _ := json.Marshal(c)
	if companies := journalCompanies(c, partners); len(companies) > 1 {
		return nil, &core.Finding{
			Automation: AutomationName, Kind: "duplicate_across_companies", Severity: core.SeverityWarning,
			Title:   fmt.Sprintf("%d contacts look like one entity but are booked in %d companies", len(c.IDs), len(companies)),
			Detail:  "Merging would move journal items between companies. Review the contacts and merge them by hand per company if they really are the same.",
			Records: refs, Data: evidence, CreatedAt: now,
		}
	}
	if protected := countProtected(c, partners); protected > 1 {
		return nil, &core.Finding{
			Automation: AutomationName, Kind: "duplicate_users", Severity: core.SeverityWarning,
			Title:   fmt.Sprintf("%d contacts look like one entity but %d of them belong to users or companies", len(c.IDs), protected),
			Detail:  "Odoo cannot merge contacts of more than one user, and a company's own contact must stay. Archive the extra user or fix the contacts by hand.",
			Records: refs, Data: evidence, CreatedAt: now,
		}
	}
	master := partners[c.Master]
	masterName := ""
	if master != nil {
		masterName = master.Name
	}
	sources := slices.DeleteFunc(slices.Clone(c.IDs), func(id int64) bool { return id == c.Master })
	return &core.Proposal{
		Automation: AutomationName, Kind: "partner_merge",
		Title:      fmt.Sprintf("Merge %d duplicate contacts into #%d %s", len(sources), c.Master, masterName),
		Rationale:  rationale(c),
		Confidence: c.Probability,
		Calls:      MergeCalls(c.Master, sources),
		Expect:     expectations(c.IDs, partners),
		Evidence:   evidence,
		Records:    refs,
		DedupKey:   ClusterKey(c.IDs),
		Roles:      []core.Role{core.RoleAdmin, core.RoleSales},
		Status:     core.ProposalPending,
		CreatedAt:  now,
	}, nil
}

func rationale(c Cluster) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Keep #%d (%s). ", c.Master, c.MasterReason)
	for _, e := range c.Pairs {
		b.WriteString(e.String())
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}

// expectations: each partner must still exist, be active and carry the name, email and VAT
// the engine judged; if someone edited one since, the merge is refused as a conflict.
func expectations(ids []int64, partners map[int64]*Partner) []core.Expectation {
	out := make([]core.Expectation, 0, len(ids))
	for _, id := range ids {
		p := partners[id]
		if p == nil {
			continue
		}
		out = append(out, core.Expectation{Model: "res.partner", ID: id, Values: map[string]any{
			"active": true, "name": odooText(p.Name), "email": odooText(p.Email), "vat": odooText(p.VAT),
		}})
	}
	return out
}

// odooText is how Odoo spells a text value: false when empty.
func odooText(s string) any {
	if s == "" {
		return false
	}
	return s
}

func countProtected(c Cluster, partners map[int64]*Partner) int {
	n := 0
	for _, id := range c.IDs {
		if p := partners[id]; p != nil && p.Protected {
			n++
		}
	}
	return n
}

func journalCompanies(c Cluster, partners map[int64]*Partner) []int64 {
	var out []int64
	for _, id := range c.IDs {
		if p := partners[id]; p != nil {
			for _, co := range p.JournalCompanyIDs {
				if !slices.Contains(out, co) {
					out = append(out, co)
				}
			}
		}
	}
	return out
}

// ClusterKey is the proposal's DedupKey: the sorted member ids.
func ClusterKey(ids []int64) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	parts := make([]string, len(s))
	for i, id := range s {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return "partner_merge:" + strings.Join(parts, "-")
}

// PairKey is the dismissal key of two partners, order-insensitive.
func PairKey(a, b int64) string {
	if a > b {
		a, b = b, a
	}
	return "pair:" + strconv.FormatInt(a, 10) + "-" + strconv.FormatInt(b, 10)
}

// Dismissals is the store's dismissal API as this package uses it (internal/store.Store
// satisfies it).
type Dismissals interface {
	ListDismissals(ctx context.Context, automation string) ([]string, error)
	PutDismissal(ctx context.Context, automation, key, actor, reason string) error
}

// Dismiss records that the given partners are not duplicates of each other: every pair
// among them is never linked again, so no proposal will group them.
func Dismiss(ctx context.Context, d Dismissals, ids []int64, actor, reason string) error {
	if len(ids) < 2 {
		return core.Errorf(core.CodeInvalid, "dismiss needs at least two partner ids, got %d", len(ids))
	}
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if err := d.PutDismissal(ctx, AutomationName, PairKey(ids[i], ids[j]), actor, reason); err != nil {
				return fmt.Errorf("dismiss partners %d and %d: %w", ids[i], ids[j], err)
			}
		}
	}
	return nil
}

// LoadDismissed reads every dismissed pair into a lookup usable as Config.Dismissed.
func LoadDismissed(ctx context.Context, d Dismissals) (func(a, b int64) bool, error) {
	if d == nil {
		return nil, nil
	}
	keys, err := d.ListDismissals(ctx, AutomationName)
	if err != nil {
		return nil, fmt.Errorf("load dismissed duplicate pairs: %w", err)
	}
	set := make(map[string]bool, len(keys))
	for _, k := range keys {
		set[k] = true
	}
	return func(a, b int64) bool { return set[PairKey(a, b)] }, nil
}
