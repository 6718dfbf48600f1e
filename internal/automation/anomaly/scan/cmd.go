package scan

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly"
	"github.com/smartodoo/smartodoo/internal/core"
)

// CommandDeps let the CLI build the automation only when `scan` runs: `benford` on a CSV
// needs no Odoo at all.
type CommandDeps struct {
	Automation func(ctx context.Context) (*Automation, error)
	CompanyID  int64
}

// Command is `smartodoo anomaly` with `benford` (any CSV column) and `scan` (Odoo).
func Command(d CommandDeps) *cobra.Command {
	root := &cobra.Command{Use: "anomaly", Short: "Benford tests and anomaly scans"}
	root.AddCommand(benfordCommand(), scanCommand(d))
	return root
}

func benfordCommand() *cobra.Command {
	var file, column, test string
	var decimals int
	var asJSON bool
	cmd := &cobra.Command{
		Use: "benford", Short: "Benford digit test on one numeric column of a CSV file",
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := anomaly.ParseTest(test)
			if err != nil {
				return core.Errorf(core.CodeInvalid, "%v", err)
			}
			f, err := os.Open(file)
			if err != nil {
				return core.Errorf(core.CodeInvalid, "open %s: %v", file, err)
			}
			defer f.Close()
			col, err := anomaly.ReadColumn(f, column)
			if err != nil {
				return core.Errorf(core.CodeInvalid, "%s: %v", file, err)
			}
			res, err := anomaly.Benford(col.Values, decimals, t, anomaly.BenfordOptions{})
			if err != nil {
				return core.Errorf(core.CodeInvalid, "%v", err)
			}
			for i := range res.Drill { // report CSV line numbers, not slice indices
				for k, r := range res.Drill[i].Rows {
					res.Drill[i].Rows[k] = col.Lines[r]
				}
			}
			return printBenford(cmd.OutOrStdout(), res, col, asJSON)
		},
	}
	cmd.Flags().StringVar(&file, "csv", "", "CSV file with a header row (required)")
	cmd.Flags().StringVar(&column, "column", "", "column name (required)")
	cmd.Flags().StringVar(&test, "test", "first", "first, first2, second or last2")
	cmd.Flags().IntVar(&decimals, "decimals", 2, "digits are read from int(|value| * 10^decimals)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	_ = cmd.MarkFlagRequired("csv")
	_ = cmd.MarkFlagRequired("column")
	return cmd
}

func printBenford(w io.Writer, r anomaly.BenfordResult, col anomaly.Column, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(w, "%s digits test on %q: %d values (%d too small, %d not numbers)\n", r.Test, col.Name, r.N, r.Skipped, col.Skipped)
	fmt.Fprintf(w, "chi-square %.4f (df %d, p %.4g)  MAD %.6f %s  KS %.6f (critical %.6f)\n", r.ChiSquare, r.DF, r.PValue, r.MAD, r.Conformity, r.KS, r.KSCritical)
	if r.Warning != "" {
		fmt.Fprintln(w, "warning:", r.Warning)
	}
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "DIGIT\tCOUNT\tFOUND\tEXPECTED\tZ\t")
	for _, row := range r.Rows {
		mark := ""
		if row.Significant {
			mark = "*"
		}
		fmt.Fprintf(tw, "%d\t%d\t%.4f\t%.4f\t%.2f\t%s\n", row.Digit, row.Count, row.Found, row.Expected, row.Z, mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, d := range r.Drill {
		fmt.Fprintf(w, "digit %d over-represented (z %.2f, %d above expectation): CSV lines %v\n", d.Digit, d.Z, d.Excess, d.Rows)
	}
	return nil
}

func scanCommand(d CommandDeps) *cobra.Command {
	var period string
	var company int64
	var asJSON bool
	cmd := &cobra.Command{
		Use: "scan", Short: "Scan a period's journal items and vendor bills in Odoo for anomalies",
		RunE: func(cmd *cobra.Command, _ []string) error {
			per, err := ParsePeriod(period)
			if err != nil {
				return core.Errorf(core.CodeInvalid, "%v", err)
			}
			if d.Automation == nil {
				return fmt.Errorf("anomaly scan: no Odoo connection configured")
			}
			a, err := d.Automation(cmd.Context())
			if err != nil {
				return err
			}
			p, _ := ParseParams(nil)
			if company == 0 {
				company = d.CompanyID
			}
			rep, err := a.Scan(cmd.Context(), company, per, p)
			if err != nil {
				return err
			}
			return printFindings(cmd.OutOrStdout(), rep.Findings, asJSON)
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "month to scan, YYYY-MM (default: the whole ledger)")
	cmd.Flags().Int64Var(&company, "company", 0, "Odoo company id (default: the configured or first company)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func printFindings(w io.Writer, findings []core.Finding, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(findings)
	}
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tSEVERITY\tAMOUNT\tTITLE")
	for _, f := range findings {
		amount := ""
		if f.Amount != nil {
			amount = f.Amount.String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Kind, f.Severity, amount, f.Title)
	}
	fmt.Fprintf(tw, "\n%d findings\n", len(findings))
	return tw.Flush()
}
