package anomaly

import (
	"sort"
	"strings"
	"time"
	"unicode"
)

// Bill is a vendor bill (or any document with a partner, an amount and a reference).
type Bill struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name,omitempty"` // Odoo's number, e.g. BILL/2026/10/0004
	Ref       string    `json:"ref,omitempty"`  // the vendor's own invoice number
	PartnerID int64     `json:"partner_id"`
	Partner   string    `json:"partner,omitempty"`
	Date      time.Time `json:"date"`
	Amount    int64     `json:"amount"` // total, minor units
	Currency  string    `json:"currency"`
}

// DuplicateOptions tune duplicate-bill detection.
type DuplicateOptions struct {
	MaxDays       int     // bills further apart than this are not compared; default 31
	MinSimilarity float64 // normalised reference similarity that counts as "similar"; default 0.8
	// TypoDays bounds pairs whose references differ in their digits ("INV-1234" vs
	// "INV-1243"): a vendor's consecutive monthly invoices look just like a typo, but they
	// are weeks apart, a re-keyed bill is days apart. Default 7.
	TypoDays int
}

func (o DuplicateOptions) withDefaults() DuplicateOptions {
	if o.MaxDays <= 0 {
		o.MaxDays = 31
	}
	if o.MinSimilarity <= 0 {
		o.MinSimilarity = 0.8
	}
	if o.TypoDays <= 0 {
		o.TypoDays = 7
	}
	return o
}

// DuplicatePair is two bills that look like the same bill entered twice.
type DuplicatePair struct {
	First      Bill    `json:"first"`
	Second     Bill    `json:"second"`
	Days       int     `json:"days"`
	Similarity float64 `json:"reference_similarity"`
	Confidence float64 `json:"confidence"`
	Reason     string  `json:"reason"`
}

// DuplicateBills finds pairs with the same vendor, currency and amount, dated within
// MaxDays of each other and with similar references. Two bills without any reference
// also pair, at lower confidence, since nothing tells them apart.
func DuplicateBills(bills []Bill, opt DuplicateOptions) []DuplicatePair {
	opt = opt.withDefaults()
	type key struct {
		partner int64
		amount  int64
		cur     string
	}
	groups := make(map[key][]int)
	for i, b := range bills {
		if b.PartnerID != 0 && b.Amount != 0 {
			k := key{b.PartnerID, b.Amount, b.Currency}
			groups[k] = append(groups[k], i)
		}
	}
	var out []DuplicatePair
	for _, idx := range groups {
		sort.Slice(idx, func(a, b int) bool { return bills[idx[a]].Date.Before(bills[idx[b]].Date) })
		for a := 0; a < len(idx); a++ {
			for b := a + 1; b < len(idx); b++ {
				p, ok := comparePair(bills[idx[a]], bills[idx[b]], opt)
				if p.Days > opt.MaxDays {
					break // sorted by date: every later bill is further away
				}
				if ok {
					out = append(out, p)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		return out[i].First.ID < out[j].First.ID
	})
	return out
}

func comparePair(a, b Bill, opt DuplicateOptions) (DuplicatePair, bool) {
	days := int(b.Date.Sub(a.Date).Hours() / 24)
	if days < 0 {
		days = -days
	}
	p := DuplicatePair{First: a, Second: b, Days: days}
	ra, rb := normalizeRef(a.Ref), normalizeRef(b.Ref)
	switch {
	case ra == "" && rb == "":
		p.Confidence, p.Reason = 0.6, "same vendor and amount, no reference on either bill"
		return p, true
	case ra == "" || rb == "":
		return p, false // one has a reference the other lacks: more likely two bills
	}
	p.Similarity = refSimilarity(ra, rb)
	if p.Similarity < opt.MinSimilarity {
		return p, false
	}
	if digitsDiffer(ra, rb) && days > opt.TypoDays {
		return p, false
	}
	// Same reference and amount is near-certain; closer dates add a little.
	p.Confidence = 0.7 + 0.25*p.Similarity*(1-float64(days)/float64(opt.MaxDays+1))
	p.Reason = "same vendor and amount, similar reference"
	if p.Similarity == 1 {
		p.Reason = "same vendor, amount and reference"
	}
	return p, true
}

// normalizeRef keeps letters and digits, upper-cased, so "inv-0042" equals "INV 0042".
func normalizeRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// refSimilarity is 1 - normalised edit distance (transpositions count as one edit), or 0.95 when only the digits agree
// (a vendor writing "INV0042" on one copy and "0042" on the other).
func refSimilarity(a, b string) float64 {
	if a == b {
		return 1
	}
	if da, db := digitsOnly(a), digitsOnly(b); da != "" && strings.TrimLeft(da, "0") == strings.TrimLeft(db, "0") {
		return 0.95
	}
	ra, rb := []rune(a), []rune(b)
	return 1 - float64(osaDistance(ra, rb))/float64(max(len(ra), len(rb)))
}

// osaDistance is the optimal-string-alignment edit distance: Levenshtein plus adjacent
// transpositions, the commonest keying slip ("1243" for "1234").
func osaDistance(a, b []rune) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}

func digitsDiffer(a, b string) bool {
	return strings.TrimLeft(digitsOnly(a), "0") != strings.TrimLeft(digitsOnly(b), "0")
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
