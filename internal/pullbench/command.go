package pullbench

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// Command is `smartodoo bench pull`. It re-executes its own binary, with the same
// subcommand path and ChildEnv set, to run the simulator in a child process: the binary
// must therefore be a smartodoo binary that has this command at the same path.
func Command() *cobra.Command {
	var o Options
	var size, transports, models string
	var asJSON bool
	var cpuProfile string
	cmd := &cobra.Command{
		Use:   "pull",
		Short: "Pull every res.partner and account.move.line from a simulated Odoo over each transport; report records/s, client CPU per 1,000 records and peak memory",
		Long: "Builds a seeded Odoo simulator in a child process (this binary, re-executed), then pulls every\n" +
			"record of each model with the typed records' field lists through the real client, one transport\n" +
			"at a time. Client CPU comes from getrusage of this process alone, since the simulator runs in\n" +
			"the child. Fails when a pull does not return exactly search_count distinct records.\n" +
			"Size large (1,000,000 partners, ~2.25 million journal items) takes about a minute to build and\n" +
			"several minutes to pull on a 2-core machine.",
		Example: "  smartodoo bench pull --size large --version 19\n" +
			"  smartodoo bench pull --size demo --version 18 --transports jsonrpc,xmlrpc --json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if IsChild() {
				return ServeChild(cmd.Context(), os.Stdin, cmd.OutOrStdout())
			}
			exe, err := os.Executable()
			if err != nil {
				return fmt.Errorf("find this binary to run the simulator child: %w", err)
			}
			o.ChildCommand = append([]string{exe}, strings.Fields(cmd.CommandPath())[1:]...)
			o.Size = company.Size(size)
			o.Transports = splitList(transports)
			o.Models = splitList(models)
			o.Progress = cmd.ErrOrStderr() // stdout carries only the report, table or JSON
			if cpuProfile != "" {
				stop, err := startCPUProfile(cpuProfile)
				if err != nil {
					return err
				}
				defer stop()
			}
			rep, err := Run(cmd.Context(), o)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			return rep.WriteTable(cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&size, "size", "large", "company size: small, demo or large")
	f.IntVar(&o.Version, "version", 19, "Odoo major version the simulator behaves like: 17, 18 or 19")
	f.Int64Var(&o.Seed, "seed", 42, "seed of the generated company")
	f.StringVar(&transports, "transports", "", "comma-separated: json2 (19 only), jsonrpc, xmlrpc (default: all the version has)")
	f.StringVar(&models, "models", strings.Join(knownModels, ","), "comma-separated models to pull")
	f.IntVar(&o.PageSize, "page-size", 500, "records per search_read")
	f.IntVar(&o.Concurrency, "concurrency", 4, "id ranges fetched at once (the client's MaxConcurrency)")
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the client (this process only) to this file, for go tool pprof")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON on stdout (progress still goes to stderr)")
	return cmd
}

// startCPUProfile profiles this process: the simulator child is not in it, so the
// profile shows where the client spends its time.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("start CPU profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func splitList(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
