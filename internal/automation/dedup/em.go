package dedup

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
)

// patternCounts counts how many pairs share each comparison vector. Real data has few
// distinct patterns (thousands for millions of pairs), so EM over patterns is cheap.
type patternCounts map[uint64]float64

// estimateU measures u = P(level | different entities) on pairs drawn at random: almost
// all random pairs are non-matches, so their level frequencies are the u's (Splink's
// "u from random sampling"). A small pseudo-count keeps every level possible.
func estimateU(recs []Record, samples, workers int, rng *splitMix) [numFields][]float64 {
	n := len(recs)
	var pairs [][2]int32
	if all := n * (n - 1) / 2; n >= 2 && all <= samples { // small inputs: every pair, no sampling noise
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				pairs = append(pairs, [2]int32{int32(i), int32(j)})
			}
		}
	} else if n >= 2 {
		pairs = make([][2]int32, samples)
		for k := range pairs {
			i, j := rng.intn(n), rng.intn(n-1)
			if j >= i {
				j++
			}
			pairs[k] = [2]int32{int32(i), int32(j)}
		}
	}
	// Workers count into their own tables and add them up at the end; counts are whole
	// numbers, so the result does not depend on how the work was split.
	var mu sync.Mutex
	var counts [numFields][]float64
	for f := range numFields {
		counts[f] = make([]float64, len(fieldSpecs[f].Levels))
	}
	parallel(len(pairs), workers, func(lo, hi int) {
		var local [numFields][]float64
		for f := range numFields {
			local[f] = make([]float64, len(fieldSpecs[f].Levels))
		}
		for _, p := range pairs[lo:hi] {
			addVector(&local, compare(&recs[p[0]], &recs[p[1]]))
		}
		mu.Lock()
		defer mu.Unlock()
		for f := range numFields {
			for l, x := range local[f] {
				counts[f][l] += x
			}
		}
	})
	var u [numFields][]float64
	for f := range numFields {
		u[f] = normalise(counts[f], 0.5)
	}
	return u
}

func addVector(counts *[numFields][]float64, v Vector) {
	for f := range numFields {
		if v[f] >= 0 {
			counts[f][v[f]]++
		}
	}
}

func normalise(c []float64, pseudo float64) []float64 {
	total := 0.0
	for _, x := range c {
		total += x + pseudo
	}
	out := make([]float64, len(c))
	for i, x := range c {
		out[i] = (x + pseudo) / total
	}
	return out
}

// initialM starts EM from "matches mostly agree exactly": the top level gets most mass.
func initialM() [numFields][]float64 {
	var m [numFields][]float64
	for f := range numFields {
		n := len(fieldSpecs[f].Levels)
		w := make([]float64, n)
		for l := range n {
			w[l] = math.Pow(4, float64(l))
		}
		m[f] = normalise(w, 0)
	}
	return m
}

// pattern is one distinct comparison vector and how many candidate pairs have it.
type pattern struct {
	v Vector
	n float64
}

// trainEM estimates m by expectation-maximisation with u held fixed (measured on random
// pairs), as Splink does. Candidate pairs are not a random sample: a non-matching pair
// that was blocked on its name agrees on the name far more often than u says. So EM runs
// in sessions, one per anchor field: the pairs agreeing exactly on that field, with the field
// itself left out of the likelihood. Within a session the other fields of non-matches do
// follow u, and each field's m is the average over the sessions that trained it.
//
// The prior lambda is the share of matches among all n(n-1)/2 pairs, not among candidates:
// blocking evidence is already counted by the anchor field's weight. It is estimated per
// session as matches found / recall of the anchor (its m at the top level).
func trainEM(ctx context.Context, pats patternCounts, u [numFields][]float64, maxIter int, totalPairs float64) (Model, error) {
	list := make([]pattern, 0, len(pats))
	for k, n := range pats {
		list = append(list, pattern{vectorFromKey(k), n})
	}
	sums, counts := [numFields][]float64{}, [numFields]int{}
	for f := range numFields {
		sums[f] = make([]float64, len(fieldSpecs[f].Levels))
	}
	var found []sessionMatches
	iters := 0
	for _, anchor := range anchorFields {
		top := int8(len(fieldSpecs[anchor].Levels) - 1)
		var sess []pattern
		for _, p := range list {
			if p.v[anchor] == top {
				q := p
				q.v[anchor] = levelNull
				sess = append(sess, q)
			}
		}
		if weightOf(sess) < minSessionPairs {
			continue
		}
		m, lambda, it, err := emSession(ctx, sess, u, maxIter)
		if err != nil {
			return Model{}, fmt.Errorf("EM session anchored on %s: %w", anchor, err)
		}
		iters += it
		for f := range numFields {
			if f != anchor && trained(sess, f) {
				counts[f]++
				for l := range sums[f] {
					sums[f][l] += m[f][l]
				}
			}
		}
		found = append(found, sessionMatches{anchor, lambda * weightOf(sess)})
	}
	model := Model{Method: "em", M: initialM(), U: u, Iter: iters}
	for f := range numFields {
		if counts[f] > 0 {
			model.M[f] = normalise(sums[f], 0)
		}
	}
	model.Lambda = globalPrior(found, &model, totalPairs)
	model.describe()
	return model, model.validate()
}

type sessionMatches struct {
	anchor  Field
	matches float64
}

// anchorFields are the fields whose exact agreement defines an EM session: identifiers and
// fields most candidate pairs were blocked on.
var anchorFields = []Field{FieldName, FieldRef, FieldComment, FieldEmail, FieldPhone, FieldVAT, FieldIBAN, FieldAddress}

// minSessionPairs: fewer pairs than this cannot separate two classes.
const minSessionPairs = 30

func weightOf(ps []pattern) float64 {
	t := 0.0
	for _, p := range ps {
		t += p.n
	}
	return t
}

// trained reports whether field f is present in enough of a session to learn from.
func trained(ps []pattern, f Field) bool {
	present := 0.0
	for _, p := range ps {
		if p.v[f] >= 0 {
			present += p.n
		}
	}
	return present >= minSessionPairs
}

// globalPrior turns each session's expected matches into an estimate of all matches
// (dividing by the anchor's recall) and takes the median, over all pairs.
func globalPrior(found []sessionMatches, m *Model, totalPairs float64) float64 {
	if len(found) == 0 || totalPairs < 1 {
		return 1e-4
	}
	est := make([]float64, 0, len(found))
	for _, s := range found {
		top := len(m.M[s.anchor]) - 1
		est = append(est, s.matches/max(m.M[s.anchor][top], 0.05))
	}
	slices.Sort(est)
	return clamp(est[len(est)/2]/totalPairs, 1e-9, 0.5)
}

// emSession runs EM over one session's patterns and returns m and the session's lambda.
func emSession(ctx context.Context, list []pattern, u [numFields][]float64, maxIter int) ([numFields][]float64, float64, int, error) {
	model := Model{M: initialM(), U: u, Lambda: 0.5}
	it := 0
	for it = 1; it <= maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return model.M, 0, it, err
		}
		var num [numFields][]float64
		for f := range numFields {
			num[f] = make([]float64, len(fieldSpecs[f].Levels))
		}
		matches, total := 0.0, 0.0
		for i := range list {
			p := model.probability(&list[i].v) * list[i].n
			matches += p
			total += list[i].n
			for f := range numFields {
				if l := list[i].v[f]; l >= 0 {
					num[f][l] += p
				}
			}
		}
		prev := model.Lambda
		model.Lambda = clamp(matches/total, 1e-6, 1-1e-6)
		change := math.Abs(model.Lambda - prev)
		for f := range numFields {
			next := floorM(normalise(num[f], 1e-3))
			for l := range next {
				change = max(change, math.Abs(next[l]-model.M[f][l]))
			}
			model.M[f] = next
		}
		if change < 1e-5 {
			break
		}
	}
	return model.M, model.Lambda, it, nil
}

// minM keeps every level possible among matches: a typo can hit any field, so no single
// disagreement may weigh more than log2(minM/u) against a pair.
const minM = 1e-3

func floorM(m []float64) []float64 {
	for i := range m {
		m[i] = max(m[i], minM)
	}
	return normalise(m, 0)
}

func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

// splitMix is a tiny deterministic generator (SplitMix64): the same seed gives the same
// u estimates, so scans are reproducible.
type splitMix struct{ s uint64 }

func (r *splitMix) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (r *splitMix) intn(n int) int { return int(r.next() % uint64(n)) }
