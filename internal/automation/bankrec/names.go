package bankrec

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/adrg/strutil/metrics"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// legalWords are dropped before comparing names: banks print "ACME BV" for "Acme B.V.",
// and a holding or a salutation says nothing about who paid.
var legalWords = map[string]bool{
	"SA": true, "NV": true, "BV": true, "BVBA": true, "SRL": true, "SPRL": true, "GMBH": true, "AG": true, "KG": true,
	"LTD": true, "LIMITED": true, "PLC": true, "INC": true, "LLC": true, "SAS": true, "SARL": true, "SPA": true,
	"CO": true, "CORP": true, "MR": true, "MRS": true, "MS": true, "MME": true, "M": true, "HERR": true, "FRAU": true,
	"HOLDING": true, "THE": true, "AND": true, "ET": true, "UND": true, "EN": true, "VOF": true, "CV": true, "OHG": true, "EK": true,
}

// foldPool hands out accent-folding transformers: a transform.Chain keeps state between
// calls, so each goroutine needs its own.
var foldPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// nameTokens folds accents, upper-cases, splits on anything not a letter or digit and drops
// legal forms and salutations.
func nameTokens(s string) []string {
	folded := s
	if !isASCII(s) {
		t := foldPool.Get().(transform.Transformer)
		t.Reset()
		if f, _, err := transform.String(t, s); err == nil {
			folded = f
		}
		foldPool.Put(t)
	}
	fields := strings.FieldsFunc(strings.ToUpper(folded), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := fields[:0]
	for _, f := range fields {
		if !legalWords[f] {
			out = append(out, f)
		}
	}
	return out
}

var jaroWinkler = metrics.NewJaroWinkler()

// nameSimilarity compares two names as token sets: the share of tokens of the shorter name
// found (exactly or nearly, Jaro-Winkler >= 0.9) in the longer one, blended with the
// Jaro-Winkler similarity of the sorted token strings. 1 means the same name.
func nameSimilarity(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	hit := 0.0
	for _, s := range short {
		best := 0.0
		for _, l := range long {
			if s == l {
				best = 1
				break
			}
			if len(s) > 1 && len(l) > 1 {
				if v := jaroWinkler.Compare(s, l); v > best && v >= 0.9 {
					best = v
				}
			} else if len(s) == 1 && strings.HasPrefix(l, s) { // an initial
				best = max(best, 0.8)
			}
		}
		hit += best
	}
	overlap := hit / float64(len(short))
	sa, sb := sortedJoin(a), sortedJoin(b)
	whole := jaroWinkler.Compare(sa, sb)
	// A name with fewer tokens matching fully ("ACME" for "ACME TRADING") is weaker than
	// an identical one: weigh by how much of the longer name is covered.
	coverage := float64(len(short)) / float64(len(long))
	return 0.6*overlap*(0.7+0.3*coverage) + 0.4*whole
}

func sortedJoin(t []string) string {
	c := append([]string(nil), t...)
	sort.Strings(c)
	return strings.Join(c, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
