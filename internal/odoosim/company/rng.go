package company

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// Each concern (partners, invoices of customer i, bank noise, ...) draws from its own PCG
// stream, derived from the seed, the concern's name and an index. Adding draws to one
// concern therefore never shifts the values another concern sees, and a customer's whole
// history can be regenerated on its own (the two-pass sequence numbering relies on that).
func stream(seed int64, concern string, idx uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(concern))
	return rand.New(rand.NewPCG(uint64(seed)^h.Sum64(), idx*0x9E3779B97F4A7C15+1))
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between returns an int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// logUniformMinor draws an amount in minor units whose logarithm is uniform in [lo, hi)
// (in major units). Log-uniform amounts follow Benford's law for their leading digits,
// which is what the anomaly detectors expect of a normal ledger.
func logUniformMinor(r *rand.Rand, lo, hi float64) int64 {
	v := math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo)))
	return int64(math.Round(v * 100))
}

// logNormalMinor draws a log-normal amount (median in major units, sigma of the log).
func logNormalMinor(r *rand.Rand, median, sigma float64) int64 {
	v := median * math.Exp(r.NormFloat64()*sigma)
	if v < 1 {
		v = 1 + r.Float64()
	}
	return int64(math.Round(v * 100))
}

// randSource is the generator's random source type, one per concern.
type randSource = *rand.Rand
