package anomaly

import (
	"math"
	"sort"
	"time"
)

// RoundOptions tune round-number cluster detection.
type RoundOptions struct {
	Decimals   int         // of the company currency; default 2
	Unit       int64       // an amount is round when a multiple of Unit major units; default 100
	MinAmount  int64       // in major units; smaller amounts are not judged; default 1000
	MinCount   int         // fewest round amounts that make a cluster; default 5
	Z          float64     // binomial z over the baseline share that flags a group; default 3
	Dimensions []Dimension // default account, partner
}

func (o RoundOptions) withDefaults() RoundOptions {
	if o.Decimals == 0 {
		o.Decimals = 2
	}
	if o.Unit <= 0 {
		o.Unit = 100
	}
	if o.MinAmount <= 0 {
		o.MinAmount = 1000
	}
	if o.MinCount <= 0 {
		o.MinCount = 5
	}
	if o.Z <= 0 {
		o.Z = 3
	}
	if len(o.Dimensions) == 0 {
		o.Dimensions = []Dimension{ByAccount, ByPartner}
	}
	return o
}

// RoundCluster is a group with more round amounts than the ledger as a whole: estimates,
// manual accruals or invented figures tend to be round.
type RoundCluster struct {
	Dimension Dimension `json:"dimension"`
	GroupID   int64     `json:"group_id"`
	Group     string    `json:"group,omitempty"`
	Round     int       `json:"round"` // round amounts in the group
	N         int       `json:"n"`     // judged amounts in the group
	Share     float64   `json:"share"`
	Baseline  float64   `json:"baseline"` // share of round amounts over all judged entries
	Z         float64   `json:"z"`
	Rows      []int     `json:"rows"` // indices of the round entries
}

// RoundClusters flags groups whose share of round amounts is well above the baseline.
func RoundClusters(entries []Entry, opt RoundOptions) []RoundCluster {
	opt = opt.withDefaults()
	scale := int64(math.Pow10(opt.Decimals))
	unit, floor := opt.Unit*scale, opt.MinAmount*scale
	isRound := func(a int64) bool { return a >= floor && a%unit == 0 }
	var judged, round int
	for i := range entries {
		if a := absInt(entries[i].Amount); a >= floor {
			judged++
			if isRound(a) {
				round++
			}
		}
	}
	if judged == 0 {
		return nil
	}
	// A floor on the baseline keeps a ledger with no round amount at all from flagging one.
	base := math.Max(float64(round)/float64(judged), 0.01)
	var out []RoundCluster
	for _, dim := range opt.Dimensions {
		for key, idx := range groupIndices(entries, dim) {
			c := RoundCluster{Dimension: dim, GroupID: key.id, Baseline: base, Group: dim.name(&entries[idx[0]])}
			for _, i := range idx {
				a := absInt(entries[i].Amount)
				if a < floor {
					continue
				}
				c.N++
				if isRound(a) {
					c.Round++
					c.Rows = append(c.Rows, int(i))
				}
			}
			if c.Round < opt.MinCount {
				continue
			}
			c.Share = float64(c.Round) / float64(c.N)
			c.Z = (c.Share - base) / math.Sqrt(base*(1-base)/float64(c.N))
			if c.Z > opt.Z {
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Z > out[j].Z })
	return out
}

// TimingOptions describe the company's working week.
type TimingOptions struct {
	Location  *time.Location // default UTC
	WorkStart int            // first working hour, default 7
	WorkEnd   int            // hour at which work ends, default 20
	// MaxUsualShare: when more than this share of entries (default 0.05) is recorded on
	// weekends, or outside hours, the company works then and that reason is not reported.
	MaxUsualShare float64
}

func (o TimingOptions) withDefaults() TimingOptions {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.WorkStart == 0 && o.WorkEnd == 0 {
		o.WorkStart, o.WorkEnd = 7, 20
	}
	if o.MaxUsualShare <= 0 {
		o.MaxUsualShare = 0.05
	}
	return o
}

// OddTiming is an entry recorded on a weekend or outside working hours.
type OddTiming struct {
	Index   int      `json:"index"`
	EntryID int64    `json:"entry_id"`
	Reasons []string `json:"reasons"` // "weekend", "after_hours"
}

// OddTimings flags entries recorded on a weekend or outside working hours. The recording
// time (CreatedAt) is what counts; the accounting date is used for "weekend" only when the
// recording time is unknown, since month-end entries are legitimately dated on a Saturday.
// A reason common in this ledger (over MaxUsualShare of the entries) is not reported: a
// shop open on Saturdays records on Saturdays.
func OddTimings(entries []Entry, opt TimingOptions) []OddTiming {
	opt = opt.withDefaults()
	var out []OddTiming
	var weekend, afterHours int
	for i := range entries {
		e := &entries[i]
		var reasons []string
		when := e.Date
		if !e.CreatedAt.IsZero() {
			when = e.CreatedAt.In(opt.Location)
			if h := when.Hour(); h < opt.WorkStart || h >= opt.WorkEnd {
				reasons = append(reasons, "after_hours")
				afterHours++
			}
		}
		if !when.IsZero() && (when.Weekday() == time.Saturday || when.Weekday() == time.Sunday) {
			reasons = append([]string{"weekend"}, reasons...)
			weekend++
		}
		if reasons != nil {
			out = append(out, OddTiming{Index: i, EntryID: e.ID, Reasons: reasons})
		}
	}
	usual := map[string]bool{
		"weekend":     float64(weekend) > opt.MaxUsualShare*float64(len(entries)),
		"after_hours": float64(afterHours) > opt.MaxUsualShare*float64(len(entries)),
	}
	kept := out[:0]
	for _, o := range out {
		var r []string
		for _, reason := range o.Reasons {
			if !usual[reason] {
				r = append(r, reason)
			}
		}
		if r != nil {
			o.Reasons = r
			kept = append(kept, o)
		}
	}
	return kept
}

// RareUserOptions tune the unusual-poster check.
type RareUserOptions struct {
	MinAccountLines int     // accounts with fewer lines are not judged; default 30
	MaxShare        float64 // a user below this share of an account's lines is rare; default 0.02
	MaxLines        int     // ... and with at most this many lines there; default 3
	// A user with less than MaxUserShare of all lines (default 0.01) of a ledger of at
	// least MinLedgerLines (default 500) rarely posts at all: every line they post is flagged.
	MaxUserShare   float64
	MinLedgerLines int
}

func (o RareUserOptions) withDefaults() RareUserOptions {
	if o.MinAccountLines <= 0 {
		o.MinAccountLines = 30
	}
	if o.MaxShare <= 0 {
		o.MaxShare = 0.02
	}
	if o.MaxLines <= 0 {
		o.MaxLines = 3
	}
	if o.MaxUserShare <= 0 {
		o.MaxUserShare = 0.01
	}
	if o.MinLedgerLines <= 0 {
		o.MinLedgerLines = 500
	}
	return o
}

// RareUser is an entry posted to an account by a user who almost never posts there.
type RareUser struct {
	Index     int     `json:"index"`
	EntryID   int64   `json:"entry_id"`
	UserID    int64   `json:"user_id"`
	AccountID int64   `json:"account_id"`
	UserLines int     `json:"user_lines"`
	Lines     int     `json:"account_lines"`
	Share     float64 `json:"share"`
}

// RareUsers flags lines whose author rarely posts to that account.
func RareUsers(entries []Entry, opt RareUserOptions) []RareUser {
	opt = opt.withDefaults()
	type pair struct{ account, user int64 }
	perPair := make(map[pair]int)
	perAccount := make(map[int64]int)
	perUser := make(map[int64]int)
	lines := 0
	for i := range entries {
		e := &entries[i]
		if e.UserID == 0 || e.AccountID == 0 {
			continue
		}
		perPair[pair{e.AccountID, e.UserID}]++
		perAccount[e.AccountID]++
		perUser[e.UserID]++
		lines++
	}
	var out []RareUser
	for i := range entries {
		e := &entries[i]
		if e.UserID == 0 || e.AccountID == 0 {
			continue
		}
		total := perAccount[e.AccountID]
		n := perPair[pair{e.AccountID, e.UserID}]
		share := float64(n) / float64(total)
		rareHere := total >= opt.MinAccountLines && n <= opt.MaxLines && share < opt.MaxShare
		rareAtAll := lines >= opt.MinLedgerLines && float64(perUser[e.UserID]) < opt.MaxUserShare*float64(lines)
		if rareHere || rareAtAll {
			out = append(out, RareUser{Index: i, EntryID: e.ID, UserID: e.UserID, AccountID: e.AccountID, UserLines: n, Lines: total, Share: share})
		}
	}
	return out
}
