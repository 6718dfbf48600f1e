package bankrec

import (
	"math/big"
	"strconv"
	"strings"
)

// normRef keeps letters and digits, upper-cased: "inv / 2026 / 0042" -> "INV20260042".
func normRef(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
			b = append(b, c)
		case c >= 'a' && c <= 'z':
			b = append(b, c-'a'+'A')
		}
	}
	return string(b)
}

// docNumber splits a document name such as "INV/2026/00042" into its letter prefix, year
// and sequence number ("INV", 2026, 42). ok is false for names without a trailing number.
func docNumber(name string) (prefix string, year int, seq int64, ok bool) {
	groups := digitGroups(name)
	if len(groups) == 0 {
		return "", 0, 0, false
	}
	last := groups[len(groups)-1]
	seq, err := strconv.ParseInt(trimZeros(last), 10, 64)
	if err != nil {
		return "", 0, 0, false
	}
	if len(groups) >= 2 {
		if y, err := strconv.Atoi(groups[len(groups)-2]); err == nil && y >= 1990 && y <= 2100 {
			year = y
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= '0' && c <= '9' {
			break
		}
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			prefix += string(c &^ 0x20)
		}
	}
	return prefix, year, seq, true
}

// digitGroups returns the runs of digits in s.
func digitGroups(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		digit := i < len(s) && s[i] >= '0' && s[i] <= '9'
		if digit && start < 0 {
			start = i
		} else if !digit && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// numberKeys turns the digit runs of a bank label into the (year, sequence) pairs a person
// may have meant, tolerating the usual damage: lost separators ("INV202600042" is 2026 and
// 42), dropped leading zeros, and one swapped pair of adjacent digits. exact marks keys
// read as written.
type numberKey struct {
	year  int
	seq   int64
	exact bool
}

func numberKeys(label string) []numberKey {
	groups := digitGroups(label)
	var out []numberKey
	add := func(year int, digits string, exact bool) {
		if len(digits) == 0 || len(digits) > 12 {
			return
		}
		if v, err := strconv.ParseInt(trimZeros(digits), 10, 64); err == nil && v > 0 {
			out = append(out, numberKey{year: year, seq: v, exact: exact})
		}
	}
	for i, g := range groups {
		year := 0
		if i > 0 {
			if y, err := strconv.Atoi(groups[i-1]); err == nil && y >= 1990 && y <= 2100 {
				year = y
			}
		}
		add(year, g, true)
		if len(g) >= 7 && (strings.HasPrefix(g, "19") || strings.HasPrefix(g, "20")) { // year glued to the number
			y, _ := strconv.Atoi(g[:4])
			add(y, g[4:], true)
			g, year = g[4:], y
		}
		for j := 0; j+1 < len(g); j++ { // one transposition
			if g[j] != g[j+1] {
				b := []byte(g)
				b[j], b[j+1] = b[j+1], b[j]
				add(year, string(b), false)
			}
		}
	}
	return out
}

// truncKey is the number a label ends with, when the bank may have cut it: the document's
// sequence is base followed by one or two lost digits.
type truncKey struct {
	base int64
	year int
}

func truncatedKey(label string) (truncKey, bool) {
	groups := digitGroups(label)
	n := len(groups)
	if n < 2 || !strings.HasSuffix(strings.TrimSpace(label), groups[n-1]) || len(groups[n-1]) < 3 {
		return truncKey{}, false
	}
	y, err := strconv.Atoi(groups[n-2])
	if err != nil || y < 1990 || y > 2100 {
		return truncKey{}, false // without the year, a cut number would match hundreds of documents
	}
	v, err := strconv.ParseInt(trimZeros(groups[n-1]), 10, 64)
	if err != nil || v >= 1e9 {
		return truncKey{}, false
	}
	return truncKey{base: v, year: y}, true
}

// covers reports whether seq is base with one or two digits appended.
func (t truncKey) covers(seq int64) bool {
	return seq/10 == t.base || seq >= 100 && seq/100 == t.base
}

// structuredRefs finds ISO 11649 creditor references ("RF18 5390 0754 7034") and Belgian
// structured communications ("+++090/9337/55493+++") in free text and returns them
// normalised, only when their check digits hold: a valid checksum makes a typo unlikely.
func structuredRefs(label string) []string {
	var out []string
	compact := normRef(label)
	for i := strings.Index(compact, "RF"); i >= 0; {
		rest := compact[i:]
		for n := min(len(rest), 25); n >= 5; n-- {
			if validRF(rest[:n]) {
				out = append(out, rest[:n])
				break
			}
		}
		j := strings.Index(compact[i+2:], "RF")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	for _, g := range digitGroupsLoose(label) {
		if len(g) == 12 && validBelgian(g) {
			out = append(out, g)
		}
	}
	return out
}

// digitGroupsLoose joins digits separated by '/', '+', '*', '.' or spaces, which is how
// Belgian references are printed ("+++090/9337/55493+++", "090 9337 55493").
func digitGroupsLoose(s string) []string {
	var out []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			cur = append(cur, c)
		case c == '/' || c == '+' || c == '*' || c == '.' || c == ' ':
			if len(cur) == 12 {
				flush()
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

// validRF checks an ISO 11649 reference: move "RFkk" to the end, letters to numbers, mod 97 = 1.
func validRF(s string) bool {
	if len(s) < 5 || len(s) > 25 || s[:2] != "RF" || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	var b strings.Builder
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			b.WriteString(strconv.Itoa(int(c-'A') + 10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// validBelgian checks a 12-digit Belgian structured communication: the first ten digits
// mod 97 equal the last two (97 when the remainder is 0).
func validBelgian(d string) bool {
	base, err1 := strconv.ParseInt(d[:10], 10, 64)
	check, err2 := strconv.ParseInt(d[10:], 10, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	m := base % 97
	if m == 0 {
		m = 97
	}
	return m == check
}

// paymentRefKey normalises an invoice's payment reference for lookup: structured
// references to their canonical form, anything else to letters and digits.
func paymentRefKey(ref string) string {
	if refs := structuredRefs(ref); len(refs) > 0 {
		return refs[0]
	}
	return normRef(ref)
}
