package business

import (
	"errors"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// TestLockDatesLikeOdoo18 holds the simulator to what a real 18.0 answered: with a sales
// lock date, a customer invoice of the period can be neither posted nor reset to draft,
// while other journals stay open; a global lock date is refused while statement lines of
// the period are unreconciled.
func TestLockDatesLikeOdoo18(t *testing.T) {
	b := newBooks(t)
	posted := b.invoice(t, "out_invoice", b.azure, false, 100)
	b.call(t, actionPost, []int64{posted})
	company := b.get("account.move", posted, "company_id").(int64)
	if err := b.env.Write("res.company", []int64{company}, map[string]any{"sale_lock_date": "2026-11-30"}); err != nil {
		t.Fatal(err)
	}
	const locked = "You cannot add/modify entries prior to and inclusive of: Sales Lock Date (11/30/2026)."
	draft := b.invoice(t, "out_invoice", b.azure, false, 50)
	_, err := actionPost(b.env, []int64{draft}, nil, nil)
	wantUserError(t, err, locked)
	b.is(t, "account.move", draft, "state", "draft")
	_, err = buttonDraft(b.env, []int64{posted}, nil, nil)
	wantUserError(t, err, locked)
	b.is(t, "account.move", posted, "state", "posted")

	bill := b.invoice(t, "in_invoice", b.vendor, false, 70) // the purchase journal is not locked
	b.call(t, actionPost, []int64{bill})
	b.is(t, "account.move", bill, "state", "posted")

	b.statementLine(t, 10, b.azure, "not reconciled")
	err = b.env.Write("res.company", []int64{company}, map[string]any{"fiscalyear_lock_date": "2026-11-30"})
	var oe *odoosim.OdooError
	if !errors.As(err, &oe) || oe.Name != "odoo.exceptions.RedirectWarning" {
		t.Fatalf("global lock with an unreconciled statement line: %v, want Odoo's RedirectWarning", err)
	}
	if got := b.get("res.company", company, "fiscalyear_lock_date"); got != nil && got != false && got != "" {
		t.Errorf("the refused lock date was kept: %#v", got)
	}
	if err := b.env.Write("res.company", []int64{company}, map[string]any{"fiscalyear_lock_date": "2026-10-31"}); err != nil {
		t.Errorf("a global lock before the statement line: %v", err)
	}
}

func TestFormatLocksListsInDateOrder(t *testing.T) {
	hits := []lockHit{{date: testNow.AddDate(0, 1, 0), field: "sale_lock_date"}, {date: testNow, field: "fiscalyear_lock_date"}, {date: testNow, field: "hard_lock_date"}}
	want := "Global Lock Date (11/24/2026), Hard Lock Date (11/24/2026) and Sales Lock Date (12/24/2026)"
	if got := formatLocks(hits); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// On 17 the company has the non-advisers' and the everyone lock dates; an adviser is held
// by the second only, with 16/17's message.
func TestLockDatesLikeOdoo17(t *testing.T) {
	b := newBooksVersion(t, 17)
	inv := b.invoice(t, "out_invoice", b.azure, false, 100)
	company := b.get("account.move", inv, "company_id").(int64)
	if b.get("res.company", company, "sale_lock_date") != nil {
		t.Fatal("17 has no sales lock date")
	}
	if err := b.env.Write("res.company", []int64{company}, map[string]any{"period_lock_date": "2026-11-30"}); err != nil {
		t.Fatal(err)
	}
	b.call(t, actionPost, []int64{inv}) // the admin is an adviser: the non-advisers' date does not hold them
	if err := b.env.Write("res.company", []int64{company}, map[string]any{"fiscalyear_lock_date": "2026-11-30"}); err != nil {
		t.Fatal(err)
	}
	_, err := buttonDraft(b.env, []int64{inv}, nil, nil)
	wantUserError(t, err, "You cannot add/modify entries prior to and inclusive of the lock date 11/30/2026.")
}
