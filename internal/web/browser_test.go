package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/store"
)

// chromiumPath finds Debian's chromium; the browser tests skip, saying why, without it.
func chromiumPath(t *testing.T) string {
	for _, p := range []string{os.Getenv("SMARTODOO_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("no chromium found (apt-get install -y chromium, or set SMARTODOO_CHROMIUM): browser tests skipped")
	return ""
}

// screenshotDir is where the views' screenshots go: $SMARTODOO_SCREENSHOTS or a folder in
// the system temp directory (never the source tree).
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("SMARTODOO_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "smartodoo-web-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

type browser struct {
	t      *testing.T
	ctx    context.Context
	base   string
	shots  string
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T, base string) *browser {
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	b := &browser{t: t, ctx: ctx, base: base, shots: screenshotDir(t)}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	// Every console error, uncaught exception or browser log error fails the test.
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.fail(m.String() + " at " + m.URL)
			}
		}
	}()
	return b
}

func (b *browser) fail(msg string) {
	b.mu.Lock()
	b.errors = append(b.errors, msg)
	b.mu.Unlock()
}

func (b *browser) checkConsole() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		b.t.Errorf("browser: %s", e)
	}
	b.errors = nil
}

func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browser) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// TestBrowser signs in through the simulator's Odoo, opens every view, approves a bank
// reconciliation and checks Odoo, then watches a run started through the API appear live.
func TestBrowser(t *testing.T) {
	e := newEnv(t, company.SizeSmall)
	br := newBrowser(t, e.Server.URL)
	for _, name := range []string{"bankrec", "credit", "dedup", "closing"} {
		waitRun(t, e, startRun(t, e, name).ID)
	}

	br.run("sign in",
		chromedp.Navigate(e.Server.URL+"/"),
		chromedp.WaitVisible(`#login-form`),
	)
	br.shot("00-login")
	br.run("submit sign-in",
		chromedp.SendKeys(`#login`, "cfo"),
		chromedp.SendKeys(`#password`, "cfo"),
		chromedp.Submit(`#login-form`),
		chromedp.WaitVisible(`#h-bank`),
		chromedp.WaitVisible(`.live[data-state=open]`),
	)
	for i, path := range []string{"/", "/approvals", "/bank", "/dedup", "/credit", "/close", "/runs", "/audit"} {
		br.run("open "+path, chromedp.Navigate(e.Server.URL+path), chromedp.WaitVisible(`#main h1`))
		br.shot(fmt.Sprintf("%02d-cfo%s", i+1, strings.ReplaceAll(cmp(path, "/overview"), "/", "-")))
	}

	br.run("credit history", chromedp.Navigate(e.Server.URL+"/credit"), chromedp.WaitVisible(`.hold h3 a`),
		chromedp.Click(`.hold h3 a`), chromedp.WaitVisible(`svg.chart circle`))
	br.shot("09-cfo-credit-history")
	approveBankProposal(t, e, br)
	bankAlternatives(t, e, br)
	liveRunUpdate(t, e, br)

	br.run("phone width", chromedp.EmulateViewport(390, 844), chromedp.Navigate(e.Server.URL+"/"), chromedp.WaitVisible(`#main h1`))
	br.shot("20-phone-overview")
	br.run("phone approvals", chromedp.Navigate(e.Server.URL+"/approvals"), chromedp.WaitVisible(`#main h1`))
	br.shot("21-phone-approvals")
	br.run("desktop", chromedp.EmulateViewport(1280, 900))

	br.run("sign out", chromedp.Click(`button.link`), chromedp.WaitVisible(`#login-form`))
	br.run("sign in as admin", chromedp.SendKeys(`#login`, "admin"), chromedp.SendKeys(`#password`, "admin"),
		chromedp.Submit(`#login-form`), chromedp.WaitVisible(`#h-bank`),
		chromedp.Navigate(e.Server.URL+"/settings"), chromedp.WaitVisible(`#rule-bankrec`))
	br.shot("30-admin-settings")
	br.run("sign out admin", chromedp.Click(`button.link`), chromedp.WaitVisible(`#login-form`))
	br.run("sign in as warehouse", chromedp.SendKeys(`#login`, "warehouse"), chromedp.SendKeys(`#password`, "warehouse"),
		chromedp.Submit(`#login-form`), chromedp.WaitVisible(`#h-late`))
	br.shot("31-warehouse-overview")
	br.run("sign out warehouse", chromedp.Click(`button.link`), chromedp.WaitVisible(`#login-form`))
	br.run("sign in as sales", chromedp.SendKeys(`#login`, "sales"), chromedp.SendKeys(`#password`, "sales"),
		chromedp.Submit(`#login-form`), chromedp.WaitVisible(`#h-holds`))
	br.shot("32-sales-overview")
	br.run("sales dedup", chromedp.Navigate(e.Server.URL+"/dedup"), chromedp.WaitVisible(`fieldset.master`))
	br.shot("33-sales-dedup")
	br.checkConsole()
	t.Logf("screenshots in %s", br.shots)
}

func cmp(a, b string) string {
	if a == "/" {
		return b
	}
	return a
}

func startRun(t testing.TB, e *env, name string) core.Run {
	t.Helper()
	r := e.Do(core.RoleCFO, http.MethodPost, "/api/runs", map[string]any{"automation": name})
	if r.Status != http.StatusAccepted {
		t.Fatalf("start %s: %d %s", name, r.Status, r.Body)
	}
	var run core.Run
	r.JSON(t, &run)
	return run
}

func waitRun(t testing.TB, e *env, id int64) core.Run {
	t.Helper()
	var run core.Run
	apptest.Eventually(t, 60*time.Second, fmt.Sprintf("run %d to finish", id), func() bool {
		got, err := e.App.Store.GetRun(context.Background(), id)
		run = got
		return err == nil && (got.Status == core.RunSucceeded || got.Status == core.RunFailed)
	})
	if run.Status != core.RunSucceeded {
		t.Fatalf("run %d of %s failed: %s", id, run.Automation, run.Error)
	}
	return run
}

// bankAlternatives opens a reconciliation that has other candidates and checks the page
// offers to reconcile with each of them instead.
func bankAlternatives(t *testing.T, e *env, br *browser) {
	ps, err := e.App.Store.ListProposals(context.Background(), store.ProposalFilter{Automation: "bankrec", Kind: "bank_reconcile", Status: core.ProposalPending, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if strings.Contains(string(p.Evidence), `"alternatives":[`) {
			br.run("bank alternatives", chromedp.Navigate(fmt.Sprintf("%s/approvals/%d", e.Server.URL, p.ID)),
				chromedp.WaitVisible(`ol.alts li`), chromedp.WaitVisible(fmt.Sprintf(`form[action="/bank/%d/choose"] button`, p.ID)))
			br.shot("14-cfo-bank-alternatives")
			return
		}
	}
	t.Fatalf("none of %d pending reconciliations has other candidates", len(ps))
}

// approveBankProposal approves the first reconciliation on the bank page and checks that
// Odoo now considers its statement line reconciled.
func approveBankProposal(t *testing.T, e *env, br *browser) {
	ps, err := e.App.Store.ListProposals(context.Background(), store.ProposalFilter{Automation: "bankrec", Kind: "bank_reconcile", Status: core.ProposalPending, Limit: 500})
	if err != nil || len(ps) == 0 {
		t.Fatalf("bankrec proposed no reconciliation on the small company (err %v)", err)
	}
	p := ps[len(ps)-1] // the oldest, shown last on the page
	var ev struct {
		Line struct {
			ID int64 `json:"id"`
		} `json:"line"`
	}
	json.Unmarshal(p.Evidence, &ev)
	br.run("proposal detail", chromedp.Navigate(fmt.Sprintf("%s/approvals/%d", e.Server.URL, ps[0].ID)), chromedp.WaitVisible(`.side`))
	br.shot("12-cfo-proposal-detail")
	card := fmt.Sprintf(`#p-%d`, p.ID)
	br.run("approve bank proposal",
		chromedp.Navigate(e.Server.URL+"/bank"),
		chromedp.WaitVisible(card),
		chromedp.ScrollIntoView(card),
		chromedp.Click(card+` button[value=approve]`),
		chromedp.WaitVisible(`.flash`),
	)
	flash, err := chromedp.Run(br.ctx, chromedp.Text(`.flash`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(flash, "applied") {
		t.Fatalf("approving proposal %d: %q", p.ID, flash)
	}
	br.shot("10-bank-after-approve")
	var lines []struct {
		Reconciled bool `json:"is_reconciled"`
	}
	if err := e.Odoo.Read(context.Background(), "account.bank.statement.line", []int64{ev.Line.ID}, []string{"is_reconciled"}, &lines); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || !lines[0].Reconciled {
		t.Fatalf("statement line %d is not reconciled in Odoo after approving proposal %d: %+v", ev.Line.ID, p.ID, lines)
	}
	br.run("audit after approval", chromedp.Navigate(e.Server.URL+"/audit"), chromedp.WaitVisible(`td .s-ok`))
	br.shot("13-cfo-audit-after-approval")
}

// liveRunUpdate waits on the runs page for a run started through the API to appear
// without a reload.
func liveRunUpdate(t *testing.T, e *env, br *browser) {
	br.run("open runs", chromedp.Navigate(e.Server.URL+"/runs"), chromedp.WaitVisible(`.live[data-state=open]`))
	if _, err := chromedp.Run(br.ctx, chromedp.Evaluate[string](`window.__noReload = "same page"`)); err != nil {
		t.Fatal(err)
	}
	run := startRun(t, e, "ping")
	br.run("see the run live", chromedp.WaitVisible(fmt.Sprintf(`#run-%d`, run.ID)))
	marker, err := chromedp.Run(br.ctx, chromedp.Evaluate[string](`window.__noReload || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if marker != "same page" {
		t.Fatalf("the page reloaded instead of updating live")
	}
	br.shot("11-runs-live")
}
