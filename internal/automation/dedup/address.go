package dedup

import "strings"

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
