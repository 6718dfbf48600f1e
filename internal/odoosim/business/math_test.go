package business

import (
	"reflect"
	"testing"
	"time"
)

func TestComputeLine(t *testing.T) {
	vat15 := taxSpec{ID: 1, Name: "15%", Amount: 15, Type: "percent"}
	incl21 := taxSpec{ID: 2, Name: "21% incl", Amount: 21, Type: "percent", Included: true}
	fixed := taxSpec{ID: 3, Name: "eco", Amount: 0.5, Type: "fixed"}
	cases := []struct {
		name            string
		line            lineSpec
		subtotal, total int64
		taxes           []int64
	}{
		{"no tax (capture 2 x 150)", lineSpec{Quantity: 2, PriceUnit: 150}, 30000, 30000, nil},
		{"15% excluded", lineSpec{Quantity: 3, PriceUnit: 33.33, Taxes: []taxSpec{vat15}}, 9999, 11499, []int64{1500}},
		{"discount", lineSpec{Quantity: 1, PriceUnit: 100, Discount: 12.5, Taxes: []taxSpec{vat15}}, 8750, 10063, []int64{1313}},
		{"21% included keeps price", lineSpec{Quantity: 1, PriceUnit: 121, Taxes: []taxSpec{incl21}}, 10000, 12100, []int64{2100}},
		{"included rounding goes to base", lineSpec{Quantity: 1, PriceUnit: 10, Taxes: []taxSpec{incl21}}, 826, 1000, []int64{174}},
		{"fixed per unit", lineSpec{Quantity: 4, PriceUnit: 10, Taxes: []taxSpec{fixed, vat15}}, 4000, 4800, []int64{200, 600}},
		{"negative quantity", lineSpec{Quantity: -1, PriceUnit: 50, Taxes: []taxSpec{vat15}}, -5000, -5750, []int64{-750}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := computeLine(c.line, 2)
			if got.Subtotal != c.subtotal || got.Total != c.total {
				t.Fatalf("subtotal/total = %d/%d, want %d/%d", got.Subtotal, got.Total, c.subtotal, c.total)
			}
			var taxes []int64
			for _, ta := range got.Taxes {
				taxes = append(taxes, ta.Amount)
			}
			if !reflect.DeepEqual(taxes, c.taxes) {
				t.Fatalf("taxes = %v, want %v", taxes, c.taxes)
			}
		})
	}
}

func TestGroupTaxes(t *testing.T) {
	vat := taxSpec{ID: 1, Name: "15%", Amount: 15, Type: "percent", AccountID: 90}
	l1 := computeLine(lineSpec{Quantity: 1, PriceUnit: 10.01, Taxes: []taxSpec{vat}}, 2)
	l2 := computeLine(lineSpec{Quantity: 1, PriceUnit: 10.01, Taxes: []taxSpec{vat}}, 2)
	got := groupTaxes([]lineAmounts{l1, l2}, []int64{7, 7})
	// round per line: 1.5015 -> 1.50 twice = 3.00, not round(3.003) computed globally.
	want := []taxLine{{Key: taxGroupKey{TaxID: 1, AccountID: 90}, Name: "15%", Base: 2002, Amount: 300}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("groupTaxes = %+v, want %+v", got, want)
	}
}

func day(s string) time.Time {
	d, _ := time.Parse("2006-01-02", s)
	return d
}

func TestSplitTerms(t *testing.T) {
	ref := day("2026-11-24")
	cases := []struct {
		name  string
		lines []termLine
		total int64
		want  []installment
	}{
		{"immediate", nil, 30000, []installment{{day("2026-11-24"), 30000}}},
		{"end of following month (capture)", []termLine{{Value: "percent", Amount: 100, DelayType: "days_after_end_of_next_month"}}, 30000,
			[]installment{{day("2026-12-31"), 30000}}},
		{"30% now 70% 30 days", []termLine{{Value: "percent", Amount: 30}, {Value: "percent", Amount: 70, NbDays: 30}}, 10001,
			[]installment{{day("2026-11-24"), 3000}, {day("2026-12-24"), 7001}}},
		{"fixed then balance, credit side", []termLine{{Value: "fixed", Amount: 10}, {Value: "percent", Amount: 100, NbDays: 15, DelayType: "days_after_end_of_month"}}, -5000,
			[]installment{{day("2026-11-24"), -1000}, {day("2026-12-15"), -4000}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := splitTerms(c.total, ref, c.lines, 2)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("splitTerms = %v, want %v", got, c.want)
			}
		})
	}
	if _, err := splitTerms(1, ref, []termLine{{DelayType: "lunar"}}, 2); err == nil {
		t.Fatal("unknown delay type accepted")
	}
}

func TestPlanPartials(t *testing.T) {
	cases := []struct {
		name  string
		lines []recLine
		want  []partialPlan
	}{
		{"full", []recLine{{ID: 1, Residual: 300}, {ID: 2, Residual: -300}}, []partialPlan{{1, 2, 300}}},
		{"partial payment", []recLine{{ID: 1, Residual: 300}, {ID: 2, Residual: -100}}, []partialPlan{{1, 2, 100}}},
		{"one payment two invoices by due date", []recLine{
			{ID: 1, Residual: 300, Date: "2026-12-31"}, {ID: 2, Residual: 200, Date: "2026-11-30"}, {ID: 3, Residual: -400, Date: "2026-11-24"}},
			[]partialPlan{{2, 3, 200}, {1, 3, 200}}},
		{"already settled lines skipped", []recLine{{ID: 1, Residual: 0}, {ID: 2, Residual: -50}, {ID: 3, Residual: 50}}, []partialPlan{{3, 2, 50}}},
		{"nothing to match", []recLine{{ID: 1, Residual: 10}, {ID: 2, Residual: 20}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := planPartials(c.lines); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("planPartials = %v, want %v", got, c.want)
			}
		})
	}
}

func TestMatchingGroups(t *testing.T) {
	// partial 5 joins lines 1-2, partial 7 joins 3-4, partial 9 joins 2-3: one group numbered 5.
	got := matchingGroups([]edge{{9, 3, 2}, {5, 1, 2}, {7, 3, 4}})
	want := map[int64]int64{1: 5, 2: 5, 3: 5, 4: 5}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("matchingGroups = %v, want %v", got, want)
	}
	got = matchingGroups([]edge{{5, 1, 2}, {6, 3, 4}})
	want = map[int64]int64{1: 5, 2: 5, 3: 6, 4: 6}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("two groups = %v, want %v", got, want)
	}
}

func TestInvoicePaymentState(t *testing.T) {
	pay := paymentEvidence{CounterpartMoveTypes: []string{"entry"}, HasPayment: true}
	payMatched := pay
	payMatched.AllPaymentsMatched = true
	bank := paymentEvidence{CounterpartMoveTypes: []string{"entry"}, HasStatementLine: true, AllPaymentsMatched: true}
	refund := paymentEvidence{CounterpartMoveTypes: []string{"out_refund"}, AllPaymentsMatched: true}
	cases := []struct {
		name, moveType, state string
		zero                  bool
		ev                    []paymentEvidence
		inPayment, want       string
	}{
		{"draft", "out_invoice", "draft", false, nil, "paid", "not_paid"},
		{"open", "out_invoice", "posted", false, nil, "paid", "not_paid"},
		{"partial", "out_invoice", "posted", false, []paymentEvidence{bank}, "paid", "partial"},
		{"paid by statement line", "out_invoice", "posted", true, []paymentEvidence{bank}, "in_payment", "paid"},
		{"payment not matched, community", "out_invoice", "posted", true, []paymentEvidence{pay}, "paid", "paid"},
		{"payment not matched, accountant", "out_invoice", "posted", true, []paymentEvidence{pay}, "in_payment", "in_payment"},
		{"payment matched, accountant", "out_invoice", "posted", true, []paymentEvidence{payMatched}, "in_payment", "paid"},
		{"reversed by credit note", "out_invoice", "posted", true, []paymentEvidence{refund}, "paid", "reversed"},
		{"zero invoice", "out_invoice", "posted", true, nil, "paid", "paid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := invoicePaymentState(c.moveType, c.state, c.zero, c.ev, c.inPayment); got != c.want {
				t.Fatalf("payment state = %q, want %q", got, c.want)
			}
		})
	}
}
