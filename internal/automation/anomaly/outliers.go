package anomaly

import (
	"math"
	"sort"
	"sync"
)

// OutlierOptions tune the outlier scan. Zero values take the defaults noted.
type OutlierOptions struct {
	Dimensions   []Dimension // default journal, account, partner
	RobustLimit  float64     // modified z limit; default 3.5
	ClassicLimit float64     // classic z limit; default 3.0
	MinGroup     int         // groups smaller than this are not judged; default 20
	// ConfirmLimit is the modified z the log amount must also exceed (default 3.0). Ledger
	// amounts spread over decades, so the log scale's MAD is wide: an amount a hundred
	// times an account's usual ones can score only 3.3 there while scoring 300 raw.
	ConfirmLimit float64
	// MinGap: by default an outlier must also be at least MinGap times the largest
	// ordinary (unflagged) amount of its group (default 10). A long natural tail - a
	// customer's occasional big order - climbs in steps; an amount keyed with extra zeros
	// or booked to the wrong account stands alone.
	MinGap float64
	// Any flags an entry crossing any one limit. By default an entry must cross the robust
	// limit on the amount and ConfirmLimit on its logarithm: ledger amounts are skewed, so
	// the raw scale alone flags every large invoice and the log scale alone every tiny one.
	Any bool
}

func (o OutlierOptions) withDefaults() OutlierOptions {
	if len(o.Dimensions) == 0 {
		o.Dimensions = []Dimension{ByJournal, ByAccount, ByPartner}
	}
	if o.RobustLimit <= 0 {
		o.RobustLimit = DefaultRobustLimit
	}
	if o.ClassicLimit <= 0 {
		o.ClassicLimit = DefaultClassicZ
	}
	if o.MinGroup <= 0 {
		o.MinGroup = 20
	}
	if o.ConfirmLimit <= 0 {
		o.ConfirmLimit = 3.0
	}
	if o.MinGap <= 0 {
		o.MinGap = 10
	}
	return o
}

// Outlier is one entry that stands out in its group. Scores are computed on the absolute
// amount and on its base-10 logarithm; Methods lists which limits it crossed
// ("robust", "robust_log", "classic", "classic_log").
type Outlier struct {
	Index      int       `json:"index"` // into the entries given
	EntryID    int64     `json:"entry_id"`
	Dimension  Dimension `json:"dimension"`
	GroupID    int64     `json:"group_id"`
	Group      string    `json:"group,omitempty"`
	Amount     int64     `json:"amount"`
	Median     float64   `json:"median"` // group median of absolute amounts, minor units
	Robust     float64   `json:"robust_z"`
	RobustLog  float64   `json:"robust_z_log"`
	Classic    float64   `json:"z"`
	ClassicLog float64   `json:"z_log"`
	Methods    []string  `json:"methods"`
}

// Score is the strongest robust evidence, used to rank outliers.
func (o Outlier) Score() float64 { return math.Max(math.Abs(o.Robust), math.Abs(o.RobustLog)) }

// Outliers scores every entry against the others of its journal, account and partner and
// returns those over a limit, strongest first. Zero amounts carry no size and are skipped.
func Outliers(entries []Entry, opt OutlierOptions) []Outlier {
	opt = opt.withDefaults()
	// Dimensions are independent and read-only over entries: score them in parallel.
	// Absolute amounts and their logs are shared by every dimension: compute them once.
	abs, logs := make([]float64, len(entries)), make([]float64, len(entries))
	for i := range entries {
		abs[i] = math.Abs(float64(entries[i].Amount))
		logs[i] = math.Log10(abs[i])
	}
	perDim := make([][]Outlier, len(opt.Dimensions))
	var wg sync.WaitGroup
	for k, dim := range opt.Dimensions {
		wg.Go(func() { perDim[k] = outliersBy(entries, abs, logs, dim, opt) })
	}
	wg.Wait()
	var out []Outlier
	for _, o := range perDim {
		out = append(out, o...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score() > out[j].Score() })
	return out
}

// groupIndices buckets entry indices by the dimension's key, leaving out zero amounts.
func groupIndices(entries []Entry, dim Dimension) map[groupKey][]int32 {
	groups := make(map[groupKey][]int32, 1024)
	for i := range entries {
		if entries[i].Amount == 0 {
			continue
		}
		if k, ok := dim.key(&entries[i]); ok {
			groups[k] = append(groups[k], int32(i))
		}
	}
	return groups
}

func outliersBy(entries []Entry, absAll, logAll []float64, dim Dimension, opt OutlierOptions) []Outlier {
	groups := groupIndices(entries, dim)
	var out []Outlier
	var raw, logs, scratch []float64
	for key, idx := range groups {
		if len(idx) < opt.MinGroup {
			continue
		}
		raw, logs, scratch = raw[:0], logs[:0], grow(scratch, len(idx))
		for _, i := range idx {
			raw = append(raw, absAll[i])
			logs = append(logs, logAll[i])
		}
		locRaw, locLog := Locate(raw, scratch), Locate(logs, scratch)
		var found []Outlier
		ordinaryMax := 0.0
		for k, i := range idx {
			o := Outlier{
				Robust: locRaw.ModifiedZ(raw[k]), RobustLog: locLog.ModifiedZ(logs[k]),
				Classic: locRaw.Z(raw[k]), ClassicLog: locLog.Z(logs[k]),
			}
			if !o.flagged(opt) {
				ordinaryMax = math.Max(ordinaryMax, raw[k])
				continue
			}
			o.Methods = o.crossed(opt)
			e := &entries[i]
			o.Index, o.EntryID, o.Dimension, o.GroupID = int(i), e.ID, dim, key.id
			o.Group, o.Amount, o.Median = dim.name(e), e.Amount, locRaw.Median
			found = append(found, o)
		}
		for _, o := range found {
			if opt.Any || math.Abs(float64(o.Amount)) >= opt.MinGap*ordinaryMax {
				out = append(out, o)
			}
		}
	}
	return out
}

func (o Outlier) flagged(opt OutlierOptions) bool {
	if opt.Any {
		return math.Abs(o.Robust) > opt.RobustLimit || math.Abs(o.RobustLog) > opt.RobustLimit ||
			math.Abs(o.Classic) > opt.ClassicLimit || math.Abs(o.ClassicLog) > opt.ClassicLimit
	}
	// Only amounts far above their group: a tiny amount is rarely where money goes missing.
	return o.Robust > opt.RobustLimit && o.RobustLog > opt.ConfirmLimit
}

func (o Outlier) crossed(opt OutlierOptions) []string {
	var m []string
	if math.Abs(o.Robust) > opt.RobustLimit {
		m = append(m, "robust")
	}
	if math.Abs(o.RobustLog) > opt.RobustLimit {
		m = append(m, "robust_log")
	}
	if math.Abs(o.Classic) > opt.ClassicLimit {
		m = append(m, "classic")
	}
	if math.Abs(o.ClassicLog) > opt.ClassicLimit {
		m = append(m, "classic_log")
	}
	return m
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}
