package bankrec

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/core"
)

// CommandDeps is what "smartodoo bankrec" needs from the application.
type CommandDeps struct {
	// Automation builds the automation with its Odoo client and state store.
	Automation func(ctx context.Context) (*Automation, error)
	// Submit hands proposals to the approval engine (which applies those at or above the
	// rule's threshold and queues the rest). Nil means "bankrec run" can only be a dry run.
	Submit func(ctx context.Context, proposals []core.Proposal) error
	// Company resolves --company 0 to the connection user's company; nil leaves 0, which
	// makes Odoo answer for every company the user can see.
	Company func(ctx context.Context, id int64) (int64, error)
}

// Command builds "smartodoo bankrec" with "run", "confirm" and "reject".
func Command(deps CommandDeps) *cobra.Command {
	root := &cobra.Command{Use: "bankrec", Short: "Match bank statement lines to open invoices and bills"}
	root.AddCommand(runCommand(deps), confirmCommand(deps), rejectCommand(deps))
	return root
}

func runCommand(deps CommandDeps) *cobra.Command {
	var (
		p              Params
		dryRun, asJSON bool
		paramsFile     string
		companyID      int64
	)
	c := &cobra.Command{
		Use:   "run",
		Short: "Match every unreconciled line and propose reconciliations (and rules learned from history)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if paramsFile != "" {
				raw, err := os.ReadFile(paramsFile)
				if err != nil {
					return core.Errorf(core.CodeInvalid, "read params file: %v", err)
				}
				journal := p.JournalID
				if p, err = ParseParams(raw); err != nil {
					return err
				}
				p.JournalID = max(p.JournalID, journal)
			}
			if p.HistoryDays == 0 {
				p.HistoryDays = 180
			}
			a, err := deps.Automation(cmd.Context())
			if err != nil {
				return err
			}
			company := companyID
			if deps.Company != nil {
				if company, err = deps.Company(cmd.Context(), companyID); err != nil {
					return err
				}
			}
			rep, err := a.Suggest(cmd.Context(), SuggestOptions{Params: p, CompanyID: company})
			if err != nil {
				return err
			}
			if !dryRun {
				if deps.Submit == nil {
					return core.Errorf(core.CodeUnavailable, "no approval engine wired: use --dry-run")
				}
				if err := deps.Submit(cmd.Context(), append(rep.Proposals, rep.RuleProposals...)); err != nil {
					return fmt.Errorf("submit bankrec proposals: %w", err)
				}
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			printReport(cmd.OutOrStdout(), rep, dryRun)
			return nil
		},
	}
	c.Flags().Int64Var(&p.JournalID, "journal", 0, "bank journal id (default: every bank journal)")
	c.Flags().Int64Var(&companyID, "company", 0, "company id (default: the connection's company)")
	c.Flags().StringVar(&paramsFile, "params", "", "JSON file with matcher params (fee_account_id, max_fee, ...)")
	c.Flags().BoolVar(&dryRun, "dry-run", false, "show suggestions without submitting proposals")
	c.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return c
}

func confirmCommand(deps CommandDeps) *cobra.Command {
	var e Example
	var amount string
	c := &cobra.Command{
		Use:   "confirm",
		Short: "Record that a line without a document belongs on an account (teaches rules)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := core.ParseMinor(amount, 2)
			if err != nil {
				return fmt.Errorf("--amount: %w", err)
			}
			e.Amount = v
			a, err := deps.Automation(cmd.Context())
			if err != nil {
				return err
			}
			return a.Confirm(cmd.Context(), e)
		},
	}
	c.Flags().Int64Var(&e.JournalID, "journal", 0, "bank journal id")
	c.Flags().StringVar(&e.Label, "label", "", "the line's label (payment_ref)")
	c.Flags().StringVar(&amount, "amount", "", "the line's signed amount, e.g. -45.00")
	c.Flags().Int64Var(&e.AccountID, "account", 0, "account id it was booked on")
	return c
}

func rejectCommand(deps CommandDeps) *cobra.Command {
	return &cobra.Command{
		Use:   "reject DEDUP_KEY",
		Short: "Record that a suggestion is wrong so it is not suggested again",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := deps.Automation(cmd.Context())
			if err != nil {
				return err
			}
			return a.Reject(cmd.Context(), args[0])
		},
	}
}

func printReport(w io.Writer, rep Report, dryRun bool) {
	verb := "submitted"
	if dryRun {
		verb = "would submit"
	}
	fmt.Fprintf(w, "%d unreconciled lines, %d open items; %s %d reconciliations and %d rule proposals (calibration: %s)\n",
		len(rep.Lines), int(rep.Metrics["open_items"]), verb, len(rep.Proposals), len(rep.RuleProposals), rep.Calibration)
	for _, p := range rep.Proposals {
		fmt.Fprintf(w, "  %.3f  %s\n", p.Confidence, p.Title)
	}
	for _, p := range rep.RuleProposals {
		fmt.Fprintf(w, "  rule   %s\n", p.Title)
	}
	var skipped []string
	for why, n := range rep.Skipped {
		skipped = append(skipped, fmt.Sprintf("%d %s", n, why))
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "not proposed: %s\n", strings.Join(skipped, ", "))
	}
}
