package dedup

import (
	"context"
	"slices"
)

// Cluster is a group of partners judged to be one entity, with the record to keep.
type Cluster struct {
	IDs          []int64 `json:"ids"`
	Master       int64   `json:"master"`
	MasterReason string  `json:"master_reason"`
	// Probability is the weakest member-to-master match probability: the cluster is only as
	// sure as its least certain member.
	Probability float64           `json:"probability"`
	Pairs       []PairExplanation `json:"pairs"` // the master against each other member
	Split       bool              `json:"split,omitempty"`
	members     []int             // record indices
}

// maxDenseCluster bounds the all-pairs check; a component larger than this is a sign of
// a bad link chain across the whole data and is not proposed at all.
const maxDenseCluster = 400

// cluster groups linked pairs with union-find, then re-checks every group of three or more
// as a whole: members that mostly do not match each other are split apart, so one bad link
// cannot chain two distinct entities together.
func (r *Result) cluster(ctx context.Context) []Cluster {
	uf := newUnionFind(len(r.records))
	for _, p := range r.Linked {
		uf.union(p.a, p.b)
	}
	groups := make(map[int][]int)
	seen := make(map[int]bool, 2*len(r.Linked))
	for _, p := range r.Linked {
		for _, x := range [2]int{p.a, p.b} {
			if !seen[x] {
				seen[x] = true
				root := uf.find(x)
				groups[root] = append(groups[root], x)
			}
		}
	}
	var out []Cluster
	for _, members := range groups {
		slices.Sort(members)
		if ctx.Err() != nil {
			return nil
		}
		if len(members) > maxDenseCluster {
			continue
		}
		parts := [][]int{members}
		if len(members) > 2 {
			parts = r.splitWeak(members)
			if len(parts) != 1 {
				r.Stats.SplitClusters++
			}
		}
		for _, part := range parts {
			if len(part) >= 2 {
				c := r.newCluster(part)
				c.Split = len(parts) > 1
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b Cluster) int { return int(a.IDs[0] - b.IDs[0]) })
	return out
}

// splitWeak re-clusters a component by average linkage over all its pairs: groups merge
// while their members match each other on average (≥ 0.5), at least one pair between them
// is a confident link, and no pair between them is vetoed or dismissed.
func (r *Result) splitWeak(members []int) [][]int {
	n := len(members)
	prob := make([][]float64, n)
	banned := make([][]bool, n)
	for i := range n {
		prob[i], banned[i] = make([]float64, n), make([]bool, n)
	}
	dense := true
	for i := range n {
		for j := i + 1; j < n; j++ {
			a, b := &r.records[members[i]], &r.records[members[j]]
			v := compare(a, b)
			p := r.Model.probability(&v)
			ban := vetoed(a, b) || !pairable(a, b) || (r.cfg.Dismissed != nil && r.cfg.Dismissed(a.ID, b.ID))
			prob[i][j], prob[j][i], banned[i][j], banned[j][i] = p, p, ban, ban
			dense = dense && p >= 0.5 && !ban
		}
	}
	if dense {
		return [][]int{members}
	}
	groups := make([][]int, n)
	for i := range n {
		groups[i] = []int{i}
	}
	for {
		bi, bj, best := -1, -1, 0.5
		for i := range groups {
			for j := i + 1; j < len(groups); j++ {
				if avg, ok := linkage(groups[i], groups[j], prob, banned, r.cfg.Threshold); ok && avg >= best {
					bi, bj, best = i, j, avg
				}
			}
		}
		if bi < 0 {
			break
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		groups = slices.Delete(groups, bj, bj+1)
	}
	out := make([][]int, 0, len(groups))
	for _, g := range groups {
		part := make([]int, len(g))
		for k, x := range g {
			part[k] = members[x]
		}
		out = append(out, part)
	}
	return out
}

// linkage is the average probability between two groups; ok is false when a banned pair
// lies between them or no pair reaches the link threshold.
func linkage(g, h []int, prob [][]float64, banned [][]bool, threshold float64) (float64, bool) {
	sum, strong := 0.0, false
	for _, i := range g {
		for _, j := range h {
			if banned[i][j] {
				return 0, false
			}
			sum += prob[i][j]
			strong = strong || prob[i][j] >= threshold
		}
	}
	return sum / float64(len(g)*len(h)), strong
}

type unionFind struct{ parent, size []int32 }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
	}
	return u
}

func (u *unionFind) find(x int) int {
	for int(u.parent[x]) != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = int(u.parent[x])
	}
	return x
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = int32(ra)
	u.size[ra] += u.size[rb]
}
