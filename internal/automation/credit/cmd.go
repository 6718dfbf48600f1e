package credit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Scores returns the current scores of a company, or of one customer when partnerID != 0.
// It backs `smartodoo credit score` and GET /api/credit/scores.
func (a *Automation) Scores(ctx context.Context, companyID, partnerID int64, rule json.RawMessage) ([]Score, error) {
	res, err := a.Score(ctx, companyID, rule)
	if err != nil {
		return nil, err
	}
	if partnerID == 0 {
		return res.Scores, nil
	}
	for _, s := range res.Scores {
		if s.PartnerID == partnerID {
			return []Score{s}, nil
		}
	}
	return nil, core.Errorf(core.CodeNotFound, "partner %d is not a customer of company %d (no invoices, no customer rank)", partnerID, companyID)
}

// Holds returns the customers the rules hold now, with whether the tag is already set.
// It backs `smartodoo credit holds` and GET /api/credit/holds.
func (a *Automation) Holds(ctx context.Context, companyID int64, rule json.RawMessage) ([]Score, error) {
	all, err := a.Scores(ctx, companyID, 0, rule)
	if err != nil {
		return nil, err
	}
	var out []Score
	for _, s := range all {
		if s.Hold || s.OnHold {
			out = append(out, s)
		}
	}
	return out, nil
}

// CommandDeps let the CLI build the automation only when a command runs, so --help works
// without an Odoo connection.
type CommandDeps struct {
	Automation func(ctx context.Context) (*Automation, error)
	CompanyID  int64
	Rule       func(ctx context.Context) (json.RawMessage, error) // the stored rule's params; nil = defaults
	// Principal is who runs the CLI (the override needs a cfo or admin); Submit hands a
	// proposal to the approval engine. Without Submit, override prints the proposal.
	Principal core.Principal
	Submit    func(ctx context.Context, p core.Proposal) error
}

// Command is `smartodoo credit` with its `score` and `holds` subcommands.
func Command(d CommandDeps) *cobra.Command {
	root := &cobra.Command{Use: "credit", Short: "Customer credit scores, limits and holds"}
	var partner, companyID int64
	var asJSON bool
	score := &cobra.Command{
		Use: "score", Short: "Score customers (0-100, grade A-E) with the reasons",
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, rule, err := d.prepare(cmd.Context())
			if err != nil {
				return err
			}
			scores, err := a.Scores(cmd.Context(), cmp(companyID, d.CompanyID), partner, rule)
			if err != nil {
				return err
			}
			return printScores(cmd.OutOrStdout(), scores, asJSON, partner != 0)
		},
	}
	score.Flags().Int64Var(&partner, "partner", 0, "score only this commercial partner id")
	holds := &cobra.Command{
		Use: "holds", Short: "List customers the rules hold, and those carrying the hold tag",
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, rule, err := d.prepare(cmd.Context())
			if err != nil {
				return err
			}
			list, err := a.Holds(cmd.Context(), cmp(companyID, d.CompanyID), rule)
			if err != nil {
				return err
			}
			return printScores(cmd.OutOrStdout(), list, asJSON, true)
		},
	}
	root.AddCommand(overrideCommand(d, &companyID))
	for _, c := range []*cobra.Command{score, holds} {
		c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
		c.Flags().Int64Var(&companyID, "company", 0, "Odoo company id (default: the configured or first company)")
		root.AddCommand(c)
	}
	return root
}

func (d CommandDeps) prepare(ctx context.Context) (*Automation, json.RawMessage, error) {
	if d.Automation == nil {
		return nil, nil, fmt.Errorf("credit: no Odoo connection configured")
	}
	a, err := d.Automation(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rule json.RawMessage
	if d.Rule != nil {
		if rule, err = d.Rule(ctx); err != nil {
			return nil, nil, fmt.Errorf("read the credit rule: %w", err)
		}
	}
	return a, rule, nil
}

func cmp(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}

func printScores(w io.Writer, scores []Score, asJSON, explain bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(scores)
	}
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "PARTNER\tNAME\tSCORE\tGRADE\tEXPOSURE\tOVERDUE\tLIMIT\tSUGGESTED\tHOLD")
	for _, s := range scores {
		hold := ""
		switch {
		case s.Hold && s.OnHold:
			hold = "held"
		case s.Hold:
			hold = "to hold"
		case s.OnHold:
			hold = "to release"
		}
		m := func(v int64) string { return core.FormatMinor(v, s.Decimals) }
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\n", s.PartnerID, s.Name, s.Score, s.Grade,
			m(s.Exposure), m(s.Overdue), m(s.CreditLimit), m(s.SuggestedLimit), hold)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if explain {
		for _, s := range scores {
			fmt.Fprintf(w, "\n%d %s: %s\n", s.PartnerID, s.Name, s.Explanation)
		}
	}
	return nil
}

func overrideCommand(d CommandDeps, companyID *int64) *cobra.Command {
	var partner int64
	var reason, until string
	cmd := &cobra.Command{
		Use: "override", Short: "Keep a customer off credit hold until a date, with a reason (cfo/admin)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			end, err := time.Parse("2006-01-02", until)
			if err != nil {
				return core.Errorf(core.CodeInvalid, "--until %q: use YYYY-MM-DD", until)
			}
			a, _, err := d.prepare(cmd.Context())
			if err != nil {
				return err
			}
			p, err := a.OverrideHold(cmd.Context(), cmp(*companyID, d.CompanyID), partner, d.Principal, reason, end)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if p == nil {
				fmt.Fprintf(out, "override recorded; partner %d does not carry the hold tag\n", partner)
				return nil
			}
			if d.Submit != nil {
				if err := d.Submit(cmd.Context(), *p); err != nil {
					return fmt.Errorf("submit the release: %w", err)
				}
				fmt.Fprintf(out, "override recorded; release proposed: %s\n", p.Title)
				return nil
			}
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(p)
		},
	}
	cmd.Flags().Int64Var(&partner, "partner", 0, "commercial partner id (required)")
	cmd.Flags().StringVar(&reason, "reason", "", "why the hold is overridden, kept in the audit trail (required)")
	cmd.Flags().StringVar(&until, "until", "", "last day of the override, YYYY-MM-DD, at most 90 days ahead (required)")
	for _, f := range []string{"partner", "reason", "until"} {
		_ = cmd.MarkFlagRequired(f)
	}
	return cmd
}
