package dedup

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Config tunes a scan. Zero values take the defaults noted on each field.
type Config struct {
	// Threshold is the match probability at or above which a pair is linked (default 0.95).
	Threshold float64
	// MaxBlock skips blocking keys shared by more records than this (default 40).
	MaxBlock int
	// RandomPairs is how many random pairs estimate u (default 300,000).
	RandomPairs int
	// EMIterations caps expectation-maximisation (default 100).
	EMIterations int
	// Method is "em" (default: weights learnt from the data) or "baseline" (hand weights).
	Method string
	Seed   uint64
	// Workers compare pairs in parallel (default GOMAXPROCS).
	Workers int
	// Dismissed reports pairs a person said are not duplicates; they are never linked.
	Dismissed func(a, b int64) bool
}

func (c Config) withDefaults() Config {
	c.Threshold = cmp.Or(c.Threshold, 0.95)
	c.MaxBlock = cmp.Or(c.MaxBlock, 40)
	c.RandomPairs = cmp.Or(c.RandomPairs, 300_000)
	c.EMIterations = cmp.Or(c.EMIterations, 100)
	c.Method = cmp.Or(c.Method, "em")
	c.Seed = cmp.Or(c.Seed, 42)
	c.Workers = cmp.Or(c.Workers, runtime.GOMAXPROCS(0))
	return c
}

func (c Config) validate() error {
	if c.Threshold <= 0 || c.Threshold >= 1 {
		return fmt.Errorf("threshold %v must be between 0 and 1 (exclusive); 0.95 is a good start", c.Threshold)
	}
	if c.Method != "em" && c.Method != "baseline" {
		return fmt.Errorf("method %q is unknown; use \"em\" or \"baseline\"", c.Method)
	}
	if c.MaxBlock < 2 {
		return fmt.Errorf("max block %d must be at least 2", c.MaxBlock)
	}
	return nil
}

// ScoredPair is a candidate pair with its match probability (partner ids, A < B in input order).
type ScoredPair struct {
	A, B        int64
	Probability float64
	a, b        int // record indices
	vec         Vector
}

// Stats summarises a scan.
type Stats struct {
	Records       int        `json:"records"`
	Blocking      BlockStats `json:"blocking"`
	Patterns      int        `json:"patterns"`
	LinkedPairs   int        `json:"linked_pairs"`
	VetoedPairs   int        `json:"vetoed_pairs"`
	Dismissed     int        `json:"dismissed_pairs"`
	Clusters      int        `json:"clusters"`
	SplitClusters int        `json:"clusters_split"`
}

// Result is everything a scan found.
type Result struct {
	Model    Model     `json:"model"`
	Stats    Stats     `json:"stats"`
	Clusters []Cluster `json:"clusters"`
	Linked   []ScoredPair
	records  []Record
	partners []Partner
	cfg      Config
}

// Scan finds duplicate partners: normalise, block, compare, learn weights (EM), link pairs
// above the threshold and cluster them with a master per cluster.
func Scan(ctx context.Context, partners []Partner, cfg Config) (*Result, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("dedup scan config: %w", err)
	}
	if len(partners) > maxRecords {
		return nil, fmt.Errorf("dedup scan: %d partners is more than one scan indexes (%d); scan per company", len(partners), maxRecords)
	}
	recs := prepareAll(partners, cfg.Workers)
	collectBetweenPhases(len(recs))
	pairs, bst := candidatePairs(recs, cfg.MaxBlock, cfg.Workers)
	collectBetweenPhases(len(recs))
	vecs, err := compareAll(ctx, recs, pairs, cfg.Workers)
	if err != nil {
		return nil, err
	}
	model, err := fitModel(ctx, recs, vecs, cfg)
	if err != nil {
		return nil, err
	}
	res := &Result{Model: model, records: recs, partners: partners, cfg: cfg}
	res.Stats.Records, res.Stats.Blocking = len(recs), bst
	res.Linked = res.link(pairs, vecs)
	res.Clusters = res.cluster(ctx)
	res.Stats.Clusters = len(res.Clusters)
	return res, nil
}

func fitModel(ctx context.Context, recs []Record, vecs []uint64, cfg Config) (Model, error) {
	if cfg.Method == "baseline" {
		return baselineModel(), nil
	}
	pats := make(patternCounts)
	for _, k := range vecs {
		pats[k]++
	}
	u := estimateU(recs, cfg.RandomPairs, cfg.Workers, &splitMix{s: cfg.Seed})
	total := float64(len(recs)) * float64(len(recs)-1) / 2
	m, err := trainEM(ctx, pats, u, cfg.EMIterations, total)
	if err != nil {
		return Model{}, fmt.Errorf("train match weights by EM over %d patterns: %w", len(pats), err)
	}
	return m, nil
}

// link scores every candidate pair and keeps those at or above the threshold that are
// neither vetoed nor dismissed. Probabilities are computed once per distinct pattern.
func (r *Result) link(pairs, vecs []uint64) []ScoredPair {
	probs := make(map[uint64]float64)
	var linked []ScoredPair
	for i, p := range pairs {
		pr, ok := probs[vecs[i]]
		if !ok {
			v := vectorFromKey(vecs[i])
			pr = r.Model.probability(&v)
			probs[vecs[i]] = pr
		}
		if pr < r.cfg.Threshold {
			continue
		}
		a, b := unpackPair(p)
		if vetoed(&r.records[a], &r.records[b]) {
			r.Stats.VetoedPairs++
			continue
		}
		ida, idb := r.records[a].ID, r.records[b].ID
		if r.cfg.Dismissed != nil && r.cfg.Dismissed(ida, idb) {
			r.Stats.Dismissed++
			continue
		}
		linked = append(linked, ScoredPair{A: ida, B: idb, Probability: pr, a: a, b: b, vec: vectorFromKey(vecs[i])})
	}
	r.Stats.Patterns = len(probs)
	r.Stats.LinkedPairs = len(linked)
	return linked
}

// vetoed: two different VAT numbers that both pass their country's checksum belong to two
// legal entities, whatever the names say.
func vetoed(a, b *Record) bool {
	return a.VAT.Status == VATValid && b.VAT.Status == VATValid && a.VAT.Value != b.VAT.Value
}

// largeScan is the size from which a scan collects garbage between its phases.
const largeScan = 200_000

// collectBetweenPhases runs the garbage collector when a large scan has just dropped a
// phase's working set (normalisation temporaries, blocking postings). The next collection
// target is then set from what is really alive, which keeps the peak heap of a million-
// partner scan under 2 GB instead of letting it float to twice the largest transient.
func collectBetweenPhases(n int) {
	if n >= largeScan {
		runtime.GC()
	}
}

// parallel runs fn over [0,n) in contiguous chunks on the given number of workers.
func parallel(n, workers int, fn func(lo, hi int)) {
	if workers < 2 || n < 1024 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, min(lo+chunk, n))
	}
	wg.Wait()
}

func prepareAll(ps []Partner, workers int) []Record {
	recs := make([]Record, len(ps))
	parallel(len(ps), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			recs[i] = prepare(&ps[i])
		}
	})
	return recs
}

func compareAll(ctx context.Context, recs []Record, pairs []uint64, workers int) ([]uint64, error) {
	vecs := make([]uint64, len(pairs))
	parallel(len(pairs), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if i%4096 == 0 && ctx.Err() != nil {
				return
			}
			a, b := unpackPair(pairs[i])
			v := compare(&recs[a], &recs[b])
			vecs[i] = v.key()
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("compare %d candidate pairs: %w", len(pairs), err)
	}
	return vecs, nil
}
