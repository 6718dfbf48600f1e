package bankrec

import "fmt"

// evidenceCap bounds the confidence of answers the calibration data hardly contains, so
// that they never apply without a person: a match on the amount alone (no reference, payer
// unknown) and an answer with a near rival. The generated companies behind the fit are
// kinder than real bank files in exactly these cases.
func evidenceCap(f Features, k Kind) float64 {
	switch {
	case k == KindRule:
		return 1
	case k == KindPartial && f.Ref <= 0.65 && f.Partner < 0.9:
		// A part payment on a sequence number alone, the payer unknown: on real bank files
		// this was a card label's digits, never a payment. A person must look.
		return 0.5
	case f.Ref < 0.6 && f.Partner < 0.9:
		return 0.8
	case f.Amount > 0.6 && f.Amount < 1 && f.Items == 1:
		return 0.9 // overpaid by a little: no such case in the calibration data
	case f.Rivals > 0:
		return 0.9
	}
	return 1
}

// dedupe keeps the best-scoring candidate per answer (the same documents can be found
// both as named by the label and by subset-sum). cands must be sorted best first.
func dedupe(cands []candidate) []candidate {
	seen := map[string]bool{}
	out := cands[:0]
	for _, c := range cands {
		k := fmt.Sprint(c.kind, c.items)
		if c.rule != nil {
			k += c.rule.ID
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

func amountWhy(kind Kind, fee int64, it Item) string {
	switch kind {
	case KindInvoice:
		return "amount equals (or exceeds by at most overpay_tolerance) what " + it.MoveName + " still owes"
	case KindFee:
		return fmt.Sprintf("amount is %s short of %s: a bank fee", minorString(fee), it.MoveName)
	case KindPartial:
		return "part payment of " + it.MoveName
	}
	return ""
}

func reasons(rs ...string) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		if r != "" {
			out = append(out, r)
		}
	}
	return out
}

func minorString(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}
