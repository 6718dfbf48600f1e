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
	if len(missing) > 0 {
		return fmt.Errorf("missing access to %d model(s): %s — install the modules or grant the user read access", len(missing), strings.Join(missing, ", "))
	}
	fmt.Fprintln(e.stdout, "everything Smart Odoo needs is readable")
	return nil
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
