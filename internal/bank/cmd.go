package bank

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/core"
)

// CommandDeps is what the bank CLI needs from the application.
type CommandDeps struct {
	// Odoo connects to the configured Odoo; only "bank import" calls it.
	Odoo func(ctx context.Context) (Odoo, error)
	// State opens the store for saved CSV mappings; nil means mappings come from files only.
	State func(ctx context.Context) (State, error)
	// Audit records every write of "bank import"; nil means no audit (not for production).
	Audit func(ctx context.Context, e core.AuditEntry) error
	Actor string
	Log   *slog.Logger
}

// Command builds "smartodoo bank" with "parse" and "import".
func Command(deps CommandDeps) *cobra.Command {
	root := &cobra.Command{Use: "bank", Short: "Read bank statement files (CAMT, MT940, OFX, CSV) and import them into Odoo"}
	root.AddCommand(parseCommand(deps), importCommand(deps), mappingCommand(deps))
	return root
}

type fileFlags struct {
	format, mapping string
	asJSON          bool
	deps            CommandDeps
}

func (f *fileFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.format, "format", "auto", "file format: auto, camt, mt940, ofx or csv")
	c.Flags().StringVar(&f.mapping, "mapping", "", "CSV column mapping: a JSON file, or the name of a saved mapping; required for CSV")
	c.Flags().BoolVar(&f.asJSON, "json", false, "print JSON")
}

// read parses the file named on the command line with the flags' options.
func (f *fileFlags) read(ctx context.Context, path string, allowUnbalanced bool) ([]Statement, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, core.Errorf(core.CodeInvalid, "read statement file: %v", err)
	}
	opt := ParseOptions{Format: Format(f.format), AllowUnbalanced: allowUnbalanced}
	if f.mapping != "" {
		m, err := f.loadMapping(ctx)
		if err != nil {
			return nil, err
		}
		opt.Mapping = &m
	}
	stmts, err := Parse(data, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return stmts, nil
}

// loadMapping reads --mapping as a file, or else as the name of a saved mapping.
func (f *fileFlags) loadMapping(ctx context.Context) (CSVMapping, error) {
	mb, err := os.ReadFile(f.mapping)
	if err == nil {
		return ParseCSVMapping(mb)
	}
	if !os.IsNotExist(err) || f.deps.State == nil {
		return CSVMapping{}, core.Errorf(core.CodeInvalid, "read CSV mapping: %v", err)
	}
	st, err := f.deps.State(ctx)
	if err != nil {
		return CSVMapping{}, err
	}
	return LoadCSVMapping(ctx, st, f.mapping)
}

func parseCommand(deps CommandDeps) *cobra.Command {
	ff := fileFlags{deps: deps}
	var lenient bool
	c := &cobra.Command{
		Use:   "parse FILE",
		Short: "Parse a statement file and print its statements (no Odoo access)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			stmts, err := ff.read(cmd.Context(), args[0], lenient)
			if err != nil {
				return err
			}
			if ff.asJSON {
				return writeJSON(cmd.OutOrStdout(), stmts)
			}
			for _, s := range stmts {
				printStatement(cmd.OutOrStdout(), s)
			}
			return nil
		},
	}
	ff.register(c)
	c.Flags().BoolVar(&lenient, "no-balance-check", false, "show statements whose balances do not add up instead of failing")
	return c
}

func importCommand(deps CommandDeps) *cobra.Command {
	ff := fileFlags{deps: deps}
	var opt ImportOptions
	c := &cobra.Command{
		Use:   "import FILE",
		Short: "Import a statement file into Odoo; lines already imported are skipped",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			stmts, err := ff.read(cmd.Context(), args[0], false)
			if err != nil {
				return err
			}
			if deps.Odoo == nil {
				return core.Errorf(core.CodeUnavailable, "no Odoo connection is configured")
			}
			odoo, err := deps.Odoo(cmd.Context())
			if err != nil {
				return fmt.Errorf("connect to Odoo: %w", err)
			}
			res, err := Importer{Odoo: odoo, Log: deps.Log, Audit: deps.Audit, Actor: deps.Actor}.Import(cmd.Context(), stmts, opt)
			if err != nil {
				return fmt.Errorf("import %s: %w", args[0], err)
			}
			if ff.asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			verb := "imported"
			if opt.DryRun {
				verb = "would import"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %s (journal ids %v, statements created %v, key %s)\n", verb, res.Plan.Summary(), res.JournalIDs, res.StatementIDs, res.KeyMode)
			return nil
		},
	}
	ff.register(c)
	c.Flags().Int64Var(&opt.JournalID, "journal", 0, "Odoo bank journal id (default: the journal whose bank account is the statement's)")
	c.Flags().BoolVar(&opt.DryRun, "dry-run", false, "show what would be created, write nothing")
	return c
}

func mappingCommand(deps CommandDeps) *cobra.Command {
	root := &cobra.Command{Use: "mapping", Short: "Save and show per-bank CSV column mappings"}
	state := func(cmd *cobra.Command) (State, error) {
		if deps.State == nil {
			return nil, core.Errorf(core.CodeUnavailable, "no store configured for saved mappings")
		}
		return deps.State(cmd.Context())
	}
	root.AddCommand(&cobra.Command{
		Use: "save NAME FILE", Short: "Check a mapping (JSON) and save it under the bank's name", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			raw, err := os.ReadFile(args[1])
			if err != nil {
				return core.Errorf(core.CodeInvalid, "read CSV mapping: %v", err)
			}
			m, err := ParseCSVMapping(raw)
			if err != nil {
				return err
			}
			st, err := state(cmd)
			if err != nil {
				return err
			}
			return SaveCSVMapping(cmd.Context(), st, args[0], m)
		},
	}, &cobra.Command{
		Use: "show NAME", Short: "Print a saved mapping as JSON", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := state(cmd)
			if err != nil {
				return err
			}
			m, err := LoadCSVMapping(cmd.Context(), st, args[0])
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), m)
		},
	})
	return root
}

func printStatement(w io.Writer, s Statement) {
	fmt.Fprintf(w, "%s, %s, %d lines", s.Name(), s.Currency, len(s.Transactions))
	if s.Opening != nil {
		fmt.Fprintf(w, ", opening %s on %s", core.FormatMinor(s.Opening.Amount, s.Decimals), s.Opening.Date)
	}
	if s.Closing != nil {
		fmt.Fprintf(w, ", closing %s on %s", core.FormatMinor(s.Closing.Amount, s.Decimals), s.Closing.Date)
	}
	fmt.Fprintln(w)
	for _, tx := range s.Transactions {
		fmt.Fprintf(w, "  %s %12s  %-30.30s %s\n", tx.Date, core.FormatMinor(tx.Amount, s.Decimals), tx.CounterpartyName, tx.Label())
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
