package dedup

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// streetWords maps abbreviations to the word they stand for, so "12 Main St." and
// "12 Main Street", "Hauptstr. 5" and "Hauptstrasse 5" compare equal.
var streetWords = map[string]string{
	"st": "street", "str": "strasse", "ave": "avenue", "av": "avenue", "rd": "road",
	"blvd": "boulevard", "bd": "boulevard", "bvd": "boulevard", "dr": "drive", "ln": "lane",
	"ct": "court", "pl": "place", "sq": "square", "hwy": "highway", "cres": "crescent",
	"cct": "circuit", "cir": "circle", "pde": "parade", "tce": "terrace", "pkwy": "parkway",
	"mt": "mount", "ste": "suite", "apt": "apartment", "fl": "floor", "bldg": "building",
	"n": "north", "s": "south", "e": "east", "w": "west", "r": "rue", "chem": "chemin",
	"imp": "impasse", "rte": "route", "pza": "piazza", "vle": "viale", "c": "calle",
	"avda": "avenida", "pso": "paseo", "gr": "gracht",
}

// Street is a normalised street line with the house number kept apart, so a typo in the
// number and a different street are told apart.
type Street struct {
	Full   string // folded, abbreviations expanded, number first
	Number string
}

// Name is the street without its house number.
func (s Street) Name() string {
	if s.Number == "" {
		return s.Full
	}
	return strings.TrimPrefix(strings.TrimPrefix(s.Full, s.Number), " ")
}

// normalizeStreet folds the street, expands abbreviations (also German "...str" suffixes)
// and pulls out the first token that starts with a digit as the house number.
func normalizeStreet(s string) Street {
	tokens := strings.Fields(fold(s))
	if len(tokens) == 0 {
		return Street{}
	}
	number := ""
	name := make([]string, 0, len(tokens))
	for _, t := range tokens {
		if number == "" && t[0] >= '0' && t[0] <= '9' {
			number = t
			continue
		}
		name = append(name, expandStreetWord(t))
	}
	n := strings.Join(name, " ")
	full := n
	if number != "" {
		full = strings.TrimSpace(number + " " + n)
	}
	return Street{Full: full, Number: number}
}

func expandStreetWord(t string) string {
	if w, ok := streetWords[t]; ok {
		return w
	}
	if len(t) > 4 && strings.HasSuffix(t, "str") { // "hauptstr" → "hauptstrasse"
		return t + "asse"
	}
	return t
}

// normalizeZip keeps letters and digits: "75 008", "75008" and "SW1A 1AA"/"sw1a1aa" agree.
func normalizeZip(s string) string { return onlyAlnumUpper(s) }

// compareAddress judges street, postcode and city together. They are strongly correlated
// (a duplicate copies the whole address; two neighbours share all of it but the number), so
// scoring them as independent fields would count one piece of evidence three times.
func compareAddress(a, b *Record) int8 {
	zip, city := compareCode(a.Zip, b.Zip), compareText(a.City, b.City)
	known := zip >= 0 || city >= 0
	same := zip == 2 || city == 3
	close := same || zip == 1 || city == 2
	sa, sb := a.Street.Full, b.Street.Full
	switch {
	case sa == "" || sb == "":
		if !known {
			return levelNull
		}
	case sa == sb:
		if same || !known {
			return 5
		}
		if close {
			return 4
		}
		return 2
	case abs(len(sa)-len(sb)) <= 2 && levenshtein.ComputeDistance(sa, sb) <= 2:
		if close || !known {
			return 4
		}
		return 2
	case same && jwAtLeast(sa, sb, 0.88) >= 0.88:
		return 3
	}
	if same {
		return 1
	}
	return 0
}

// linesSwapped spots the two address lines entered in the other order ("73 Rhosewyn" +
// "Bynoe Place" vs "73 Bynoe Place" + "Rhosewyn").
func linesSwapped(a, b *Record) bool {
	a2, b2 := a.more().Street2, b.more().Street2
	if a2 == "" || b2 == "" || a.Street.Number != b.Street.Number {
		return false
	}
	return a.Street.Name() == b2 && b.Street.Name() == a2
}

// compareAddressSwapped scores the address as if the lines were in the same order.
func compareAddressSwapped(a, b *Record) int8 {
	fixed := *b
	fixed.Street = Street{Full: strings.TrimSpace(b.Street.Number + " " + b.more().Street2), Number: b.Street.Number}
	return compareAddress(a, &fixed)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
