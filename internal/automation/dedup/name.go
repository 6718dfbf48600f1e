package dedup

import (
	"slices"
	"strings"
)

// legalForms maps a folded legal-form spelling (tokens joined by spaces) to its canonical
// code. The legal form is kept apart from the name: "Acme GmbH" and "ACME" share a name,
// and "Acme GmbH" vs "Acme AG" is a (weak) sign of two different entities.
var legalForms = map[string]string{
	"gmbh": "gmbh", "gesellschaft mit beschrankter haftung": "gmbh", "mbh": "gmbh",
	"gmbh and co kg": "gmbh&cokg", "gmbh co kg": "gmbh&cokg", "ag": "ag", "aktiengesellschaft": "ag",
	"kg": "kg", "ohg": "ohg", "ug": "ug", "ev": "ev", "kgaa": "kgaa", "se": "se",
	"sa": "sa", "sas": "sas", "sasu": "sasu", "sarl": "sarl", "eurl": "eurl", "sci": "sci", "snc": "snc",
	"sl": "sl", "slu": "slu", "sa de cv": "sa", "srl": "srl", "spa": "spa", "sapa": "sapa", "snc srl": "srl",
	"bv": "bv", "nv": "nv", "vof": "vof", "bvba": "bvba", "cv": "cv", "scrl": "scrl", "sprl": "sprl",
	"ltd": "ltd", "limited": "ltd", "llc": "llc", "llp": "llp", "lp": "lp", "plc": "plc",
	"inc": "inc", "incorporated": "inc", "corp": "corp", "corporation": "corp", "pty ltd": "ptyltd",
	"pty": "ptyltd", "ab": "ab", "as": "as", "asa": "asa", "oy": "oy", "oyj": "oyj", "aps": "aps",
	"sp z oo": "spzoo", "spzoo": "spzoo", "sro": "sro", "as sro": "sro", "kft": "kft", "zrt": "zrt",
	"lda": "lda", "ltda": "ltda", "doo": "doo", "ad": "ad", "eood": "eood", "ood": "ood",
	"co": "co", "company": "co", "and co": "co", "cie": "co", "and cie": "co",
}

// maxLegalFormTokens is the longest legal-form spelling above, in tokens.
const maxLegalFormTokens = 5

// nameStopwords carry no identity: "Smith and Sons" vs "Smith Sons".
var nameStopwords = map[string]bool{"and": true, "und": true, "et": true, "the": true, "y": true, "e": true}

// Name is a normalised partner name.
type Name struct {
	Tokens    []string // folded tokens without legal form and stop words, in original order
	Sorted    string   // tokens sorted and joined: insensitive to "Smith John" vs "John Smith"
	LegalForm string   // canonical legal-form code, "" when none
}

// normalizeName folds a name, strips a trailing legal form and stop words, and joins runs of
// single letters ("S A" from "S.A.", "I B M") into one token.
func normalizeName(s string) Name {
	tokens := joinInitials(strings.Fields(fold(s)))
	tokens, form := stripLegalForm(tokens)
	kept := tokens[:0]
	for _, t := range tokens {
		if !nameStopwords[t] {
			kept = append(kept, t)
		}
	}
	sorted := slices.Clone(kept)
	slices.Sort(sorted)
	return Name{Tokens: kept, Sorted: strings.Join(sorted, " "), LegalForm: form}
}

// stripLegalForm removes legal forms at the end of the name (repeatedly: "Acme Holding GmbH
// & Co. KG"), keeping the first one found as the entity's form. A name made only of a legal
// form keeps its tokens: the form is then the name.
func stripLegalForm(tokens []string) ([]string, string) {
	form := ""
	for len(tokens) > 1 {
		n, code := trailingLegalForm(tokens)
		if n == 0 || n == len(tokens) {
			break
		}
		if form == "" {
			form = code
		}
		tokens = tokens[:len(tokens)-n]
	}
	return tokens, form
}

// trailingLegalForm returns how many trailing tokens form the longest legal-form spelling.
func trailingLegalForm(tokens []string) (int, string) {
	for n := min(maxLegalFormTokens, len(tokens)); n >= 1; n-- {
		if code, ok := legalForms[strings.Join(tokens[len(tokens)-n:], " ")]; ok {
			return n, code
		}
	}
	return 0, ""
}

func joinInitials(tokens []string) []string {
	single := 0
	for _, t := range tokens {
		if len(t) == 1 {
			single++
		}
	}
	if single < 2 { // nothing to join: keep the slice, no allocation
		return tokens
	}
	out := tokens[:0:0]
	for i := 0; i < len(tokens); {
		j := i
		for j < len(tokens) && len(tokens[j]) == 1 {
			j++
		}
		if j-i >= 2 {
			out = append(out, strings.Join(tokens[i:j], ""))
			i = j
			continue
		}
		out = append(out, tokens[i])
		i++
	}
	return out
}

// soundex is the classic American Soundex code of a folded ASCII token ("robert" → "r163").
// It groups spelling variants of a name for blocking; it is never used to score.
func soundex(s string) string {
	if s == "" {
		return ""
	}
	const codes = "01230120022455012623010202" // a..z
	out := []byte{s[0]}
	last := byte('0')
	if c := s[0]; c >= 'a' && c <= 'z' {
		last = codes[c-'a']
	}
	for i := 1; i < len(s) && len(out) < 4; i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			continue
		}
		code := codes[c-'a']
		if code != '0' && code != last {
			out = append(out, code)
		}
		if c != 'h' && c != 'w' {
			last = code
		}
	}
	for len(out) < 4 {
		out = append(out, '0')
	}
	return string(out)
}
