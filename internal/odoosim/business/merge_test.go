package business

import (
	"fmt"
	"slices"
	"testing"
)

func (b *books) merge(t *testing.T, partners []int64, dst int64) (any, error) {
	t.Helper()
	w, err := b.env.Create(mergeModel, map[string]any{"partner_ids": []any{[]any{6, 0, anyIDs(partners)}}, "dst_partner_id": dst})
	if err != nil {
		t.Fatalf("create merge wizard: %v", err)
	}
	return actionMerge(b.env, []int64{w}, nil, nil)
}

func TestMergeMovesInvoicesAndDeletesDuplicate(t *testing.T) {
	b := newBooks(t)
	dup := b.create(t, "res.partner", map[string]any{"name": "Deco Addict (dup)", "is_company": true, "phone": "+32 2 555 01 99",
		"email": "deco@example.com", "customer_rank": int64(2)})
	contact := b.create(t, "res.partner", map[string]any{"name": "Ann Deco", "parent_id": dup})
	b.is(t, "res.partner", contact, "commercial_partner_id", dup)
	inv := b.invoice(t, "out_invoice", dup, false, 120)
	b.call(t, actionPost, []int64{inv})
	note, err := messagePost("res.partner")(b.env, []int64{dup}, nil, map[string]any{"body": "called"})
	if err != nil {
		t.Fatal(err)
	}

	refs, err := MergeReferences(b.env, []int64{dup})
	if err != nil {
		t.Fatal(err)
	}
	moved := map[string]int{}
	for _, r := range refs {
		moved[r.Model+"."+r.Field] = len(r.IDs)
	}
	for k, n := range map[string]int{"account.move.partner_id": 1, "account.move.line.partner_id": 2, "res.partner.parent_id": 1, "mail.message.res_id": 1} {
		if moved[k] != n {
			t.Errorf("MergeReferences %s = %d, want %d (all: %v)", k, moved[k], n, moved)
		}
	}
	out, err := b.merge(t, []int64{b.deco, dup}, b.deco)
	if err != nil {
		t.Fatal(err)
	}
	if act := out.(map[string]any); act["res_model"] != mergeModel || act["target"] != "new" {
		t.Fatalf("action_merge returned %#v", out)
	}
	if b.env.Exists("res.partner", dup) {
		t.Fatal("the merged duplicate still exists (Odoo 18 deletes the sources)")
	}
	b.is(t, "account.move", inv, "partner_id", b.deco)
	b.is(t, "account.move", inv, "commercial_partner_id", b.deco)
	for _, l := range b.get("account.move", inv, "line_ids").([]int64) {
		b.is(t, "account.move.line", l, "partner_id", b.deco)
	}
	b.is(t, "res.partner", contact, "parent_id", b.deco)
	b.is(t, "res.partner", contact, "commercial_partner_id", b.deco)
	b.is(t, "mail.message", note.(int64), "res_id", b.deco)
	// Empty fields are filled from the duplicate; ranks are summed (2 + 1 from posting).
	b.is(t, "res.partner", b.deco, "phone", "+32 2 555 01 99")
	b.is(t, "res.partner", b.deco, "email", "deco@example.com")
	b.is(t, "res.partner", b.deco, "customer_rank", int64(3))
	msgs := b.get("res.partner", b.deco, "message_ids").([]int64)
	if len(msgs) < 2 || !slices.Contains(msgs, note.(int64)) {
		t.Fatalf("message_ids of the destination = %v", msgs)
	}
	b.is(t, "mail.message", msgs[0], "body", fmt.Sprintf("<p>Merged with the following partners: Deco Addict (dup) &lt;deco@example.com&gt; (ID %d)</p>", dup))

	// The invoice still reconciles on the merged partner.
	b.registerPayment(t, nil, inv)
	b.is(t, "account.move", inv, "payment_state", "paid")
}

func TestMergeRefusals(t *testing.T) {
	b := newBooks(t)
	parent := b.create(t, "res.partner", map[string]any{"name": "Parent Co", "is_company": true})
	child := b.create(t, "res.partner", map[string]any{"name": "Child", "parent_id": parent})
	_, err := b.merge(t, []int64{parent, child}, child)
	wantUserError(t, err, "You cannot merge a contact with one of his parent.")

	extra := b.create(t, "res.partner", map[string]any{"name": "Extra"})
	_, err = b.merge(t, []int64{b.deco, b.azure, b.vendor, extra}, b.deco)
	wantUserError(t, err, "For safety reasons, you cannot merge more than 3 contacts together. You can re-open the wizard several times if needed.")

	// A non-administrator may merge only contacts sharing one email.
	sales, err := b.s.AddUser("clerk", "Clerk", "clerk", "clerk-key")
	if err != nil {
		t.Fatal(err)
	}
	clerk := b.s.EnvFor(sales)
	w, err := clerk.Create(mergeModel, map[string]any{"partner_ids": []any{[]any{6, 0, []any{b.deco, b.azure}}}, "dst_partner_id": b.deco})
	if err != nil {
		t.Fatal(err)
	}
	_, err = actionMerge(clerk, []int64{w}, nil, nil)
	wantUserError(t, err, "All contacts must have the same email. Only the Administrator can merge contacts with different emails.")
	if !b.env.Exists("res.partner", b.azure) {
		t.Fatal("a refused merge deleted a partner")
	}

	// Context active_ids fill the wizard like the Contacts action does.
	env := b.env.WithContext(map[string]any{"active_model": "res.partner", "active_ids": []any{extra, child}})
	w2, err := env.Create(mergeModel, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	b.is(t, mergeModel, w2, "state", "selection")
	if got := b.get(mergeModel, w2, "partner_ids").([]int64); len(got) != 2 {
		t.Fatalf("partner_ids from context = %v", got)
	}
}

// TestMessagePostStoresBodyLikeOdoo: real Odoo 18 and 19 escape a text body and wrap it in a
// paragraph, default to a "notification" with the Note subtype, and keep a body_is_html
// body as sent (docs/real-odoo.md, section 5).
func TestMessagePostStoresBodyLikeOdoo(t *testing.T) {
	b := newBooks(t)
	for _, tc := range []struct {
		kwargs            map[string]any
		body, mtype, subt string
	}{
		{map[string]any{"body": "a < b & c"}, "<p>a &lt; b &amp; c</p>", "notification", "Note"},
		{map[string]any{"body": "<b>x</b>", "body_is_html": true, "message_type": "comment", "subtype_xmlid": "mail.mt_comment"}, "<b>x</b>", "comment", "Discussions"},
		{map[string]any{"body": "n", "subtype_xmlid": "mail.mt_note"}, "<p>n</p>", "notification", "Note"},
	} {
		out, err := messagePost("res.partner")(b.env, []int64{b.deco}, nil, tc.kwargs)
		if err != nil {
			t.Fatal(err)
		}
		id := out.(int64)
		b.is(t, "mail.message", id, "body", tc.body)
		b.is(t, "mail.message", id, "message_type", tc.mtype)
		b.is(t, "mail.message", id, "is_internal", false)
		sub, _ := b.get("mail.message", id, "subtype_id").(int64)
		if name := b.env.Get("mail.message.subtype", sub, "name"); name != tc.subt {
			t.Errorf("%v: subtype %v (%v), want %s", tc.kwargs, sub, name, tc.subt)
		}
	}
}

// TestMessagePostReturnsIDListOn19: real 19 answers message_post with [id] on JSON-2,
// JSON-RPC and XML-RPC alike; 18 with the id.
func TestMessagePostReturnsIDListOn19(t *testing.T) {
	for _, v := range []int{18, 19} {
		b := newBooksVersion(t, v)
		out, err := messagePost("res.partner")(b.env, []int64{b.deco}, nil, map[string]any{"body": "x"})
		if err != nil {
			t.Fatal(err)
		}
		switch got := out.(type) {
		case int64:
			if v != 18 {
				t.Errorf("%d: message_post returned the bare id %d, want [id]", v, got)
			}
		case []int64:
			if v != 19 || len(got) != 1 || !b.env.Exists("mail.message", got[0]) {
				t.Errorf("%d: message_post returned %v", v, got)
			}
		default:
			t.Errorf("%d: message_post returned %#v", v, out)
		}
	}
}
