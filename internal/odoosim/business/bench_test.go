package business

import (
	"fmt"
	"testing"
)

// BenchmarkInvoiceCycle measures create + post + register payment of one invoice on books
// that already hold n posted invoices: the ratio between sizes shows how the full-table
// searches of the simulator scale.
func BenchmarkInvoiceCycle(b *testing.B) {
	for _, n := range []int{0, 300, 1000} {
		b.Run(fmt.Sprintf("existing=%d", n), func(b *testing.B) {
			t := &testing.T{}
			bk := newBooks(t)
			for i := 0; i < n; i++ {
				inv := bk.invoice(t, "out_invoice", bk.deco, true, 100)
				if _, err := actionPost(bk.env, []int64{inv}, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				inv := bk.invoice(t, "out_invoice", bk.deco, true, 100)
				if _, err := actionPost(bk.env, []int64{inv}, nil, nil); err != nil {
					b.Fatal(err)
				}
				bk.registerPayment(t, nil, inv)
			}
			if t.Failed() {
				b.Fatal("setup failed")
			}
		})
	}
}
