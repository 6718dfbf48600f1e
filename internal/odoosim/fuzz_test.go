package odoosim

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzJSONRPC feeds arbitrary bodies to /jsonrpc: any input must get an answer, never a
// panic (the seeds run with every `go test`; `go test -fuzz FuzzJSONRPC` explores).
func FuzzJSONRPC(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","method":"call","params":{"service":"object","method":"execute_kw","args":["smartodoo_demo",2,"admin","res.partner","search_read",[[["name","ilike","a"]]],{"fields":["name"],"limit":2}]},"id":1}`,
		`{"jsonrpc":"2.0","method":"call","params":{"service":"object","method":"execute_kw","args":["smartodoo_demo",2,"admin","res.partner","search",[["|",["id","child_of",[1,"x"]],"!",["parent_id.category_id","any",[["name","=",null]]]]]]},"id":2}`,
		`{"jsonrpc":"2.0","method":"call","params":{"service":"object","method":"execute_kw","args":["smartodoo_demo",2,"admin","res.partner","write",[[1],{"category_id":[[6,0,"x"]],"parent_id":[1,2]}]]},"id":3}`,
		`{"jsonrpc":"2.0","method":"call","params":{"service":"object","method":"execute_kw","args":["smartodoo_demo",2,"admin","account.move","read_group",[[],["amount_total:avg","x:sum(y)"],["invoice_date:week","partner_id"]],{"lazy":false,"orderby":"__count desc"}]},"id":4}`,
		`{"jsonrpc":"2.0","method":"call","params":{"service":"object","method":"execute_kw","args":["smartodoo_demo","2",null,{},[],7,8]},"id":5}`,
		`{"params":{"service":"common","method":"login","args":[1,2]}}`,
		`[1,2]`, `{`, `null`, `{"params":[]}`,
	} {
		f.Add(seed)
	}
	s, err := New(Options{Version: 18, AdminPassword: "admin"})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(s.Close)
	h := s.Handler()
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/jsonrpc", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Errorf("status %d for %q", rec.Code, body)
		}
	})
}

// FuzzDomainText: stored automation domains are parsed from Python literals.
func FuzzDomainText(f *testing.F) {
	for _, seed := range []string{"[('a', '=', 1)]", "[('a', 'in', [1, (2, 'x'), None, -1.5e3])]", "['|', ('a','=',\"q\\\"\"), '!', ('b', '!=', False)]", "[(", "'"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, _ = parseDomainText(src)
	})
}
