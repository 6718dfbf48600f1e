package web_test

import (
	"context"
	"errors"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/web"
)

// TestOdooAuthEveryTransport signs the simulator's users in over JSON-RPC and XML-RPC with
// passwords (18) and over JSON-2 with API keys (19), and reads their groups.
func TestOdooAuthEveryTransport(t *testing.T) {
	groups := []string{"base.group_system", "account.group_account_manager", "sales_team.group_sale_manager", "stock.group_stock_manager"}
	for _, c := range []struct {
		version           int
		transport, secret string
	}{
		{18, "jsonrpc", "cfo"}, {18, "xmlrpc", "cfo"}, {18, "auto", "cfo-demo-key"}, {19, "json2", "cfo-demo-key"},
	} {
		srv, err := odoosim.New(odoosim.Options{Version: c.version})
		if err != nil {
			t.Fatal(err)
		}
		hs := newServer(srv.Handler())
		auth := web.OdooAuth{URL: hs.URL, DB: srv.DB(), Transport: c.transport}
		id, err := auth.Authenticate(context.Background(), "cfo", c.secret, groups)
		if err != nil {
			t.Errorf("%d/%s: sign in: %v", c.version, c.transport, err)
		} else if len(id.Groups) != 1 || id.Groups[0] != "account.group_account_manager" || id.Name == "" {
			t.Errorf("%d/%s: identity %+v, want only the accounting manager group", c.version, c.transport, id)
		}
		_, err = auth.Authenticate(context.Background(), "cfo", "wrong", groups)
		var ce *core.Error
		if !errors.As(err, &ce) || ce.Code != core.CodeUnauthorized {
			t.Errorf("%d/%s: wrong secret: %v, want unauthorized", c.version, c.transport, err)
		}
		hs.Close()
		srv.Close()
	}
}
