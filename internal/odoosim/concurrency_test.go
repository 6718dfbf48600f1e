package odoosim

import (
	"sync"
	"testing"
)

// TestConcurrentCalls runs writers and readers at once: a business method doing a
// read-modify-write must never lose an increment (calls are serialized), and readers
// must never see a half-applied call.
func TestConcurrentCalls(t *testing.T) {
	s, ids := newTestServer(t, 18)
	s.RegisterMethod("res.partner", "bump", func(env *Env, ids []int64, _ []any, _ map[string]any) (any, error) {
		for _, id := range ids {
			rank, _ := env.Get("res.partner", id, "customer_rank").(int64)
			// Two fields written in one call: readers must see them equal.
			if err := env.Write("res.partner", []int64{id}, map[string]any{"customer_rank": rank + 1, "supplier_rank": rank + 1}); err != nil {
				return nil, err
			}
		}
		return true, nil
	})
	const writers, perWriter = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter+100)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				if _, err := s.execute(call{uid: adminUID, model: "res.partner", method: "bump", args: []any{[]any{ids["deco"]}}}); err != nil {
					errs <- err
				}
			}
		}()
	}
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				recs, err := s.SuperEnv().Read("res.partner", []int64{ids["deco"]}, []string{"customer_rank", "supplier_rank"})
				if err != nil {
					errs <- err
					return
				}
				if recs[0]["customer_rank"] != recs[0]["supplier_rank"] {
					t.Errorf("torn read: %v", recs[0])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := s.SuperEnv().Get("res.partner", ids["deco"], "customer_rank"); got != int64(writers*perWriter) {
		t.Errorf("customer_rank = %v after %d bumps", got, writers*perWriter)
	}
}

// Readers share the server's read lock; two of them needing the same, not yet built,
// many2one index must not build it over each other (run with -race).
func TestConcurrentReadersBuildOneIndex(t *testing.T) {
	s, ids := newTestServer(t, 18)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := s.SuperEnv().Search("res.partner", []any{[]any{"parent_id", "=", ids["azure"]}}, "id", 0)
			if err != nil || len(got) != 1 || got[0] != ids["brandon"] {
				t.Errorf("children of azure: %v %v", got, err)
			}
		}()
	}
	wg.Wait()
}
