package anomaly

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Finding kinds this package produces.
const (
	KindBenford = "benford"        // + "_" + test, e.g. benford_first
	KindOutlier = "amount_outlier" // an entry far above its account's or journal's usual amounts
	// KindPartnerOutlier is an amount far above what a partner usually has on an account:
	// a separate kind because it often has a business reason (a customer's one big order, a
	// vendor's second product line) where an account outlier is more often a keying error.
	KindPartnerOutlier = "partner_amount_outlier"
	KindDuplicateBill  = "duplicate_bill"  // the same vendor bill entered twice
	KindRoundAmounts   = "round_amounts"   // a cluster of round amounts
	KindWeekend        = "weekend_entry"   // recorded on a Saturday or Sunday
	KindAfterHours     = "after_hours"     // recorded outside working hours
	KindRareUser       = "unusual_poster"  // posted by a user who rarely touches the account
	KindBelowLimit     = "below_threshold" // amounts crowding just under an approval threshold
)

// ScanInput is everything one scan looks at. Entries and bills are the period's; Bills may
// reach further back so duplicates of older bills are found.
type ScanInput struct {
	Entries  []Entry
	Bills    []Bill
	Currency string // company currency, for amounts in findings
	Decimals int    // of the company currency; default 2
	Timing   TimingOptions
	Outliers OutlierOptions
	Round    RoundOptions
	Dup      DuplicateOptions
	Rare     RareUserOptions
	Limit    ThresholdOptions
	// MaxPerKind caps findings of one kind (strongest first); default 200.
	MaxPerKind int
}

// Report is a scan's raw results plus the findings built from them.
type Report struct {
	Benford    []BenfordResult    `json:"benford"`
	Outliers   []Outlier          `json:"outliers"`
	Duplicates []DuplicatePair    `json:"duplicates"`
	Round      []RoundCluster     `json:"round_clusters"`
	Timing     []OddTiming        `json:"timing"`
	RareUsers  []RareUser         `json:"rare_users"`
	Limits     []ThresholdCluster `json:"below_threshold"`
	Findings   []core.Finding     `json:"findings"`
}

// Scan runs every detector and turns the results into findings, one per journal entry
// (move) and kind so a five-line entry posted on a Sunday is one finding, not five.
func Scan(in ScanInput, now time.Time) Report {
	if in.Decimals == 0 {
		in.Decimals = 2
	}
	if in.MaxPerKind <= 0 {
		in.MaxPerKind = 200
	}
	in.Round.Decimals, in.Limit.Decimals = in.Decimals, in.Decimals
	b := findingBuilder{in: in, now: now, seen: map[string]bool{}}
	var r Report
	amounts := make([]int64, len(in.Entries))
	for i := range in.Entries {
		amounts[i] = in.Entries[i].Amount
	}
	for _, t := range Tests {
		if res, err := BenfordInts(amounts, t, BenfordOptions{}); err == nil {
			r.Benford = append(r.Benford, res)
			b.benford(res)
		}
	}
	r.Outliers = Outliers(in.Entries, in.Outliers)
	b.outliers(r.Outliers)
	r.Duplicates = DuplicateBills(in.Bills, in.Dup)
	b.duplicates(r.Duplicates)
	r.Round = RoundClusters(in.Entries, in.Round)
	b.round(r.Round)
	r.Timing = OddTimings(in.Entries, in.Timing)
	b.timing(r.Timing)
	r.RareUsers = RareUsers(in.Entries, in.Rare)
	b.rare(r.RareUsers)
	r.Limits = BelowThreshold(in.Entries, in.Limit)
	b.limits(r.Limits)
	r.Findings = b.out
	return r
}

type findingBuilder struct {
	in    ScanInput
	now   time.Time
	seen  map[string]bool // kind|move already reported
	count map[string]int
	out   []core.Finding
}

func (b *findingBuilder) money(minor int64) *core.Money {
	return &core.Money{Minor: minor, Currency: b.in.Currency}
}

// add appends a finding unless its kind is over the cap or the move already has one of it.
func (b *findingBuilder) add(f core.Finding, moveID int64, data any) {
	if b.count == nil {
		b.count = map[string]int{}
	}
	key := fmt.Sprintf("%s|%d", f.Kind, moveID)
	if moveID != 0 && b.seen[key] || b.count[f.Kind] >= b.in.MaxPerKind {
		return
	}
	b.seen[key] = true
	b.count[f.Kind]++
	if data != nil {
		f.Data, _ = json.Marshal(data)
	}
	f.Automation, f.CreatedAt = "anomaly", b.now
	b.out = append(b.out, f)
}

func (b *findingBuilder) entryRefs(e *Entry) []core.RecordRef {
	refs := []core.RecordRef{{Model: "account.move.line", ID: e.ID}}
	if e.MoveID != 0 {
		refs = append([]core.RecordRef{{Model: "account.move", ID: e.MoveID, Name: e.MoveName}}, refs...)
	}
	return refs
}

func (b *findingBuilder) benford(r BenfordResult) {
	if r.Warning != "" || r.PValue >= 0.001 && (r.Conformity == "" || r.Conformity == "close" || r.Conformity == "acceptable") {
		return // conforming, or too small to judge: nothing for a person to look at
	}
	sev := core.SeverityInfo
	if r.Conformity == "nonconformity" {
		sev = core.SeverityWarning
	}
	f := core.Finding{Kind: KindBenford + "_" + string(r.Test), Severity: sev,
		Title:  fmt.Sprintf("Amounts depart from Benford's law (%s digits test)", r.Test),
		Detail: fmt.Sprintf("%d amounts: chi-square %.1f (p=%.2g), MAD %.4f %s", r.N, r.ChiSquare, r.PValue, r.MAD, r.Conformity)}
	for _, d := range r.Drill {
		for _, i := range d.Rows[:min(len(d.Rows), 10)] {
			f.Records = append(f.Records, core.RecordRef{Model: "account.move.line", ID: b.in.Entries[i].ID})
		}
	}
	b.add(f, 0, r)
}

func (b *findingBuilder) outliers(list []Outlier) {
	for _, o := range list {
		e := &b.in.Entries[o.Index]
		kind, sev := KindOutlier, core.SeverityWarning
		if o.Dimension == ByPartner {
			kind, sev = KindPartnerOutlier, core.SeverityInfo
		}
		b.add(core.Finding{Kind: kind, Severity: sev, Amount: b.money(e.Amount), Records: b.entryRefs(e),
			Title:  fmt.Sprintf("%s: unusual amount for %s %s", e.MoveName, o.Dimension, o.Group),
			Detail: fmt.Sprintf("modified z %.1f (log %.1f), group median %s", o.Robust, o.RobustLog, core.FormatMinor(int64(o.Median), b.in.Decimals)),
		}, e.MoveID, o)
	}
}

func (b *findingBuilder) duplicates(list []DuplicatePair) {
	for _, p := range list {
		sev := core.SeverityWarning
		if p.Confidence >= 0.9 {
			sev = core.SeverityCritical
		}
		b.add(core.Finding{Kind: KindDuplicateBill, Severity: sev, Amount: &core.Money{Minor: p.Second.Amount, Currency: p.Second.Currency},
			Title:   fmt.Sprintf("Possible duplicate bill from %s: %s and %s", p.First.Partner, p.First.Name, p.Second.Name),
			Detail:  fmt.Sprintf("%s, %d days apart, confidence %.2f", p.Reason, p.Days, p.Confidence),
			Records: []core.RecordRef{{Model: "account.move", ID: p.First.ID, Name: p.First.Name}, {Model: "account.move", ID: p.Second.ID, Name: p.Second.Name}},
		}, p.Second.ID, p)
	}
}

func (b *findingBuilder) round(list []RoundCluster) {
	for _, c := range list {
		f := core.Finding{Kind: KindRoundAmounts, Severity: core.SeverityInfo,
			Title:  fmt.Sprintf("Cluster of round amounts on %s %s", c.Dimension, c.Group),
			Detail: fmt.Sprintf("%d of %d amounts are round (%.0f%% vs %.0f%% in the ledger, z %.1f)", c.Round, c.N, 100*c.Share, 100*c.Baseline, c.Z)}
		for _, i := range c.Rows[:min(len(c.Rows), 20)] {
			f.Records = append(f.Records, b.entryRefs(&b.in.Entries[i])...)
		}
		b.add(f, 0, c)
	}
}

func (b *findingBuilder) timing(list []OddTiming) {
	for _, o := range list {
		e := &b.in.Entries[o.Index]
		for _, reason := range o.Reasons {
			kind, title := KindAfterHours, "%s was recorded outside working hours"
			if reason == "weekend" {
				kind, title = KindWeekend, "%s was recorded on a weekend"
			}
			b.add(core.Finding{Kind: kind, Severity: core.SeverityInfo, Amount: b.money(e.Amount), Records: b.entryRefs(e),
				Title: fmt.Sprintf(title, e.MoveName), Detail: fmt.Sprintf("by %s, at %s", e.User, e.CreatedAt.In(b.in.Timing.withDefaults().Location).Format("Mon 2006-01-02 15:04"))}, e.MoveID, o)
		}
	}
}

func (b *findingBuilder) rare(list []RareUser) {
	for _, u := range list {
		e := &b.in.Entries[u.Index]
		b.add(core.Finding{Kind: KindRareUser, Severity: core.SeverityInfo, Amount: b.money(e.Amount), Records: b.entryRefs(e),
			Title:  fmt.Sprintf("%s: %s rarely posts to %s", e.MoveName, e.User, e.Account),
			Detail: fmt.Sprintf("%d of the account's %d lines are theirs", u.UserLines, u.Lines)}, e.MoveID, u)
	}
}

// limits reports each entry of a below-threshold cluster: every one is a document a
// person should look at, since splitting or shaving amounts is done one entry at a time.
func (b *findingBuilder) limits(list []ThresholdCluster) {
	for _, c := range list {
		for _, i := range c.Rows {
			e := &b.in.Entries[i]
			b.add(core.Finding{Kind: KindBelowLimit, Severity: core.SeverityWarning, Amount: b.money(e.Amount), Records: b.entryRefs(e),
				Title:  fmt.Sprintf("%s: amount just under %d on %s", e.MoveName, c.Threshold, c.Account),
				Detail: fmt.Sprintf("%d amounts of this account fall within 5%% below %d, %d within 5%% above", c.Below, c.Threshold, c.Above)}, e.MoveID, c)
		}
	}
}
