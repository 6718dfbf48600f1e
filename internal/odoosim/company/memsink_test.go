package company

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"
)

// memSink stores every record in memory, with ids per model starting at 1. It implements
// Patcher so the back-references are checked too.
type memSink struct {
	models map[string][]map[string]any
	order  []string // "model:id" in insertion order, for hashing
}

func newMemSink() *memSink { return &memSink{models: map[string][]map[string]any{}} }

func (s *memSink) Insert(model string, vals map[string]any) (int64, error) {
	cp := make(map[string]any, len(vals))
	for k, v := range vals {
		cp[k] = v
	}
	s.models[model] = append(s.models[model], cp)
	id := int64(len(s.models[model]))
	s.order = append(s.order, fmt.Sprintf("%s:%d", model, id))
	return id, nil
}

func (s *memSink) Patch(model string, id int64, vals map[string]any) error {
	rec := s.get(model, id)
	if rec == nil {
		return fmt.Errorf("patch %s %d: no such record", model, id)
	}
	for k, v := range vals {
		rec[k] = v
	}
	return nil
}

func (s *memSink) get(model string, id int64) map[string]any {
	recs := s.models[model]
	if id < 1 || int(id) > len(recs) {
		return nil
	}
	return recs[id-1]
}

// hash digests every record (keys sorted by encoding/json) in insertion order.
func (s *memSink) hash(t *testing.T) string {
	h := sha256.New()
	models := make([]string, 0, len(s.models))
	for m := range s.models {
		models = append(models, m)
	}
	sort.Strings(models)
	for _, m := range models {
		for i, rec := range s.models[m] {
			b, err := json.Marshal(rec)
			if err != nil {
				t.Fatalf("marshal %s %d: %v", m, i+1, err)
			}
			fmt.Fprintf(h, "%s:%d:%s\n", m, i+1, b)
		}
	}
	for _, o := range s.order {
		fmt.Fprintln(h, o)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

var (
	demoOnce  sync.Once
	demoSink  *memSink
	demoTruth *Truth
	demoErr   error
	demoTime  time.Duration
)

// demoCompany generates the demo company once for all tests that read it.
func demoCompany(t *testing.T) (*memSink, *Truth) {
	t.Helper()
	if testing.Short() {
		t.Skip("demo generation in -short mode")
	}
	demoOnce.Do(func() {
		demoSink = newMemSink()
		start := time.Now()
		demoTruth, demoErr = Generate(context.Background(), Options{Seed: 4, Size: SizeDemo, Today: testToday}, demoSink)
		demoTime = time.Since(start)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoSink, demoTruth
}

var testToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// generateSmall runs the small company into a fresh memory sink.
func generateSmall(t *testing.T, seed int64, version int) (*memSink, *Truth) {
	t.Helper()
	s := newMemSink()
	tr, err := Generate(context.Background(), Options{Seed: seed, Size: SizeSmall, Version: version, Today: testToday}, s)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return s, tr
}

func i64(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	}
	return 0
}

func f64(v any) float64 {
	x, _ := v.(float64)
	return x
}

func minor(v any) int64 { return int64(f64(v)*100 + 0.5*sign(f64(v))) }

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
