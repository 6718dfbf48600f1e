package anomaly

import "math"

// Iglewicz and Hoaglin's constants: 0.6745 makes the MAD consistent with the standard
// deviation of a normal distribution; 1.253314 does the same for the mean absolute
// deviation, the fallback when more than half the values equal the median (MAD = 0).
const (
	madConsistency     = 0.6745
	meanADConsistency  = 1.253314
	DefaultRobustLimit = 3.5 // modified z above this is an outlier (Iglewicz-Hoaglin)
	DefaultClassicZ    = 3.0
)

// Location is a group's centre and spread, robust and classic.
type Location struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	MAD    float64 `json:"mad"`     // median absolute deviation from the median
	MeanAD float64 `json:"mean_ad"` // mean absolute deviation from the median
	Mean   float64 `json:"mean"`
	StdDev float64 `json:"std_dev"` // sample standard deviation
}

// Locate computes a Location. It reorders scratch (which must have len(values)) and
// leaves values untouched, so callers scanning millions of rows reuse one buffer.
func Locate(values, scratch []float64) Location {
	n := len(values)
	if n == 0 {
		return Location{}
	}
	copy(scratch, values)
	med := median(scratch[:n])
	var sum, sumAbs float64
	for i, v := range values {
		sum += v
		d := math.Abs(v - med)
		sumAbs += d
		scratch[i] = d
	}
	loc := Location{N: n, Median: med, MAD: median(scratch[:n]), MeanAD: sumAbs / float64(n), Mean: sum / float64(n)}
	if n > 1 {
		var ss float64
		for _, v := range values {
			ss += (v - loc.Mean) * (v - loc.Mean)
		}
		loc.StdDev = math.Sqrt(ss / float64(n-1))
	}
	return loc
}

// ModifiedZ is Iglewicz-Hoaglin's robust score of x; 0 when the group has no spread.
func (l Location) ModifiedZ(x float64) float64 {
	switch {
	case l.MAD > 0:
		return madConsistency * (x - l.Median) / l.MAD
	case l.MeanAD > 0:
		return (x - l.Median) / (meanADConsistency * l.MeanAD)
	default:
		return 0
	}
}

// Z is the classic score (x - mean) / sd; 0 when the group has no spread.
func (l Location) Z(x float64) float64 {
	if l.StdDev == 0 {
		return 0
	}
	return (x - l.Mean) / l.StdDev
}

// median returns the median of v, reordering v. Quickselect keeps it linear, which is
// what makes robust scores over millions of journal items affordable.
func median(v []float64) float64 {
	n := len(v)
	if n == 0 {
		return math.NaN()
	}
	hi := selectKth(v, n/2)
	if n%2 == 1 {
		return hi
	}
	// After selecting n/2, every element below it sits in v[:n/2]; the lower middle is their max.
	lo := v[0]
	for _, x := range v[1 : n/2] {
		lo = math.Max(lo, x)
	}
	return (lo + hi) / 2
}

// selectKth puts the k-th smallest element at v[k] (Hoare partition, median-of-three pivot).
func selectKth(v []float64, k int) float64 {
	lo, hi := 0, len(v)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if v[mid] < v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] < v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] < v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		pivot := v[mid]
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k]
		}
	}
	return v[k]
}
