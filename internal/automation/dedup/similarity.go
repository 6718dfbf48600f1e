package dedup

import (
	"slices"
	"strings"

	"github.com/adrg/strutil/metrics"
	"github.com/agnivade/levenshtein"
)

var jaroWinkler = &metrics.JaroWinkler{CaseSensitive: true}

// jw is the Jaro-Winkler similarity of two already folded strings.
func jw(a, b string) float64 {
	if a == b {
		return 1
	}
	return jaroWinkler.Compare(a, b)
}

// jwAtLeast returns the Jaro-Winkler similarity when it may reach floor, and otherwise a
// cheap upper bound that is below floor. Most compared pairs (all the random ones that
// measure u) are plainly different, and the bound spares them the full computation.
func jwAtLeast(a, b string, floor float64) float64 {
	if a == b {
		return 1
	}
	if bound := jwUpperBound(a, b); bound < floor {
		return bound
	}
	return jaroWinkler.Compare(a, b)
}

// jwUpperBound bounds Jaro-Winkler from the characters the strings have in common (a
// matching character must occur in both): Jaro <= (m/|a| + m/|b| + 1)/3 and the Winkler
// prefix bonus adds at most 0.4·(1-Jaro). Non-ASCII input gets the trivial bound 1.
func jwUpperBound(a, b string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	var count [128]int16
	for i := 0; i < len(a); i++ {
		if a[i] >= 128 {
			return 1
		}
		count[a[i]]++
	}
	m := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= 128 {
			return 1
		}
		if count[c] > 0 {
			count[c]--
			m++
		}
	}
	if m == 0 {
		return 0
	}
	j := (float64(m)/float64(len(a)) + float64(m)/float64(len(b)) + 1) / 3
	return j + 0.4*(1-j)
}

// levRatio is 1 - edit distance / longer length: 1 for equal strings, 0 for nothing shared.
func levRatio(a, b string) float64 {
	if a == b {
		return 1
	}
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(levenshtein.ComputeDistance(a, b))/float64(n)
}

// tokenSetRatio compares the shared tokens against each side's extra tokens, as
// fuzzywuzzy's token_set_ratio does: "Acme Trading" vs "Acme" scores 1, because one is
// contained in the other. Inputs are token lists; order does not matter.
func tokenSetRatio(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	var common, onlyA, onlyB []string
	for _, t := range uniqSorted(a) {
		if slices.Contains(b, t) {
			common = append(common, t)
		} else {
			onlyA = append(onlyA, t)
		}
	}
	for _, t := range uniqSorted(b) {
		if !slices.Contains(a, t) {
			onlyB = append(onlyB, t)
		}
	}
	base := strings.Join(common, " ")
	withA := strings.TrimSpace(base + " " + strings.Join(onlyA, " "))
	withB := strings.TrimSpace(base + " " + strings.Join(onlyB, " "))
	best := levRatio(withA, withB)
	if base != "" {
		best = max(best, levRatio(base, withA), levRatio(base, withB))
	}
	return best
}

// tokenSortRatio compares the names with their tokens sorted, by edit distance: word order
// does not matter, and unlike Jaro-Winkler a typo at the start weighs like one at the end.
func tokenSortRatio(a, b *Name) float64 { return levRatio(a.Sorted, b.Sorted) }

func uniqSorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// sharesToken reports whether the two lists have a token of at least minLen bytes in common.
func sharesToken(a, b []string, minLen int) bool {
	for _, t := range a {
		if len(t) >= minLen && slices.Contains(b, t) {
			return true
		}
	}
	return false
}

// isSubset reports whether every token of a is in b (a non-empty).
func isSubset(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, t := range a {
		if !slices.Contains(b, t) {
			return false
		}
	}
	return true
}
