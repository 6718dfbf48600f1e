package bankrec

import (
	"strings"
)

// Features describe how well a candidate fits a line. They feed both the ranking score
// and the calibrated confidence.
type Features struct {
	Ref     float64 `json:"ref"`     // 1 = reference found as written ... 0 = none
	Amount  float64 `json:"amount"`  // 1 = exact, 0.6 = short by a fee, 0.25 = part payment
	Partner float64 `json:"partner"` // 1 = line's partner, 0.95 = payer's IBAN, name similarity, 0 unknown, < 0 another partner
	Date    float64 `json:"date"`    // 1 = paid soon after the document date
	Items   int     `json:"items"`   // documents settled
	Margin  float64 `json:"margin"`  // score lead over the runner-up
	Rivals  int     `json:"rivals"`  // other candidates scoring almost as well
	Rule    float64 `json:"rule"`    // learned rule fit (KindRule)
}

// labelInfo is a line's label read once: compacted, its numbers and structured references.
type labelInfo struct {
	norm        string
	keys        []numberKey
	trunc       truncKey // number at the very end of the label, maybe cut by the bank
	hasTrunc    bool
	structured  []string
	partialWord bool // the payer calls it an installment or a part payment
	docWord     bool // the label names a document ("invoice", "facture", "Rechnung", "ref", …)
}

// docWords name a document in the languages payers write in; beside one, a bare number may
// be a document's sequence number.
var docWords = []string{"INV", "FACT", "RECHN", "FATT", "BILL", "REF", "NOTA", "BELEG", "DOC", "ORDER", "BESTEL"}

// partialWords say "part payment" in the languages the payers write in.
var partialWords = []string{"PARTIAL", "PART PAYMENT", "INSTAL", "ACOMPTE", "TEILZAHLUNG", "ANZAHLUNG", "RATE ", "DEELBETALING",
	"TERMIJN", "AFBETALING", "PAIEMENT PARTIEL", "PAGO PARCIAL", "ABSCHLAG"}

func readLabel(label string) labelInfo {
	up := strings.ToUpper(label)
	li := labelInfo{norm: normRef(label), keys: numberKeys(label), structured: structuredRefs(label)}
	li.trunc, li.hasTrunc = truncatedKey(label)
	for _, w := range docWords {
		if strings.Contains(up, w) {
			li.docWord = true
			break
		}
	}
	for _, w := range partialWords {
		if strings.Contains(up, w) {
			li.partialWord = true
			break
		}
	}
	return li
}

// refScore says how clearly the label names the document, and why.
func refScore(lab labelInfo, d docNum) (float64, string) {
	for _, s := range lab.structured {
		if d.pay != "" && s == d.pay {
			return 1, "structured payment reference " + s
		}
	}
	if len(d.name) >= 4 && strings.Contains(lab.norm, d.name) {
		return 1, "document number in the label"
	}
	if len(d.pay) >= 6 && strings.Contains(lab.norm, d.pay) {
		return 0.95, "payment reference in the label"
	}
	if len(d.ref) >= 4 && strings.Contains(lab.norm, d.ref) {
		return 0.9, "vendor reference in the label"
	}
	if !d.ok {
		return 0, ""
	}
	best, why := 0.0, ""
	prefixOK := d.prefix != "" && strings.Contains(lab.norm, d.prefix)
	for _, k := range lab.keys {
		if k.seq != d.seq {
			continue
		}
		yearOK := k.year != 0 && k.year == d.year
		var s float64
		var w string
		switch {
		case k.exact && yearOK:
			s, w = 0.85, "document number with other formatting"
		case k.exact && k.year == 0:
			// A bare number is a document number only beside the document's prefix or a
			// word for a document: in card labels digits are dates (10/07), terminal ids
			// (T:5) and amounts (found on real Odoo 18 and 19 demo data).
			if !prefixOK && !lab.docWord {
				continue
			}
			s, w = 0.6, "document sequence number without year"
		case !k.exact && yearOK:
			s, w = 0.6, "document number with two digits swapped"
		default:
			s, w = 0.3, "similar number"
		}
		if prefixOK {
			s += 0.05
		}
		if s > best {
			best, why = s, w
		}
	}
	if best < 0.6 && lab.hasTrunc && lab.trunc.year == d.year && lab.trunc.covers(d.seq) && truncatedTail(lab.norm, d.name) != "" {
		best, why = 0.6, "document number cut off at the end of the label"
	}
	return best, why
}

// amountFit compares the line with one item of the same sign: exact, short by a bank fee,
// or a part payment. ok is false when the line pays more than the item owes.
func amountFit(cfg Config, lineAmt, residual int64) (fit float64, kind Kind, fee int64, ok bool) {
	a, r := abs(lineAmt), abs(residual)
	switch {
	case a == r:
		return 1, KindInvoice, 0, true
	case a > r && a-r <= cfg.OverpayTolerance:
		// A few cents too much: the item is paid and the rest stays on the partner's
		// account as a credit, as Odoo leaves it.
		return 0.7, KindInvoice, 0, true
	case a > r:
		return 0, KindNone, 0, false
	}
	gap := r - a
	if gap <= cfg.MaxFee && float64(gap) <= cfg.MaxFeeRatio*float64(r) {
		return 0.6, KindFee, gap, true
	}
	return 0.25, KindPartial, 0, true
}

// dateFit prefers documents dated shortly before the payment.
func dateFit(days int) float64 {
	switch {
	case days < 0:
		return 0.3 // paid before the document date: possible (prepayment), unusual
	case days <= 90:
		return 1 - float64(days)/300
	default:
		return max(0.2, 0.7-float64(days-90)/600)
	}
}

// rankScore orders candidates; weights reflect that a reference is the strongest evidence,
// then the amount, then who paid.
func rankScore(f Features) float64 {
	return 4*f.Ref + 2.5*f.Amount + 2*f.Partner + 0.5*f.Date + 6*f.Rule - 0.15*float64(max(f.Items-1, 0))
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func sameSign(a, b int64) bool { return a > 0 && b > 0 || a < 0 && b < 0 }

// truncatedTail is the end of the label that should be the start of the document name when
// the bank cut the label: as many characters as the name minus the lost digits allow.
func truncatedTail(norm, name string) string {
	for n := len(name) - 1; n >= 6; n-- {
		if strings.HasSuffix(norm, name[:n]) {
			return name[:n]
		}
	}
	return "" // no prefix of the name ends the label
}
