package company

import (
	"fmt"
	"slices"
	"time"
)

// sequencer numbers documents chronologically per journal and year, as Odoo does
// (INV/2026/00001 is the first invoice dated 2026). Documents are emitted partner by partner,
// not in date order, so a first pass counts documents per journal and day; each day then
// owns a contiguous block of numbers and the second pass hands them out.
type sequencer struct {
	counting bool
	counts   map[seqKey]int
	start    map[seqKey]int
	used     map[seqKey]int
}

type seqKey struct {
	prefix string
	day    int32 // days since 1970-01-01; -1 for yearless sequences counted by day too
}

func newSequencer() *sequencer {
	return &sequencer{counting: true, counts: map[seqKey]int{}, start: map[seqKey]int{}, used: map[seqKey]int{}}
}

func dayNumber(t time.Time) int32 { return int32(t.Unix() / 86400) }

// count records one document of prefix on date (first pass).
func (s *sequencer) count(prefix string, date time.Time) {
	s.counts[seqKey{prefix, dayNumber(date)}]++
}

// finish turns the counts into per-day starting numbers, resetting each year unless the
// prefix is yearless (sale and purchase orders: S00001 runs on forever).
func (s *sequencer) finish(yearless map[string]bool) {
	s.counting = false
	byPrefix := map[string][]int32{}
	for k := range s.counts {
		byPrefix[k.prefix] = append(byPrefix[k.prefix], k.day)
	}
	for prefix, days := range byPrefix {
		slices.Sort(days)
		next, year := 1, 0
		for _, d := range days {
			y := time.Unix(int64(d)*86400, 0).UTC().Year()
			if y != year && !yearless[prefix] {
				next, year = 1, y
			}
			s.start[seqKey{prefix, d}] = next
			next += s.counts[seqKey{prefix, d}]
		}
	}
}

// number returns the next sequence number of prefix on date (second pass).
func (s *sequencer) number(prefix string, date time.Time) int {
	if s.counting {
		s.count(prefix, date)
		return 0
	}
	k := seqKey{prefix, dayNumber(date)}
	n := s.start[k] + s.used[k]
	s.used[k]++
	return n
}

// moveName is Odoo's default yearly journal sequence: "INV/2026/00001".
func (s *sequencer) moveName(code string, date time.Time) string {
	return fmt.Sprintf("%s/%d/%05d", code, date.Year(), s.number(code, date))
}
