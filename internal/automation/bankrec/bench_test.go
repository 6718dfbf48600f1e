package bankrec

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// synthetic builds nLines unreconciled lines against nItems open items of nItems/10
// partners: a third of the lines quote the invoice number exactly, a sixth with a typo, a
// sixth only carry the payer's name and amount, a tenth pay two invoices at once and the
// rest are noise (fees, payroll) with nothing to match.
func synthetic(nLines, nItems int, seed uint64) Inputs {
	r := rand.New(rand.NewPCG(seed, 99))
	nPartners := max(nItems/10, 1)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	in := Inputs{Partners: make([]Partner, nPartners), Items: make([]Item, nItems)}
	for p := range in.Partners {
		in.Partners[p] = Partner{ID: int64(p + 1), Name: fmt.Sprintf("%s %c%c%c %d BV", []string{"Partner", "Müller", "Société"}[p%3], 'A'+r.IntN(26), 'A'+r.IntN(26), 'A'+r.IntN(26), p),
			IBANs: []string{fmt.Sprintf("NL%02dBANK%010d", r.IntN(90)+10, p)}}
	}
	for i := range in.Items {
		in.Items[i] = Item{ID: int64(i + 1), MoveID: int64(i + 1), MoveName: fmt.Sprintf("INV/2026/%05d", i+1), MoveType: "out_invoice",
			PartnerID: int64(r.IntN(nPartners) + 1), AccountID: 1, Date: base.AddDate(0, 0, r.IntN(300)), Residual: int64(r.IntN(500000) + 1000)}
	}
	in.Lines = make([]Line, nLines)
	for k := range in.Lines {
		it := in.Items[r.IntN(nItems)]
		l := Line{ID: int64(k + 1), MoveID: int64(k + 1), JournalID: 1, SuspenseLineID: int64(1_000_000 + k), Date: it.Date.AddDate(0, 0, 5+r.IntN(40)), Amount: it.Residual}
		switch x := r.IntN(60); {
		case x < 20:
			l.Label, l.PartnerID = "Payment "+it.MoveName, it.PartnerID
		case x < 30:
			l.Label = typoLabel(r, it.MoveName)
			l.PartnerName = in.Partners[it.PartnerID-1].Name
		case x < 40:
			l.Label, l.AccountNumber = "TRANSFER", in.Partners[it.PartnerID-1].IBANs[0]
		case x < 46:
			other := in.Items[r.IntN(nItems)]
			l.Label, l.PartnerID, l.Amount = it.MoveName+" "+other.MoveName, it.PartnerID, it.Residual+other.Residual
		default:
			l.Label, l.Amount = fmt.Sprintf("BANK FEES %d ACCOUNT MAINTENANCE", r.IntN(1000)), -int64(r.IntN(5000)+100)
		}
		in.Lines[k] = l
	}
	return in
}

func typoLabel(r *rand.Rand, name string) string {
	b := []byte(name)
	i := len(b) - 2 - r.IntN(3)
	b[i], b[i+1] = b[i+1], b[i]
	return "inv " + string(b[4:])
}

func benchmarkMatch(b *testing.B, nLines, nItems int) {
	in := synthetic(nLines, nItems, 1)
	rules := []Rule{{ID: "model:1", Name: "bank fees", Nature: "amount_paid", LabelMode: "match_regex", LabelParam: `(?i)\bBANK\b.*\bFEES\b`, AccountID: 9}}
	rules, _ = PrepareRules(rules)
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for b.Loop() {
		m := NewMatcher(NewIndex(in.Items, in.Partners), Config{FeeAccountID: 9}, rules, nil)
		s := m.MatchAll(in.Lines)
		if len(s) != nLines {
			b.Fatalf("%d suggestions", len(s))
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	b.ReportMetric(float64(peak)/(1<<20), "heapMB")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(nLines), "µs/line")
}

// BenchmarkMatch10kx50k is the target size: 10,000 lines against 50,000 open items.
func BenchmarkMatch10kx50k(b *testing.B) { benchmarkMatch(b, 10_000, 50_000) }

// BenchmarkMatchGrowth shows how the cost grows with the number of lines (5 open items per line).
func BenchmarkMatchGrowth(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) { benchmarkMatch(b, n, 5*n) })
	}
}

// TestSyntheticSanity keeps the benchmark's data honest: the matcher finds the planted
// answer for the lines that quote the invoice number.
func TestSyntheticSanity(t *testing.T) {
	in := synthetic(500, 2500, 2)
	m := NewMatcher(NewIndex(in.Items, in.Partners), Config{}, nil, nil)
	right, quoted := 0, 0
	for i, s := range m.MatchAll(in.Lines) {
		l := in.Lines[i]
		if len(l.Label) > 8 && l.Label[:8] == "Payment " {
			quoted++
			if len(s.Items) == 1 && s.Items[0].MoveName == l.Label[8:] {
				right++
			}
		}
	}
	if quoted == 0 || float64(right) < 0.95*float64(quoted) {
		t.Fatalf("%d of %d lines quoting an invoice number matched it", right, quoted)
	}
}

// BenchmarkBaselineSHA256 hashes 64 MB: a fixed amount of CPU work to compare the matcher's
// figures against when the machine is shared (report ratios, not seconds).
func BenchmarkBaselineSHA256(b *testing.B) {
	buf := make([]byte, 64<<20)
	for b.Loop() {
		_ = sha256.Sum256(buf)
	}
}
