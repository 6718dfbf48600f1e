package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// FindingFilter selects findings, newest first. Zero fields do not filter.
type FindingFilter struct {
	Automation string
	RunID      int64
	Kind       string
	Severity   core.Severity
	CompanyID  int64
	Limit      int   // default 100
	BeforeID   int64 // id < BeforeID: the next page
}

const findingCols = `id, run_id, automation, company_id, kind, severity, title, detail, amount_minor,
	amount_currency, records, data, created_at`

func scanFinding(row interface{ Scan(...any) error }) (core.Finding, error) {
	var f core.Finding
	var minor sql.NullInt64
	var currency sql.NullString
	err := row.Scan(&f.ID, &f.RunID, &f.Automation, &f.CompanyID, &f.Kind, &f.Severity, &f.Title, &f.Detail,
		&minor, &currency, jsonCol{&f.Records}, rawCol{&f.Data}, timeCol{&f.CreatedAt})
	if minor.Valid {
		f.Amount = &core.Money{Minor: minor.Int64, Currency: currency.String}
	}
	return f, err
}

func validateFinding(i int, f *core.Finding) error {
	switch {
	case strings.TrimSpace(f.Automation) == "":
		return invalid("finding %d has no automation", i)
	case strings.TrimSpace(f.Kind) == "":
		return invalid("finding %d (%s) has no kind", i, f.Automation)
	case strings.TrimSpace(f.Title) == "":
		return invalid("finding %d (%s/%s) has no title", i, f.Automation, f.Kind)
	}
	switch f.Severity {
	case core.SeverityInfo, core.SeverityWarning, core.SeverityCritical:
	default:
		return invalid("finding %d (%s/%s) has severity %q: use info, warning or critical", i, f.Automation, f.Kind, f.Severity)
	}
	return nil
}

// InsertFindings stores fs in one transaction and sets each ID (and CreatedAt when zero).
// Nothing is stored if any finding is invalid.
func (s *Store) InsertFindings(ctx context.Context, fs []core.Finding) error {
	for i := range fs {
		if err := validateFinding(i, &fs[i]); err != nil {
			return err
		}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.InsertFindingsTx(ctx, tx, fs) })
}

// InsertFindingsTx is InsertFindings inside the caller's transaction, so a run's findings
// and its FinishRunTx commit together and a retried job cannot record them twice.
func (s *Store) InsertFindingsTx(ctx context.Context, tx *sql.Tx, fs []core.Finding) error {
	for i := range fs {
		if err := validateFinding(i, &fs[i]); err != nil {
			return err
		}
	}
	for i := range fs {
		if err := s.insertFinding(ctx, tx, &fs[i]); err != nil {
			return fmt.Errorf("insert finding %d of %d: %w", i, len(fs), err)
		}
	}
	return nil
}

func (s *Store) insertFinding(ctx context.Context, tx *sql.Tx, f *core.Finding) error {
	f.CreatedAt = s.orNow(f.CreatedAt)
	records, err := jsonArg(f.Records)
	if err != nil {
		return err
	}
	data, err := rawJSON(f.Data)
	if err != nil {
		return err
	}
	var minor, currency any
	if f.Amount != nil {
		minor, currency = f.Amount.Minor, f.Amount.Currency
	}
	err = tx.QueryRowContext(ctx, s.q(`INSERT INTO findings (run_id, automation, company_id, kind, severity,
		title, detail, amount_minor, amount_currency, records, data, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		f.RunID, f.Automation, f.CompanyID, f.Kind, string(f.Severity), f.Title, f.Detail, minor, currency,
		records, data, s.ts(f.CreatedAt)).Scan(&f.ID)
	return classify("insert finding", err)
}

// ListFindings lists findings matching f, newest first.
func (s *Store) ListFindings(ctx context.Context, f FindingFilter) ([]core.Finding, error) {
	var w where
	w.eq("automation", f.Automation)
	w.eqInt("run_id", f.RunID)
	w.eq("kind", f.Kind)
	w.eq("severity", string(f.Severity))
	w.eqInt("company_id", f.CompanyID)
	w.before(f.BeforeID)
	query := `SELECT ` + findingCols + ` FROM findings` + w.sql() + ` ORDER BY id DESC LIMIT ?`
	rows, err := s.Reader.QueryContext(ctx, s.q(query), append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, classify("list findings", err)
	}
	return collect(rows, "list findings", scanFinding)
}
