package anomaly

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Column is one numeric column read from a CSV export.
type Column struct {
	Name    string
	Values  []float64
	Lines   []int // the CSV line (1 = header) each value came from, for drill-down
	Skipped int   // non-empty cells that were not numbers
}

// ReadColumn reads the named column (case-insensitive) from a CSV with a header row.
// Empty cells are ignored; cells that are not numbers are counted in Skipped.
func ReadColumn(r io.Reader, name string) (Column, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return Column{}, fmt.Errorf("read CSV header: %w", err)
	}
	col := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), strings.TrimSpace(name)) {
			col = i
		}
	}
	if col < 0 {
		return Column{}, fmt.Errorf("CSV has no column %q; its columns are: %s", name, strings.Join(header, ", "))
	}
	out := Column{Name: header[col]}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Column{}, fmt.Errorf("read CSV line %d: %w", line, err)
		}
		if col >= len(rec) || strings.TrimSpace(rec[col]) == "" {
			continue
		}
		v, ok := ParseNumber(rec[col])
		if !ok {
			out.Skipped++
			continue
		}
		out.Values = append(out.Values, v)
		out.Lines = append(out.Lines, line)
	}
	if len(out.Values) == 0 {
		return out, fmt.Errorf("column %q has no numeric values (%d cells were not numbers)", name, out.Skipped)
	}
	return out, nil
}

// ParseNumber reads the number formats found in accounting exports: "1234.5", "-12",
// "1,234.50", "(1,234.50)" for negatives, and a leading or trailing currency symbol.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")")
	if neg {
		s = s[1 : len(s)-1]
	}
	s = strings.Trim(s, " $€£¥")
	s = strings.ReplaceAll(s, ",", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}
