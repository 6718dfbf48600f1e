package dedup

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Mapping says which CSV columns make each partner field; several columns are joined with
// a space ("name" = given_name + surname). Field names: name, email, phone, mobile, vat,
// ref, street, street2, city, zip, state, country, comment, iban.
type Mapping map[string][]string

// FebrlMapping maps the Febrl corpus onto partner fields as the corpus README prescribes:
// the date of birth goes into the free-text comment.
var FebrlMapping = Mapping{
	"name": {"given_name", "surname"}, "street": {"street_number", "address_1"},
	"street2": {"address_2"}, "city": {"suburb"}, "zip": {"postcode"}, "state": {"state"},
	"ref": {"soc_sec_id"}, "comment": {"date_of_birth"},
}

var mappableFields = []string{"name", "email", "phone", "mobile", "vat", "ref", "street", "street2", "city", "zip", "state", "country", "comment", "iban"}

// ParseMapping reads "name=given_name+surname,zip=postcode" into a Mapping.
func ParseMapping(s string) (Mapping, error) {
	m := Mapping{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		field, cols, ok := strings.Cut(item, "=")
		if !ok || cols == "" {
			return nil, fmt.Errorf("mapping item %q: write field=column or field=col1+col2", item)
		}
		field = strings.TrimSpace(field)
		if !slices.Contains(mappableFields, field) {
			return nil, fmt.Errorf("mapping item %q: unknown field %q; use one of %s", item, field, strings.Join(mappableFields, ", "))
		}
		for _, c := range strings.Split(cols, "+") {
			m[field] = append(m[field], strings.TrimSpace(c))
		}
	}
	if len(m) == 0 {
		return nil, errors.New("mapping is empty: map at least name=<column>")
	}
	return m, nil
}

// EvalOptions describe a labelled CSV.
type EvalOptions struct {
	Mapping     Mapping
	TruthColumn string // column naming the true entity of each row
	// TruthPattern, when set, is a regexp whose first group extracts the entity from the
	// truth column (Febrl: `^rec-(\d+)-`).
	TruthPattern string
	Config       Config
}

// Metrics are pairwise precision/recall/F1 of predicted clusters against true entities.
type Metrics struct {
	Records        int     `json:"records"`
	TruePairs      int     `json:"true_pairs"`
	PredictedPairs int     `json:"predicted_pairs"`
	TruePositives  int     `json:"true_positives"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
}

// EvalReport is the outcome of scoring a labelled CSV.
type EvalReport struct {
	Metrics Metrics `json:"metrics"`
	Stats   Stats   `json:"stats"`
	Model   Model   `json:"model"`
}

// EvaluateCSV de-duplicates the rows of a CSV without looking at the labels, then scores the
// clusters against the truth column. Labels never reach the engine: weights come from EM.
func EvaluateCSV(ctx context.Context, r io.Reader, opts EvalOptions) (*EvalReport, error) {
	partners, truth, err := readLabelledCSV(r, opts)
	if err != nil {
		return nil, err
	}
	res, err := Scan(ctx, partners, opts.Config)
	if err != nil {
		return nil, fmt.Errorf("scan %d CSV rows: %w", len(partners), err)
	}
	clusters := make([][]int64, len(res.Clusters))
	for i, c := range res.Clusters {
		clusters[i] = c.IDs
	}
	return &EvalReport{Metrics: PairwiseMetrics(clusters, truth), Stats: res.Stats, Model: res.Model}, nil
}

func readLabelledCSV(r io.Reader, opts EvalOptions) ([]Partner, map[int64]string, error) {
	if opts.TruthColumn == "" {
		return nil, nil, errors.New("no truth column: pass the column that names each row's true entity")
	}
	var pat *regexp.Regexp
	if opts.TruthPattern != "" {
		var err error
		if pat, err = regexp.Compile(opts.TruthPattern); err != nil || pat.NumSubexp() < 1 {
			return nil, nil, fmt.Errorf("truth pattern %q must be a valid regexp with one group (%v)", opts.TruthPattern, err)
		}
	}
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read CSV header: %w", err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	if err := checkColumns(col, opts); err != nil {
		return nil, nil, err
	}
	var partners []Partner
	truth := make(map[int64]string)
	for line := 2; ; line++ {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read CSV line %d: %w", line, err)
		}
		id := int64(len(partners) + 1)
		p := partnerFromCSV(id, row, col, opts.Mapping)
		t := cell(row, col[opts.TruthColumn])
		if pat != nil {
			m := pat.FindStringSubmatch(t)
			if m == nil {
				return nil, nil, fmt.Errorf("CSV line %d: truth %q does not match pattern %q", line, t, opts.TruthPattern)
			}
			t = m[1]
		}
		truth[id] = t
		partners = append(partners, p)
	}
	return partners, truth, nil
}

func checkColumns(col map[string]int, opts EvalOptions) error {
	if _, ok := col[opts.TruthColumn]; !ok {
		return fmt.Errorf("truth column %q is not in the CSV header", opts.TruthColumn)
	}
	for field, cols := range opts.Mapping {
		for _, c := range cols {
			if _, ok := col[c]; !ok {
				return fmt.Errorf("mapping %s=%s: column %q is not in the CSV header", field, strings.Join(cols, "+"), c)
			}
		}
	}
	return nil
}

func cell(row []string, i int) string {
	if i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

func partnerFromCSV(id int64, row []string, col map[string]int, m Mapping) Partner {
	get := func(field string) string {
		var parts []string
		for _, c := range m[field] {
			if v := cell(row, col[c]); v != "" {
				parts = append(parts, v)
			}
		}
		return strings.Join(parts, " ")
	}
	p := Partner{
		ID: id, Active: true, Name: get("name"), Email: get("email"), Phone: get("phone"),
		Mobile: get("mobile"), VAT: get("vat"), Ref: get("ref"), Street: get("street"),
		Street2: get("street2"), City: get("city"), Zip: get("zip"), State: get("state"),
		CountryCode: get("country"), Comment: get("comment"),
	}
	if v := get("iban"); v != "" {
		p.IBANs = []string{v}
	}
	return p
}

// PairwiseMetrics compares predicted clusters with the true entity of each id: a pair is
// predicted when both ids are in one cluster, true when both have the same entity.
func PairwiseMetrics(clusters [][]int64, truth map[int64]string) Metrics {
	m := Metrics{Records: len(truth)}
	sizes := make(map[string]int)
	for _, e := range truth {
		sizes[e]++
	}
	for _, n := range sizes {
		m.TruePairs += n * (n - 1) / 2
	}
	for _, c := range clusters {
		for i := range c {
			for j := i + 1; j < len(c); j++ {
				m.PredictedPairs++
				if ei, ok := truth[c[i]]; ok && ei == truth[c[j]] {
					m.TruePositives++
				}
			}
		}
	}
	if m.PredictedPairs > 0 {
		m.Precision = float64(m.TruePositives) / float64(m.PredictedPairs)
	}
	if m.TruePairs > 0 {
		m.Recall = float64(m.TruePositives) / float64(m.TruePairs)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
	}
	return m
}
