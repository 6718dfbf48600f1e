package bankrec

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// memSink keeps the generator's records in memory, as the simulator would store them.
type memSink struct{ recs map[string][]Row }

func (m *memSink) Insert(model string, vals map[string]any) (int64, error) {
	if m.recs == nil {
		m.recs = map[string][]Row{}
	}
	id := int64(len(m.recs[model]) + 1)
	vals["id"] = id
	m.recs[model] = append(m.recs[model], vals)
	return id, nil
}

func (m *memSink) Patch(model string, id int64, vals map[string]any) error {
	for k, v := range vals {
		m.recs[model][id-1][k] = v
	}
	return nil
}

var evalToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

type demoData struct {
	in    Inputs
	truth *company.Truth
	cfg   Config
}

var demoCache sync.Map // seed -> *demoData

// demoCompany generates the demo company for a seed and converts it to matcher inputs
// exactly as the Odoo loader would (RawData.Build).
func demoCompany(t testing.TB, seed int64) *demoData {
	if v, ok := demoCache.Load(seed); ok {
		return v.(*demoData)
	}
	sink := &memSink{}
	tr, err := company.Generate(context.Background(), company.Options{Seed: seed, Size: company.SizeDemo, Version: 18, Today: evalToday}, sink)
	if err != nil {
		t.Fatalf("generate demo company: %v", err)
	}
	raw := RawData{Decimals: 2, OpenAccounts: map[int64]bool{}, SuspenseAccounts: map[int64]bool{}, LiquidityAccounts: map[int64]bool{},
		Partners: sink.recs["res.partner"], Banks: sink.recs["res.partner.bank"], Moves: sink.recs["account.move"], MoveLines: sink.recs["account.move.line"]}
	for _, a := range sink.recs["account.account"] {
		switch a.String("account_type") {
		case "asset_receivable", "liability_payable":
			raw.OpenAccounts[a.ID("id")] = true
		case "asset_cash":
			raw.LiquidityAccounts[a.ID("id")] = true
		}
	}
	raw.SuspenseAccounts[tr.Company.Accounts["suspense"]] = true
	for _, p := range sink.recs["account.payment"] { // as reader.payments does
		if !p.Bool("is_matched") && (p.String("state") == "in_process" || p.String("state") == "paid") {
			raw.OpenAccounts[p.ID("outstanding_account_id")] = true
		}
	}
	moves := map[int64]Row{}
	for _, m := range raw.Moves {
		moves[m.ID("id")] = m
	}
	for _, l := range sink.recs["account.bank.statement.line"] {
		l["date"] = moves[l.ID("move_id")]["date"] // inherited from the move in Odoo
		raw.Lines = append(raw.Lines, l)
	}
	d := &demoData{in: raw.Build(), truth: tr, cfg: Config{FeeAccountID: tr.Company.Accounts["bank_fees"]}}
	demoCache.Store(seed, d)
	return d
}

// approvedRules learns rules from the company's history and approves them all, as a
// person would after reading the rule proposals.
func approvedRules(in Inputs) []Rule {
	learned := Learn(in.Examples, nil, LearnOptions{})
	for i := range learned {
		learned[i].ID = fmt.Sprintf("model:%d", i+1)
	}
	rules, _ := PrepareRules(learned)
	return rules
}

type caseStats struct{ lines, suggested, auto, autoRight, topRight int }

type evalResult struct {
	perCase   map[string]*caseStats
	total     caseStats
	samples   []Sample
	threshold float64
}

func (r evalResult) String() string {
	var b strings.Builder
	t := r.total
	fmt.Fprintf(&b, "lines %d; auto (conf >= %.2f) %d = %.1f%% coverage, precision %.2f%%; top suggestion right %.1f%%\n",
		t.lines, r.threshold, t.auto, pct(t.auto, t.lines), pct(t.autoRight, t.auto), pct(t.topRight, t.lines))
	keys := make([]string, 0, len(r.perCase))
	for k := range r.perCase {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := r.perCase[k]
		fmt.Fprintf(&b, "  %-22s lines %4d  top-right %5.1f%%  auto %4d (recall %5.1f%%) auto-precision %6.2f%%\n",
			k, c.lines, pct(c.topRight, c.lines), c.auto, pct(c.autoRight, c.lines), pct(c.autoRight, c.auto))
	}
	return b.String()
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

// evaluate matches every unreconciled line of the demo company and scores it against truth.
func evaluate(t testing.TB, d *demoData, cal *Calibration, threshold float64) evalResult {
	ix := NewIndex(d.in.Items, d.in.Partners)
	m := NewMatcher(ix, d.cfg, approvedRules(d.in), cal)
	sugg := m.MatchAll(d.in.Lines)
	byLine := map[int64]Suggestion{}
	for _, s := range sugg {
		byLine[s.LineID] = s
	}
	res := evalResult{perCase: map[string]*caseStats{}, threshold: threshold}
	for _, bl := range d.truth.Bank.Unreconciled {
		s, ok := byLine[bl.LineID]
		if !ok {
			t.Fatalf("truth line %d is not among the unreconciled lines read", bl.LineID)
		}
		cs := res.perCase[bl.Case]
		if cs == nil {
			cs = &caseStats{}
			res.perCase[bl.Case] = cs
		}
		right := isRight(s, bl)
		for _, c := range []*caseStats{cs, &res.total} {
			c.lines++
			if s.Kind != KindNone {
				c.suggested++
			}
			if right {
				c.topRight++
			}
			if s.Kind != KindNone && s.Confidence >= threshold {
				c.auto++
				if right {
					c.autoRight++
				}
			}
		}
		if s.Kind != KindNone {
			res.samples = append(res.samples, Sample{F: s.Features, K: s.Kind, Correct: right})
		}
	}
	return res
}

// harder strips what Odoo may already have filled in on a freshly imported line: the
// partner (left only as the printed payer name) and, on every third line, the payer
// account. Calibration is fitted on both variants so that its lower bands have data.
func harder(d *demoData) *demoData {
	h := *d
	h.in.Lines = append([]Line(nil), d.in.Lines...)
	names := map[int64]string{}
	for _, p := range d.in.Partners {
		names[p.ID] = p.Name
	}
	for i := range h.in.Lines {
		l := &h.in.Lines[i]
		if l.PartnerID != 0 && l.PartnerName == "" {
			l.PartnerName = strings.ToUpper(names[l.PartnerID])
		}
		l.PartnerID = 0
		if i%3 == 0 {
			l.AccountNumber = ""
		}
	}
	return &h
}

// noisier removes the reference from every third document payment's label, leaving the
// amount, the payer and the date: the cases where two open invoices of one customer have the
// same amount, and where confidence must come down.
func noisier(d *demoData) *demoData {
	h := harder(d)
	doc := map[int64]bool{}
	for _, bl := range d.truth.Bank.Unreconciled {
		doc[bl.LineID] = bl.Case != "no_invoice"
	}
	n := 0
	for i := range h.in.Lines {
		if l := &h.in.Lines[i]; doc[l.ID] {
			if n%3 == 0 {
				l.Label = "TRANSFER"
			}
			n++
		}
	}
	return h
}

// variants are the versions of each company the calibration is fitted and checked on.
var variants = []struct {
	name string
	make func(*demoData) *demoData
}{
	{"as generated", func(d *demoData) *demoData { return d }},
	{"partners stripped", harder},
	{"partners stripped, a third of references removed", noisier},
}

func isRight(s Suggestion, bl company.BankLine) bool {
	if bl.Case == "no_invoice" {
		return s.Kind == KindRule && s.AccountID == bl.CounterpartAccountID
	}
	got, want := s.MoveIDs(), append([]int64(nil), bl.InvoiceMoveIDs...)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return false
	}
	switch bl.Case {
	case "fee":
		return s.Kind == KindFee
	case "partial":
		// The last installment settles what is left: reconciling it in full is right.
		return s.Kind == KindPartial || s.Kind == KindInvoice
	}
	return s.Kind == KindInvoice || s.Kind == KindGrouped
}

// TestDemoAccuracyAcrossSeeds measures the targets on companies the calibration was not
// fitted on, as generated and with partners stripped from the lines.
func TestDemoAccuracyAcrossSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("generates demo companies")
	}
	for _, variant := range variants[:2] {
		agg := evalResult{perCase: map[string]*caseStats{}, threshold: 0.95}
		for _, seed := range checkSeeds {
			d := variant.make(demoCompany(t, seed))
			r := evaluate(t, d, nil, 0.95)
			add := func(dst, src *caseStats) {
				dst.lines += src.lines
				dst.suggested += src.suggested
				dst.auto += src.auto
				dst.autoRight += src.autoRight
				dst.topRight += src.topRight
			}
			add(&agg.total, &r.total)
			for k, c := range r.perCase {
				if agg.perCase[k] == nil {
					agg.perCase[k] = &caseStats{}
				}
				add(agg.perCase[k], c)
			}
		}
		t.Logf("%s, seeds %v:\n%s", variant.name, checkSeeds, agg)
		tot := agg.total
		if p := pct(tot.autoRight, tot.auto); p < 99.5 {
			t.Errorf("%s: auto-applied precision %.2f%% < 99.5%%", variant.name, p)
		}
		if c := pct(tot.auto, tot.lines); c < 85 {
			t.Errorf("%s: auto-applied coverage %.1f%% < 85%%", variant.name, c)
		}
		if r := pct(tot.topRight, tot.lines); r < 97 {
			t.Errorf("%s: top suggestion right for %.1f%% of lines < 97%%", variant.name, r)
		}
	}
}

// TestNoisyVariant reports how the matcher fares when a third of the labels carry no
// reference; it asserts only what must hold whatever the data: auto-applied answers stay
// precise.
func TestNoisyVariant(t *testing.T) {
	if testing.Short() {
		t.Skip("generates demo companies")
	}
	agg := evalResult{perCase: map[string]*caseStats{}, threshold: 0.95}
	for _, seed := range checkSeeds {
		r := evaluate(t, noisier(demoCompany(t, seed)), nil, 0.95)
		agg.total.lines += r.total.lines
		agg.total.auto += r.total.auto
		agg.total.autoRight += r.total.autoRight
		agg.total.topRight += r.total.topRight
		for k, c := range r.perCase {
			if agg.perCase[k] == nil {
				agg.perCase[k] = &caseStats{}
			}
			a := agg.perCase[k]
			a.lines, a.auto, a.autoRight, a.topRight = a.lines+c.lines, a.auto+c.auto, a.autoRight+c.autoRight, a.topRight+c.topRight
		}
	}
	t.Logf("%s, seeds %v:\n%s", variants[2].name, checkSeeds, agg)
	if p := pct(agg.total.autoRight, agg.total.auto); p < 99 {
		t.Errorf("auto-applied precision %.2f%% < 99%% with references removed", p)
	}
}
