package closing

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/core"
)

// CommandDeps let the CLI build the automation only when a command runs.
type CommandDeps struct {
	Automation func(ctx context.Context) (*Automation, error)
	CompanyID  int64
	Rule       func(ctx context.Context) (json.RawMessage, error) // the stored rule's params; nil = defaults
}

// Command is `smartodoo close` with its `scan` subcommand.
func Command(d CommandDeps) *cobra.Command {
	root := &cobra.Command{Use: "close", Short: "Month-end close checks and readiness"}
	var period string
	var company int64
	var asJSON bool
	scan := &cobra.Command{
		Use: "scan", Short: "Run the ten close checks for a period",
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := ParsePeriod(period)
			if err != nil {
				return err
			}
			if d.Automation == nil {
				return fmt.Errorf("close scan: no Odoo connection configured")
			}
			a, err := d.Automation(cmd.Context())
			if err != nil {
				return err
			}
			var rule json.RawMessage
			if d.Rule != nil {
				if rule, err = d.Rule(cmd.Context()); err != nil {
					return fmt.Errorf("read the close rule: %w", err)
				}
			}
			if company == 0 {
				company = d.CompanyID
			}
			r, err := a.ScanPeriod(cmd.Context(), company, p, rule)
			if err != nil {
				return err
			}
			return printReport(cmd.OutOrStdout(), r, asJSON)
		},
	}
	scan.Flags().StringVar(&period, "period", "", "month to close, YYYY-MM (required)")
	scan.Flags().Int64Var(&company, "company", 0, "Odoo company id (default: the configured or first company)")
	scan.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	_ = scan.MarkFlagRequired("period")
	root.AddCommand(scan)
	return root
}

func printReport(w io.Writer, r Report, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	state := "not ready"
	if r.Ready {
		state = "ready to lock"
	}
	fmt.Fprintf(w, "Close of %s: readiness %.1f/100, %s\n\n", r.Period, r.Readiness, state)
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tCHECK\tOPEN\tAMOUNT")
	for _, c := range r.Checks {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s %s\n", c.Number, c.Name, len(c.Findings), core.FormatMinor(c.Amount, r.Decimals), r.Currency)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range r.Checks {
		for i, f := range c.Findings {
			if i == 10 {
				fmt.Fprintf(w, "  (%d) ... %d more\n", c.Number, len(c.Findings)-10)
				break
			}
			fmt.Fprintf(w, "  (%d) [%s] %s\n", c.Number, f.Severity, f.Title)
		}
	}
	for _, p := range r.Proposals {
		fmt.Fprintf(w, "proposal: %s\n", p.Title)
	}
	return nil
}
