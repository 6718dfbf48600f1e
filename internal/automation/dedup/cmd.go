package dedup

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

// CommandDeps connects the CLI to Odoo and the store lazily, so "dedup eval" works with
// neither configured.
type CommandDeps struct {
	Odoo       func(ctx context.Context) (Caller, error)
	Dismissals func(ctx context.Context) (Dismissals, error)
}

// Command is "smartodoo dedup": scan, eval and dismiss.
func Command(deps CommandDeps) *cobra.Command {
	cmd := &cobra.Command{Use: "dedup", Short: "Find and merge duplicate contacts", SilenceUsage: true}
	cmd.AddCommand(scanCommand(deps), evalCommand(), dismissCommand(deps))
	return cmd
}

// ScanOdoo loads the partners of one company (0 = all), applies the dismissals and scans.
// It backs "dedup scan" and GET /api/dedup/clusters.
func ScanOdoo(ctx context.Context, c Caller, d Dismissals, opts LoadOptions, cfg Config) (*Result, error) {
	dismissed, err := LoadDismissed(ctx, d)
	if err != nil {
		return nil, err
	}
	cfg.Dismissed = dismissed
	partners, err := LoadPartners(ctx, c, opts)
	if err != nil {
		return nil, fmt.Errorf("load partners: %w", err)
	}
	return Scan(ctx, partners, cfg)
}

func scanCommand(deps CommandDeps) *cobra.Command {
	var model string
	var asJSON bool
	var company int64
	var cfg Config
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "List groups of duplicate contacts with the record to keep and why",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if model != "res.partner" {
				return fmt.Errorf("--model %q is not supported: only res.partner can be de-duplicated", model)
			}
			if deps.Odoo == nil {
				return fmt.Errorf("no Odoo connection is configured: set SMARTODOO_ODOO_URL and friends")
			}
			c, err := deps.Odoo(cmd.Context())
			if err != nil {
				return fmt.Errorf("connect to Odoo: %w", err)
			}
			var d Dismissals
			if deps.Dismissals != nil {
				if d, err = deps.Dismissals(cmd.Context()); err != nil {
					return fmt.Errorf("open store: %w", err)
				}
			}
			res, err := ScanOdoo(cmd.Context(), c, d, LoadOptions{CompanyID: company}, cfg)
			if err != nil {
				return err
			}
			return writeScan(cmd.OutOrStdout(), res, asJSON)
		},
	}
	cmd.Flags().StringVar(&model, "model", "res.partner", "Odoo model to de-duplicate")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print clusters, stats and model as JSON")
	cmd.Flags().Int64Var(&company, "company", 0, "only partners of this company id (and shared ones)")
	addConfigFlags(cmd, &cfg)
	return cmd
}

func addConfigFlags(cmd *cobra.Command, cfg *Config) {
	cmd.Flags().Float64Var(&cfg.Threshold, "threshold", 0.95, "match probability at or above which two contacts are linked")
	cmd.Flags().StringVar(&cfg.Method, "method", "em", `"em" (weights learnt from the data) or "baseline" (hand weights)`)
	cmd.Flags().IntVar(&cfg.MaxBlock, "max-block", 40, "ignore blocking keys shared by more records than this")
}

func writeScan(w io.Writer, res *Result, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Stats    Stats     `json:"stats"`
			Clusters []Cluster `json:"clusters"`
			Model    Model     `json:"model"`
		}{res.Stats, res.Clusters, res.Model})
	}
	byID := res.PartnersByID()
	for _, c := range res.Clusters {
		fmt.Fprintf(w, "cluster %v  keep #%d %q  p=%.4f\n", c.IDs, c.Master, byID[c.Master].Name, c.Probability)
		fmt.Fprintf(w, "  master: %s\n", c.MasterReason)
		for _, e := range c.Pairs {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
	st := res.Stats
	_, err := fmt.Fprintf(w, "%d partners, %d candidate pairs (%.2f per partner), %d linked pairs, %d clusters\n",
		st.Records, st.Blocking.CandidatePairs, st.Blocking.PairsPerRecord, st.LinkedPairs, st.Clusters)
	return err
}

func evalCommand() *cobra.Command {
	var file, truthCol, truthPat, mapping, preset string
	var asJSON bool
	var cfg Config
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score de-duplication on a CSV with ground truth (pairwise precision, recall, F1)",
		Long: `Reads a CSV, maps columns onto partner fields with --map (e.g.
"name=given_name+surname,street=street_number+address_1,zip=postcode"; fields: ` + strings.Join(mappableFields, ", ") + `),
de-duplicates the rows WITHOUT looking at the truth column, then compares the clusters with it.
--preset febrl applies the Febrl mapping and truth pattern (rec-N-org / rec-N-dup-k).`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := evalOptions(preset, mapping, truthCol, truthPat)
			if err != nil {
				return err
			}
			opts.Config = cfg
			f, err := os.Open(file)
			if err != nil {
				return fmt.Errorf("open --csv: %w", err)
			}
			defer f.Close()
			rep, err := EvaluateCSV(cmd.Context(), f, opts)
			if err != nil {
				return err
			}
			return writeEval(cmd.OutOrStdout(), rep, asJSON)
		},
	}
	cmd.Flags().StringVar(&file, "csv", "", "CSV file with a header row (required)")
	cmd.Flags().StringVar(&truthCol, "truth-column", "", "column naming each row's true entity")
	cmd.Flags().StringVar(&truthPat, "truth-pattern", "", "regexp whose first group extracts the entity from the truth column")
	cmd.Flags().StringVar(&mapping, "map", "", "column mapping field=col[+col],...")
	cmd.Flags().StringVar(&preset, "preset", "", `"febrl" for the Febrl corpus layout`)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print metrics, stats and the learnt model as JSON")
	_ = cmd.MarkFlagRequired("csv")
	addConfigFlags(cmd, &cfg)
	return cmd
}

func evalOptions(preset, mapping, truthCol, truthPat string) (EvalOptions, error) {
	var opts EvalOptions
	switch preset {
	case "":
	case "febrl":
		opts = EvalOptions{Mapping: FebrlMapping, TruthColumn: "rec_id", TruthPattern: `^rec-(\d+)-`}
	default:
		return opts, fmt.Errorf("--preset %q is unknown; the only preset is febrl", preset)
	}
	if mapping != "" {
		m, err := ParseMapping(mapping)
		if err != nil {
			return opts, fmt.Errorf("--map: %w", err)
		}
		opts.Mapping = m
	}
	if truthCol != "" {
		opts.TruthColumn = truthCol
	}
	if truthPat != "" {
		opts.TruthPattern = truthPat
	}
	if opts.Mapping == nil {
		return opts, fmt.Errorf("no column mapping: pass --map field=column,... or --preset febrl")
	}
	if opts.TruthColumn == "" {
		return opts, fmt.Errorf("no truth column: pass --truth-column")
	}
	return opts, nil
}

func writeEval(w io.Writer, rep *EvalReport, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	m := rep.Metrics
	_, err := fmt.Fprintf(w, "records %d  true pairs %d  predicted pairs %d  correct %d\nprecision %.4f  recall %.4f  F1 %.4f\ncandidate pairs %d (%.2f per record)\n",
		m.Records, m.TruePairs, m.PredictedPairs, m.TruePositives, m.Precision, m.Recall, m.F1,
		rep.Stats.Blocking.CandidatePairs, rep.Stats.Blocking.PairsPerRecord)
	return err
}

func dismissCommand(deps CommandDeps) *cobra.Command {
	var ids, actor, reason string
	cmd := &cobra.Command{
		Use:   "dismiss",
		Short: "Record that contacts are not duplicates, so they are never proposed together again",
		RunE: func(cmd *cobra.Command, _ []string) error {
			list, err := parseIDs(ids)
			if err != nil {
				return err
			}
			if deps.Dismissals == nil {
				return fmt.Errorf("no store is configured: dismissals need the database")
			}
			d, err := deps.Dismissals(cmd.Context())
			if err != nil {
				return fmt.Errorf("open store: %w", err)
			}
			if err := Dismiss(cmd.Context(), d, list, actor, reason); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "dismissed %d pairs among %v\n", len(list)*(len(list)-1)/2, list)
			return err
		},
	}
	cmd.Flags().StringVar(&ids, "ids", "", "partner ids, comma-separated (at least two)")
	cmd.Flags().StringVar(&actor, "actor", "cli", "who dismissed, for the record")
	cmd.Flags().StringVar(&reason, "reason", "", "why they are not duplicates")
	return cmd
}

func parseIDs(s string) ([]int64, error) {
	var out []int64
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("--ids: %q is not a partner id; write e.g. --ids 12,57", part)
		}
		out = append(out, id)
	}
	if len(out) < 2 {
		return nil, fmt.Errorf("--ids needs at least two partner ids, e.g. --ids 12,57")
	}
	return out, nil
}
