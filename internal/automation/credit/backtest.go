package credit

import (
	"fmt"
	"sort"
)

// AUC is the area under the ROC curve of a score that should rank bad cases low: the
// probability that a random good case (bad=false) scores above a random bad one, ties
// counting half (the Mann-Whitney statistic).
func AUC(scores []float64, bad []bool) (float64, error) {
	if len(scores) != len(bad) {
		return 0, fmt.Errorf("auc: %d scores but %d labels", len(scores), len(bad))
	}
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var nBad, nGood int
	var rankSumGood float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		mid := float64(i+j+1) / 2 // average 1-based rank of the tie group
		for k := i; k < j; k++ {
			if bad[idx[k]] {
				nBad++
			} else {
				nGood++
				rankSumGood += mid
			}
		}
		i = j
	}
	if nBad == 0 || nGood == 0 {
		return 0, fmt.Errorf("auc needs both classes: %d late and %d on-time customers", nBad, nGood)
	}
	return (rankSumGood - float64(nGood)*float64(nGood+1)/2) / (float64(nGood) * float64(nBad)), nil
}
