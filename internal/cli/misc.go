package cli

import (
	"fmt"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/apikey"
	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/core"
)

func (e *env) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Run:   func(*cobra.Command, []string) { fmt.Fprintln(e.stdout, "smartodoo", app.Version) },
	}
}

func (e *env) configCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Inspect the configuration"}
	cmd.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Print the effective configuration (secrets masked) and every problem; exit 1 on problems",
		RunE: func(*cobra.Command, []string) error {
			cfg, err := e.load()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, s := range cfg.Settings() {
				fmt.Fprintf(tw, "%s\t%s\n", s.Env, s.Value)
			}
			tw.Flush()
			if p := cfg.Problems(); len(p) > 0 {
				fmt.Fprintf(e.stdout, "\n%d problem(s):\n", len(p))
				for _, x := range p {
					fmt.Fprintln(e.stdout, "  -", x)
				}
				return fmt.Errorf("configuration has %d problem(s)", len(p))
			}
			fmt.Fprintln(e.stdout, "\nno problems found")
			return nil
		},
	})
	return cmd
}

func (e *env) apikeyCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "apikey", Short: "Create, list and revoke API keys"}
	var name, role string
	create := &cobra.Command{
		Use:   "create",
		Short: "Create an API key (shown once)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.openMigratedStore(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			plain, k, err := apikey.Create(cmd.Context(), st, name, core.Role(role))
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "created key %d %q with role %s\n%s\nStore it now: it cannot be shown again.\n", k.ID, k.Name, k.Role, plain)
			return nil
		},
	}
	create.Flags().StringVar(&name, "name", "", "who or what uses the key (required)")
	create.Flags().StringVar(&role, "role", "viewer", "admin, cfo, sales, warehouse or viewer")
	list := &cobra.Command{
		Use:   "list",
		Short: "List API keys",
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.openStore(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			keys, err := st.ListAPIKeys(cmd.Context())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tROLE\tPREFIX\tCREATED\tLAST USED\tREVOKED")
			for _, k := range keys {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s…\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, k.Prefix,
					k.CreatedAt.Format("2006-01-02 15:04"), fmtTime(k.LastUsedAt), fmtTime(k.RevokedAt))
			}
			return tw.Flush()
		},
	}
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke an API key at once",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var id int64
			if _, err := fmt.Sscan(args[0], &id); err != nil || id <= 0 {
				return fmt.Errorf("key id %q is not a number: see `smartodoo apikey list`", args[0])
			}
			st, err := e.openStore(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.RevokeAPIKey(cmd.Context(), id); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "revoked key %d\n", id)
			return nil
		},
	}
	cmd.AddCommand(create, list, revoke)
	return cmd
}

// signoutCmd ends a user's dashboard sessions on the server: for someone who left, a
// lost laptop, or a role changed in Odoo (the new role applies at the next sign-in).
func (e *env) signoutCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "signout LOGIN",
		Short:   "End every dashboard session of an Odoo login at once",
		Example: "  smartodoo signout jane@example.com",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := e.openMigratedStore(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			n, err := st.RevokeSessionsOf(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "ended %d dashboard session(s) of %s\n", n, args[0])
			return nil
		},
	}
}

func fmtTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format("2006-01-02 15:04")
}

// redactDSN hides the password of a PostgreSQL URL.
func redactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "****")
			return u.String()
		}
	}
	return strings.TrimPrefix(dsn, "sqlite:")
}
