package dedup

import "github.com/agnivade/levenshtein"

// Field is one compared attribute of a pair of records.
type Field uint8

const (
	FieldName Field = iota
	FieldLegalForm
	FieldKind
	FieldEmail
	FieldPhone
	FieldVAT
	FieldIBAN
	FieldRef
	FieldAddress
	FieldStreet2
	FieldState
	FieldCountry
	FieldComment
	numFields
)

// fieldSpecs names each field and its comparison levels, from "disagree" (level 0) up to
// the strongest agreement. A pair where either side lacks the field gets levelNull.
var fieldSpecs = [numFields]struct {
	Name   string
	Levels []string
}{
	FieldName:      {"name", []string{"different", "a token shared", "similar", "very similar", "same"}},
	FieldLegalForm: {"legal_form", []string{"different", "same"}},
	FieldKind:      {"kind", []string{"different", "same"}},
	FieldEmail:     {"email", []string{"different", "same company domain", "same local part", "same mailbox"}},
	FieldPhone:     {"phone", []string{"different", "same last 8 digits", "same number"}},
	FieldVAT:       {"vat", []string{"different", "same"}},
	FieldIBAN:      {"iban", []string{"different", "shared account"}},
	FieldRef:       {"ref", []string{"different", "one edit apart", "same"}},
	FieldAddress: {"address", []string{"different", "same locality only", "same street, other locality",
		"similar street, same locality", "one or two typos", "same"}},
	FieldStreet2: {"street2", []string{"different", "similar", "one or two edits", "same"}},
	FieldState:   {"state", []string{"different", "same"}},
	FieldCountry: {"country", []string{"different", "same"}},
	FieldComment: {"comment", []string{"different", "similar", "one or two edits", "same"}},
}

func (f Field) String() string { return fieldSpecs[f].Name }

// levelNull marks a field missing on either side: it weighs nothing either way.
const levelNull int8 = -1

// Vector holds one comparison level per field.
type Vector [numFields]int8

// key packs a vector into 4 bits per field, so identical comparison patterns can be
// counted and scored once (EM runs over patterns, not pairs).
func (v *Vector) key() uint64 {
	var k uint64
	for f := range numFields {
		k |= uint64(v[f]+1) << (4 * uint(f))
	}
	return k
}

func vectorFromKey(k uint64) Vector {
	var v Vector
	for f := range numFields {
		v[f] = int8((k>>(4*uint(f)))&0xF) - 1
	}
	return v
}

// compare computes the comparison vector of two normalised records.
func compare(a, b *Record) Vector {
	var v Vector
	v[FieldName] = compareName(&a.Name, &b.Name)
	v[FieldLegalForm] = compareExact(a.Name.LegalForm, b.Name.LegalForm)
	v[FieldKind] = boolLevel(a.Kind == b.Kind)
	v[FieldEmail] = compareEmail(&a.Email, &b.Email)
	v[FieldPhone] = comparePhones(a.Phones[:], b.Phones[:])
	v[FieldVAT] = compareExact(a.VAT.Value, b.VAT.Value)
	ax, bx := a.more(), b.more()
	v[FieldIBAN] = compareSets(ax.IBANs, bx.IBANs)
	v[FieldRef] = compareCode(ax.Ref, bx.Ref)
	v[FieldAddress] = compareAddress(a, b)
	v[FieldStreet2] = compareText(ax.Street2, bx.Street2)
	if v[FieldAddress] < 4 && linesSwapped(a, b) {
		v[FieldAddress], v[FieldStreet2] = compareAddressSwapped(a, b), 3
	}
	v[FieldState] = compareExact(ax.State, bx.State)
	v[FieldCountry] = compareExact(a.Country, b.Country)
	v[FieldComment] = compareText(ax.Comment, bx.Comment)
	if a.Parent != 0 && a.Parent == b.Parent {
		siblingLevels(&v, a.Email.Distinct && b.Email.Distinct)
	}
	return v
}

// siblingLevels: contacts of one company share its switchboard number and mail domain, so
// for them those agreements say nothing; only a shared personal mailbox still counts
// ("eva@company" may be either of two Evas working there).
func siblingLevels(v *Vector, distinctMailboxes bool) {
	v[FieldPhone] = levelNull
	if v[FieldEmail] < 2 || !distinctMailboxes {
		v[FieldEmail] = levelNull
	}
}

func boolLevel(same bool) int8 {
	if same {
		return 1
	}
	return 0
}

func compareExact(a, b string) int8 {
	if a == "" || b == "" {
		return levelNull
	}
	return boolLevel(a == b)
}

// compareName looks at the sorted tokens (order-insensitive) and at the original order, and
// treats a name contained in the other ("Waller" vs "John Waller") as similar, not same.
func compareName(a, b *Name) int8 {
	if a.Sorted == "" || b.Sorted == "" {
		return levelNull
	}
	if a.Sorted == b.Sorted {
		return 4
	}
	sim := jwAtLeast(a.Sorted, b.Sorted, 0.8)
	if sim < 0.94 && sim >= 0.8 && (len(a.Tokens) > 1 || len(b.Tokens) > 1) {
		// Sorting can separate a typo from its token ("karli" vs "kraili"): also compare
		// in the order written. Skipped when the first look already settles it.
		sim = max(sim, jw(joinTokens(a.Tokens), joinTokens(b.Tokens)))
	}
	shared := sharesToken(a.Tokens, b.Tokens, 1)
	switch {
	case sim >= 0.94:
		return 3
	case sim >= 0.88 || isSubset(a.Tokens, b.Tokens) || isSubset(b.Tokens, a.Tokens) ||
		(shared && tokenSetRatio(a.Tokens, b.Tokens) >= 0.9) || (sim >= 0.75 && tokenSortRatio(a, b) >= 0.85):
		return 2
	case sim >= 0.8 || sharesToken(a.Tokens, b.Tokens, 3):
		return 1
	}
	return 0
}

func joinTokens(t []string) string {
	switch len(t) {
	case 0:
		return ""
	case 1:
		return t[0]
	}
	n := len(t) - 1
	for _, s := range t {
		n += len(s)
	}
	b := make([]byte, 0, n)
	for i, s := range t {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, s...)
	}
	return string(b)
}

func compareEmail(a, b *Email) int8 {
	if a.Domain == "" || b.Domain == "" {
		return levelNull
	}
	sameLocal := a.Local != "" && a.Local == b.Local
	if sameLocal && a.SpellsName && b.SpellsName {
		return levelNull // the name comparison already counts this
	}
	switch {
	case a.sameMailbox(b):
		return 3
	case sameLocal && a.Distinct && b.Distinct:
		return 2
	case a.Domain == b.Domain && !freeProviders[a.Domain]:
		return 1
	}
	return 0
}

func comparePhones(a, b []string) int8 {
	if a[0] == "" || b[0] == "" {
		return levelNull
	}
	best := int8(0)
	for _, x := range a {
		for _, y := range b {
			if x == "" || y == "" {
				continue
			}
			switch {
			case x == y:
				return 2
			case len(x) >= 9 && len(y) >= 9 && x[len(x)-8:] == y[len(y)-8:]:
				best = 1
			}
		}
	}
	return best
}

func compareSets(a, b []string) int8 {
	if len(a) == 0 || len(b) == 0 {
		return levelNull
	}
	for _, x := range a {
		if containsString(b, x) {
			return 1
		}
	}
	return 0
}

// compareCode is for short codes (ref, zip) where one typed digit wrong is common.
func compareCode(a, b string) int8 {
	if a == "" || b == "" {
		return levelNull
	}
	if a == b {
		return 2
	}
	if len(a) >= 4 && len(b) >= 4 && (levenshtein.ComputeDistance(a, b) == 1 || transposed(a, b)) {
		return 1
	}
	return 0
}

// transposed reports whether b is a with two neighbouring characters swapped, the most
// common typing slip in numbers ("6794161" vs "6794611" is two swaps apart, so not this;
// "6794161" vs "6791461" is).
func transposed(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// compareText is for free text (street, city, comment): exact, a couple of typos, similar.
func compareText(a, b string) int8 {
	if a == "" || b == "" {
		return levelNull
	}
	if a == b {
		return 3
	}
	if abs(len(a)-len(b)) <= 2 && max(len(a), len(b)) >= 4 && levenshtein.ComputeDistance(a, b) <= 2 {
		return 2
	}
	if jwAtLeast(a, b, 0.88) >= 0.88 {
		return 1
	}
	return 0
}
