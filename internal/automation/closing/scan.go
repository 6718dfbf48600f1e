package closing

import (
	"fmt"
	"math"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Check is one of the ten checks with what it found.
type Check struct {
	Number   int            `json:"number"`
	Name     string         `json:"name"`
	Findings []core.Finding `json:"findings"`
	Amount   int64          `json:"amount"` // sum of absolute finding amounts, minor units
}

// Report is a close scan of one period.
type Report struct {
	Period    string          `json:"period"`
	Currency  string          `json:"currency"`
	Decimals  int             `json:"decimals"`
	Checks    []Check         `json:"checks"`
	Readiness float64         `json:"readiness"` // 0-100
	Ready     bool            `json:"ready"`
	Proposals []core.Proposal `json:"proposals,omitempty"`
	At        time.Time       `json:"at"`
}

// Findings flattens every check's findings.
func (r Report) Findings() []core.Finding {
	var out []core.Finding
	for _, c := range r.Checks {
		out = append(out, c.Findings...)
	}
	return out
}

// Scan runs the ten checks over the input. It reads nothing and writes nothing: the
// loader fills the input, the automation records and proposes.
func Scan(in Input, p Params, now time.Time) (Report, error) {
	if err := in.validate(); err != nil {
		return Report{}, err
	}
	received, accruals := checkReceived(&in)
	anomalies := make([]core.Finding, len(in.Anomalies))
	copy(anomalies, in.Anomalies)
	r := Report{Period: in.Period.String(), Currency: in.Currency, Decimals: in.Decimals, At: now, Proposals: accruals}
	for i, c := range []struct {
		name string
		list []core.Finding
	}{
		{"Draft entries dated in the period", checkDraftEntries(&in)},
		{"Unreconciled bank statement lines", checkBankLines(&in)},
		{"Draft customer invoices and vendor bills", checkDraftDocuments(&in)},
		{"Suspense, outstanding and clearing accounts not at zero", checkOpenBalances(&in)},
		{"Payments not matched with the bank", checkPayments(&in)},
		{"Delivered but not invoiced", checkDelivered(&in)},
		{"Received but not billed", received},
		{"Expected recurring entries missing", checkRecurring(&in, p)},
		{"Tax consistency", checkTaxes(&in)},
		{"Anomalies", anomalies},
	} {
		chk := Check{Number: i + 1, Name: c.name, Findings: c.list}
		for k := range chk.Findings {
			chk.Findings[k].CreatedAt = now
			if chk.Findings[k].Amount != nil {
				chk.Amount += abs(chk.Findings[k].Amount.Minor)
			}
		}
		r.Checks = append(r.Checks, chk)
	}
	r.Readiness = readiness(r.Findings(), in.Decimals)
	r.Ready = r.Readiness >= p.ReadyAt && !hasCritical(r.Findings())
	return r, nil
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// severityWeight is how much one open item of a severity costs the readiness score.
var severityWeight = map[core.Severity]float64{core.SeverityCritical: 8, core.SeverityWarning: 3, core.SeverityInfo: 0.5}

// readiness is 100 x exp(-penalty/50), where each finding costs its severity weight times
// (1 + log10(1 + amount/1,000 in major units)): ten small warnings cost about half the
// score, one critical item a seventh, and large amounts weigh more without a single big
// one drowning everything else. Zero findings give 100.
func readiness(findings []core.Finding, decimals int) float64 {
	var penalty float64
	for _, f := range findings {
		w := severityWeight[f.Severity]
		if f.Amount != nil {
			major := math.Abs(float64(f.Amount.Minor)) / math.Pow10(decimals)
			w *= 1 + math.Log10(1+major/1000)
		}
		penalty += w
	}
	return math.Round(1000*math.Exp(-penalty/50)) / 10
}

func hasCritical(findings []core.Finding) bool {
	for _, f := range findings {
		if f.Severity == core.SeverityCritical {
			return true
		}
	}
	return false
}

// Summary is one line per check, for logs and the run summary.
func (r Report) Summary() string {
	s := fmt.Sprintf("%s: readiness %.1f", r.Period, r.Readiness)
	counts := make([]string, 0, len(r.Checks))
	for _, c := range r.Checks {
		counts = append(counts, fmt.Sprintf("(%d) %d", c.Number, len(c.Findings)))
	}
	return fmt.Sprintf("%s; open items %v", s, counts)
}
