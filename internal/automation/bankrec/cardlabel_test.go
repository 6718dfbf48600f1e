package bankrec

import "testing"

func docNumOf(name string) docNum {
	d := docNum{name: normRef(name)}
	d.prefix, d.year, d.seq, d.ok = docNumber(name)
	return d
}

// TestCardLabelDigitsAreNotDocumentNumbers replays the labels that fooled the matcher on real
// Odoo 18 and 19 demo data: the "5" of a terminal id and the "07" of a date are not sequence
// numbers of INV/2026/00005 or INV/2026/00007.
func TestCardLabelDigitsAreNotDocumentNumbers(t *testing.T) {
	label := readLabel("R:9772938  10/07 AX 9415116318 T:5 BRT: 100.00 C/ croip")
	for _, name := range []string{"INV/2026/00005", "INV/2026/00007", "PBNK1/2026/00005"} {
		if s, why := refScore(label, docNumOf(name)); s > 0 {
			t.Errorf("%s scored %.2f (%s) from a card label", name, s, why)
		}
	}
	// Beside a document word the bare number still counts.
	if s, _ := refScore(readLabel("Payment invoice 7 thanks"), docNumOf("INV/2026/00007")); s < 0.6 {
		t.Errorf("invoice 7 scored %.2f, want a sequence match", s)
	}
}
