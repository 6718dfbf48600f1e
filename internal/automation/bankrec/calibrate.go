package bankrec

import (
	"fmt"
	"math"
	"sort"
)

// Calibration turns a candidate's features into the probability that it is right.
// A logistic regression over the features gives a ranking; isotonic regression (pool
// adjacent violators) over held-out truth turns that ranking into frequencies, so that
// "0.95" means that about 95 of 100 such suggestions were right. The fitted table is
// committed in calibration_table.go and re-checked on another seed by the tests.
type Calibration struct {
	Weights []float64 `json:"weights"` // over featureVector
	Breaks  []float64 `json:"breaks"`  // ascending logistic outputs
	Probs   []float64 `json:"probs"`   // non-decreasing calibrated probability at each break
	Source  string    `json:"source"`  // what it was fitted on
}

// Sample is one labelled suggestion for fitting.
type Sample struct {
	F       Features
	K       Kind
	Correct bool
}

// featureVector is the model's input; interaction terms let a reference count for more when
// the amount agrees, which is how people judge a match.
func featureVector(f Features, k Kind) []float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	return []float64{1, f.Ref, f.Amount, f.Partner, f.Date, min(f.Margin, 6) / 6, b(f.Rivals > 0),
		b(f.Items > 1), b(k == KindPartial), b(k == KindFee), b(k == KindRule), f.Rule, f.Ref * f.Amount,
		b(f.Partner >= 0.9), b(f.Ref >= 0.85)}
}

// Prob is the calibrated probability for a candidate.
func (c *Calibration) Prob(f Features, k Kind) float64 {
	if k == KindNone || c == nil || len(c.Weights) == 0 {
		return 0
	}
	return c.isotonic(c.logistic(f, k))
}

func (c *Calibration) logistic(f Features, k Kind) float64 {
	x := featureVector(f, k)
	z := 0.0
	for i, w := range c.Weights {
		if i < len(x) {
			z += w * x[i]
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// isotonic interpolates linearly between the fitted blocks.
func (c *Calibration) isotonic(p float64) float64 {
	n := len(c.Breaks)
	if n == 0 {
		return p
	}
	i := sort.SearchFloat64s(c.Breaks, p)
	switch {
	case i == 0:
		return c.Probs[0]
	case i >= n:
		return c.Probs[n-1]
	}
	x0, x1, y0, y1 := c.Breaks[i-1], c.Breaks[i], c.Probs[i-1], c.Probs[i]
	if x1 == x0 {
		return y1
	}
	return y0 + (y1-y0)*(p-x0)/(x1-x0)
}

// Fit learns the calibration from labelled samples: the logistic weights, then the
// isotonic map from the weights' outputs to observed frequencies. Both use every sample:
// the model has 15 weights for thousands of samples, and wrong suggestions are rare enough
// that halving them would leave the isotonic map with too few to place its steps.
func Fit(samples []Sample, source string) *Calibration {
	X := make([][]float64, len(samples))
	y := make([]float64, len(samples))
	wrong := 0
	for i, s := range samples {
		X[i] = featureVector(s.F, s.K)
		if s.Correct {
			y[i] = 1
		} else {
			wrong++
		}
	}
	c := &Calibration{Weights: fitLogistic(X, y, 0.001, 4000), Source: fmt.Sprintf("%s (%d wrong)", source, wrong)}
	ps := make([]float64, len(X))
	for i, x := range X {
		z := 0.0
		for j, w := range c.Weights {
			z += w * x[j]
		}
		ps[i] = 1 / (1 + math.Exp(-z))
	}
	c.Breaks, c.Probs = fitIsotonic(ps, y)
	return c
}

// fitLogistic is batch gradient descent with L2 regularisation; the problem is small
// (a few thousand rows, 15 features) and convex.
func fitLogistic(X [][]float64, y []float64, l2 float64, iters int) []float64 {
	if len(X) == 0 {
		return nil
	}
	d := len(X[0])
	w := make([]float64, d)
	grad := make([]float64, d)
	rate := 0.5
	for it := 0; it < iters; it++ {
		for j := range grad {
			grad[j] = 0
		}
		for i, x := range X {
			z := 0.0
			for j := range w {
				z += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-z))
			for j := range w {
				grad[j] += (p - y[i]) * x[j]
			}
		}
		for j := range w {
			g := grad[j] / float64(len(X))
			if j > 0 {
				g += l2 * w[j]
			}
			w[j] -= rate * g
		}
	}
	return w
}

// fitIsotonic runs pool-adjacent-violators on (score, outcome) pairs and returns each
// block's mean score and mean outcome.
func fitIsotonic(x, y []float64) ([]float64, []float64) {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	type block struct{ sx, sy, n float64 }
	var bs []block
	for _, i := range idx {
		bs = append(bs, block{x[i], y[i], 1})
		for len(bs) > 1 && bs[len(bs)-2].sy/bs[len(bs)-2].n >= bs[len(bs)-1].sy/bs[len(bs)-1].n {
			a, b := bs[len(bs)-2], bs[len(bs)-1]
			bs = append(bs[:len(bs)-2], block{a.sx + b.sx, a.sy + b.sy, a.n + b.n})
		}
	}
	// A block where every suggestion was right does not prove certainty: smooth each block
	// with one imaginary right and one wrong answer (Laplace), so 2,000 right out of 2,000
	// reads 0.9995, not 1; then pool again where smoothing broke the order.
	type pooled struct{ x, p, n float64 }
	var ps []pooled
	for _, b := range bs {
		ps = append(ps, pooled{b.sx / b.n, (b.sy + 1) / (b.n + 2), b.n})
		for len(ps) > 1 && ps[len(ps)-2].p > ps[len(ps)-1].p {
			a, c := ps[len(ps)-2], ps[len(ps)-1]
			n := a.n + c.n
			ps = append(ps[:len(ps)-2], pooled{(a.x*a.n + c.x*c.n) / n, (a.p*a.n + c.p*c.n) / n, n})
		}
	}
	breaks := make([]float64, len(ps))
	probs := make([]float64, len(ps))
	for i, b := range ps {
		breaks[i], probs[i] = b.x, b.p
	}
	return breaks, probs
}

// DefaultCalibration is the committed fit (calibration_table.go), or a prior when none is.
func DefaultCalibration() *Calibration {
	if len(fitted.Weights) > 0 {
		c := fitted
		return &c
	}
	return &Calibration{Weights: []float64{-9, 3, 2, 1.5, 0.5, 2, -1.5, -0.5, -1, -0.5, 0, 4, 2, 0.5, 0.5}, Source: "prior (not fitted)"}
}
