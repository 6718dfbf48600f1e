package odoo

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pagedOdoo serves search and search_read over a fixed set of ids, honouring
// ["id", ">", x] and ["id", "<=", y] leaves, order and limit, and tracks concurrency.
type pagedOdoo struct {
	ids               []int64
	inFlight, maxSeen atomic.Int64
	failAfter         int64 // fail search_read calls after this many (0 = never)
	calls             atomic.Int64
}

func (p *pagedOdoo) answer(w http.ResponseWriter, r *http.Request, body []byte) {
	n := p.inFlight.Add(1)
	defer p.inFlight.Add(-1)
	for {
		m := p.maxSeen.Load()
		if n <= m || p.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(2 * time.Millisecond) // let concurrent ranges overlap
	var env struct {
		Params struct{ Args []json.RawMessage } `json:"params"`
	}
	json.Unmarshal(body, &env)
	var method string
	json.Unmarshal(env.Params.Args[4], &method)
	var positional []json.RawMessage
	json.Unmarshal(env.Params.Args[5], &positional)
	var domain Domain
	json.Unmarshal(positional[0], &domain)
	var kw struct {
		Limit int
		Order string
	}
	json.Unmarshal(env.Params.Args[6], &kw)

	if method == "search_read" && p.failAfter > 0 && p.calls.Add(1) > p.failAfter {
		rpcError("odoo.exceptions.AccessError", "no more")(w, r, body)
		return
	}
	lo, hi := int64(-1<<62), int64(1<<62)
	for _, t := range domain {
		if t.Field == "id" {
			v := int64(t.Value.(float64))
			switch t.Op {
			case ">":
				lo = max(lo, v+1)
			case "<=":
				hi = min(hi, v)
			}
		}
	}
	var match []int64
	for _, id := range p.ids {
		if id >= lo && id <= hi {
			match = append(match, id)
		}
	}
	if kw.Order == "id desc" {
		slices.Reverse(match)
	}
	if kw.Limit > 0 && len(match) > kw.Limit {
		match = match[:kw.Limit]
	}
	if method == "search" {
		jsonResult(match)(w, r, body)
		return
	}
	recs := make([]map[string]any, len(match))
	for i, id := range match {
		recs[i] = map[string]any{"id": id, "name": "P" + itoa(int(id)), "parent_id": false}
	}
	jsonResult(recs)(w, r, body)
}

func sparseIDs(n int) []int64 {
	var ids []int64
	for i := int64(1); len(ids) < n; i++ {
		if i%7 != 0 && i%13 != 0 { // gaps, like deleted records
			ids = append(ids, i)
		}
	}
	return ids
}

func TestFetchAllVisitsEveryRecordOnce(t *testing.T) {
	p := &pagedOdoo{ids: sparseIDs(2500)}
	_, srv := newFakeOdoo(t, 18, p.answer)
	c := testClient(t, srv, TransportJSONRPC, func(c *Config) { c.MaxConcurrency = 8 })
	var mu sync.Mutex
	seen := map[int64]int{}
	pages := 0
	err := FetchAllRecords(context.Background(), c, nil, PageOptions{PageSize: 100, Concurrency: 3}, func(page []Partner) error {
		pages++ // fn is serialised, so no lock is needed here; the test checks that with -race
		mu.Lock()
		defer mu.Unlock()
		for _, r := range page {
			seen[r.ID]++
			if r.Name == "" {
				t.Errorf("record %d without name", r.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(p.ids) {
		t.Errorf("saw %d records, want %d", len(seen), len(p.ids))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("record %d seen %d times", id, n)
		}
	}
	if m := p.maxSeen.Load(); m > 3 || m < 2 {
		t.Errorf("max concurrent requests %d, want 2..3", m)
	}
	if pages < 25 {
		t.Errorf("%d pages for 2500 records of 100", pages)
	}
}

func TestFetchAllEmptyAndErrors(t *testing.T) {
	p := &pagedOdoo{}
	_, srv := newFakeOdoo(t, 18, p.answer)
	c := testClient(t, srv, TransportJSONRPC)
	called := false
	err := FetchAll(context.Background(), c, "res.partner", nil, []string{"name"}, PageOptions{}, func([]map[string]any) error { called = true; return nil })
	if err != nil || called {
		t.Errorf("empty model: err %v, called %v", err, called)
	}

	p = &pagedOdoo{ids: sparseIDs(1000), failAfter: 3}
	_, srv = newFakeOdoo(t, 18, p.answer)
	c = testClient(t, srv, TransportJSONRPC)
	err = FetchAllRecords(context.Background(), c, nil, PageOptions{PageSize: 50, Concurrency: 2}, func([]Partner) error { return nil })
	if !errors.Is(err, ErrAccessError) {
		t.Errorf("server failure mid-walk: %v", err)
	}

	p = &pagedOdoo{ids: sparseIDs(1000)}
	_, srv = newFakeOdoo(t, 18, p.answer)
	c = testClient(t, srv, TransportJSONRPC)
	stop := errors.New("stop")
	err = FetchAllRecords(context.Background(), c, nil, PageOptions{PageSize: 50}, func([]Partner) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("callback error: %v", err)
	}

	type noID struct{ Name string }
	if err := FetchAll(context.Background(), c, "res.partner", nil, nil, PageOptions{}, func([]noID) error { return nil }); err == nil {
		t.Error("a type without id was accepted")
	}
}

func TestSplitRange(t *testing.T) {
	cases := []struct {
		lo, hi  int64
		n       int
		minSpan int64
		want    [][2]int64
	}{
		{1, 10, 3, 1, [][2]int64{{1, 4}, {5, 8}, {9, 10}}},
		{1, 10, 3, 100, [][2]int64{{1, 10}}},
		{5, 5, 4, 1, [][2]int64{{5, 5}}},
	}
	for _, c := range cases {
		if got := splitRange(c.lo, c.hi, c.n, c.minSpan); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitRange(%d,%d,%d,%d) = %v, want %v", c.lo, c.hi, c.n, c.minSpan, got, c.want)
		}
	}
	r := splitRange(1, 1<<62, 16, 500)
	if len(r) != 16 || r[0][0] != 1 || r[15][1] != 1<<62 {
		t.Errorf("large range: %v", r)
	}
}
