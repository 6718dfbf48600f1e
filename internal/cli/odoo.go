package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/changefeed"
	"github.com/smartodoo/smartodoo/internal/odoo"
)

// neededModels are the models the automations read (and, for the first ones, write through
// proposals); `odoo check` reports access to each.
var neededModels = []string{
	"res.partner", "res.partner.bank", "res.company", "res.currency", "account.account", "account.journal",
	"account.move", "account.move.line", "account.payment", "account.bank.statement.line", "account.reconcile.model",
	"sale.order", "sale.order.line", "purchase.order", "purchase.order.line", "stock.picking", "stock.move",
	"product.product", "product.supplierinfo", "crm.lead", "mail.activity", "base.automation", "ir.actions.server",
}

// neededWrites are the writes Smart Odoo makes, and what for: `odoo check` asks Odoo's
// check_access_rights (16 to 19) for each, because a missing right only shows when a
// proposal is applied. On Community, statement lines and reconciliation models need the
// accounting group "Show Full Accounting Features" (account.group_account_user).
var neededWrites = []struct{ model, ops, why string }{
	{"account.bank.statement", "create", "bank import"},
	{"account.bank.statement.line", "create,write", "bank import and reconciliation"},
	{"account.move.line", "write", "bank reconciliation"},
	{"account.reconcile.model", "create", "learned bank rules"},
	{"res.partner", "write", "credit limits and holds, merges"},
	{"res.partner.category", "create", "the credit hold tag"},
	{"base.partner.merge.automatic.wizard", "create", "contact merges"},
	{"res.company", "write", "lock dates"},
	{"base.automation", "create,unlink", "odoo connect, the credit hold rule"},
	{"ir.actions.server", "create,unlink", "odoo connect, the credit hold rule"},
}

func (e *env) odooCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "odoo", Short: "Check and connect the configured Odoo (SMARTODOO_ODOO_*)"}
	cmd.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Version, transport, user, companies and access to every model Smart Odoo needs",
		RunE:  func(cmd *cobra.Command, _ []string) error { return e.odooCheck(cmd.Context()) },
	}, &cobra.Command{
		Use:   "connect",
		Short: "Install Odoo automation rules that send webhooks to this server (Odoo 17+)",
		RunE:  func(cmd *cobra.Command, _ []string) error { return e.odooConnect(cmd.Context(), true) },
	}, &cobra.Command{
		Use:   "disconnect",
		Short: "Remove exactly the rules `odoo connect` installed",
		RunE:  func(cmd *cobra.Command, _ []string) error { return e.odooConnect(cmd.Context(), false) },
	})
	return cmd
}

func (e *env) odooClient() (*odoo.Client, error) {
	cfg, err := e.loadValid()
	if err != nil {
		return nil, err
	}
	if cfg.OdooURL == "" {
		return nil, errors.New("no Odoo configured: set SMARTODOO_ODOO_URL, _DB, _USER and _API_KEY (or _PASSWORD)")
	}
	return app.NewOdooClient(cfg, slog.New(slog.DiscardHandler))
}

func (e *env) odooCheck(ctx context.Context) error {
	c, err := e.odooClient()
	if err != nil {
		return err
	}
	v, err := c.Version(ctx)
	if err != nil {
		return fmt.Errorf("reach Odoo: %w", err)
	}
	uid, err := c.Login(ctx)
	if err != nil {
		return fmt.Errorf("log in: %w", err)
	}
	fmt.Fprintf(e.stdout, "Odoo %s, transport %s, user id %d\n", v.ServerVersion, c.TransportName(), uid)
	var companies []struct {
		ID       int64         `json:"id"`
		Name     string        `json:"name"`
		Currency odoo.Many2one `json:"currency_id"`
	}
	if err := c.SearchRead(ctx, "res.company", nil, []string{"name", "currency_id"}, &companies); err != nil {
		return fmt.Errorf("list companies: %w", err)
	}
	for _, co := range companies {
		fmt.Fprintf(e.stdout, "company %d %s (%s)\n", co.ID, co.Name, co.Currency.Name)
	}
	missing := e.printAccess(ctx, c)
	denied := e.printWriteAccess(ctx, c)
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("missing read access to %d model(s): %s — install the modules or grant the user read access", len(missing), strings.Join(missing, ", ")))
	}
	if len(denied) > 0 {
		problems = append(problems, fmt.Sprintf("the user may not %s — grant the groups or leave those features unapplied (on Community, statement lines need \"Show Full Accounting Features\")", strings.Join(denied, "; ")))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	fmt.Fprintln(e.stdout, "everything Smart Odoo needs is readable, and every write it makes is allowed")
	return nil
}

// printWriteAccess prints, per model Smart Odoo writes, whether the user may, and returns
// what is denied ("create account.bank.statement.line (bank import)").
func (e *env) printWriteAccess(ctx context.Context, c *odoo.Client) []string {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MODEL\tWRITE\tALLOWED\tFOR")
	var denied []string
	for _, w := range neededWrites {
		for _, op := range strings.Split(w.ops, ",") {
			var ok bool
			err := c.Call(ctx, w.model, "check_access_rights", []any{op}, map[string]any{"raise_exception": false}, &ok)
			switch {
			case err != nil:
				fmt.Fprintf(tw, "%s\t%s\t?\t%s: %s\n", w.model, op, w.why, oneLine(err))
				denied = append(denied, fmt.Sprintf("%s %s (%s: %s)", op, w.model, w.why, oneLine(err)))
			case !ok:
				fmt.Fprintf(tw, "%s\t%s\tno\t%s\n", w.model, op, w.why)
				denied = append(denied, fmt.Sprintf("%s %s (%s)", op, w.model, w.why))
			default:
				fmt.Fprintf(tw, "%s\t%s\tyes\t%s\n", w.model, op, w.why)
			}
		}
	}
	tw.Flush()
	return denied
}

func (e *env) printAccess(ctx context.Context, c *odoo.Client) []string {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MODEL\tREAD\tRECORDS")
	var missing []string
	for _, m := range neededModels {
		n, err := c.SearchCount(ctx, m, nil)
		if err != nil {
			missing = append(missing, m)
			fmt.Fprintf(tw, "%s\tno\t%s\n", m, oneLine(err))
			continue
		}
		fmt.Fprintf(tw, "%s\tyes\t%d\n", m, n)
	}
	tw.Flush()
	sort.Strings(missing)
	return missing
}

func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	return s
}

func (e *env) odooConnect(ctx context.Context, connect bool) error {
	cfg, err := e.loadValid()
	if err != nil {
		return err
	}
	if cfg.OdooURL == "" {
		return errors.New("no Odoo configured: set SMARTODOO_ODOO_URL, _DB, _USER and _API_KEY (or _PASSWORD)")
	}
	a, err := app.New(ctx, cfg, app.Options{Logger: e.logger(cfg)})
	if err != nil {
		return err
	}
	defer a.Close()
	if !connect {
		removed, err := changefeed.Disconnect(ctx, a.Odoo, a.Store, a.Conn)
		fmt.Fprintf(e.stdout, "removed %d automation rule(s) from Odoo\n", len(removed.Rules))
		return err
	}
	models := a.WatchedModels()
	inst, err := changefeed.Connect(ctx, a.Odoo, a.Store, a.Conn, cfg.BaseURL(), models)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Odoo now posts changes of %d model(s) to %s\n", len(inst.Rules), changefeed.WebhookURL(cfg.BaseURL(), "<token>"))
	if cfg.PublicURL == "" {
		fmt.Fprintln(e.stdout, "note: SMARTODOO_PUBLIC_URL is not set, so Odoo was given http://"+cfg.HTTPAddr+"; set it if Odoo reaches this server by another address")
	}
	return nil
}
