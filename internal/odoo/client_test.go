package odoo

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

// jsonResult answers an object call with a JSON-RPC envelope holding result.
func jsonResult(result any) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": 1, "result": result})
	}
}

// anyTransport answers an object call with result over whichever transport asked.
func anyTransport(result any) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, r *http.Request, body []byte) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/json/2/"):
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(result)
		case strings.HasPrefix(r.URL.Path, "/xmlrpc/"):
			w.Header().Set("Content-Type", "text/xml")
			xmlrpc.EncodeResponse(w, result)
		default:
			jsonResult(result)(w, r, body)
		}
	}
}

var transports = []string{TransportJSONRPC, TransportJSON2, TransportXMLRPC}

func TestSearchReadRequestShape(t *testing.T) {
	for _, tr := range transports {
		t.Run(tr, func(t *testing.T) {
			fake, srv := newFakeOdoo(t, 19, anyTransport([]any{map[string]any{"id": 9, "name": "Acme", "parent_id": false, "country_id": []any{233, "United States"}}}))
			c := testClient(t, srv, tr).WithContext(map[string]any{"lang": "en_US"})
			var got []Partner
			err := c.SearchRead(context.Background(), "res.partner", Cond("is_company", "=", true), []string{"name", "parent_id", "country_id"}, &got,
				Limit(5), CallContext(map[string]any{"active_test": false}))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].ID != 9 || got[0].Name != "Acme" || got[0].ParentID.ID != 0 || got[0].CountryID != (Many2one{233, "United States"}) {
				t.Errorf("decoded %+v", got)
			}
			req := fake.last()
			wantKw := map[string]any{"fields": []any{"name", "parent_id", "country_id"}, "limit": float64(5),
				"context": map[string]any{"lang": "en_US", "active_test": false}}
			wantDomain := []any{[]any{"is_company", "=", true}}
			switch tr {
			case TransportJSON2:
				if req.Path != "/json/2/res.partner/search_read" || req.Header.Get("Authorization") != "bearer key" || req.Header.Get("X-Odoo-Database") != "odoo_demo" {
					t.Errorf("JSON-2 request %s %v", req.Path, req.Header)
				}
				var body map[string]any
				json.Unmarshal(req.Body, &body)
				wantKw["domain"] = wantDomain
				if !reflect.DeepEqual(body, wantKw) {
					t.Errorf("JSON-2 body %v\nwant %v", body, wantKw)
				}
			case TransportJSONRPC:
				var env struct {
					Params struct {
						Service, Method string
						Args            []any
					}
				}
				json.Unmarshal(req.Body, &env)
				want := []any{"odoo_demo", float64(2), "key", "res.partner", "search_read", []any{wantDomain}, wantKw}
				if env.Params.Service != "object" || env.Params.Method != "execute_kw" || !reflect.DeepEqual(env.Params.Args, want) {
					t.Errorf("JSON-RPC params %+v\nwant %v", env.Params, want)
				}
			case TransportXMLRPC:
				method, params, err := xmlrpc.DecodeCall(strings.NewReader(string(req.Body)))
				if err != nil || req.Path != "/xmlrpc/2/object" || method != "execute_kw" {
					t.Fatalf("XML-RPC call %s %s %v", req.Path, method, err)
				}
				if params[3] != "res.partner" || params[4] != "search_read" || params[6].(map[string]any)["limit"] != int64(5) {
					t.Errorf("XML-RPC params %v", params)
				}
			}
		})
	}
}

func TestCreateReturnsListOnEveryTransport(t *testing.T) {
	cases := map[string]any{TransportJSONRPC: []any{51, 52}, TransportJSON2: []any{51, 52}, TransportXMLRPC: []any{51, 52}}
	for tr, answer := range cases {
		_, srv := newFakeOdoo(t, 19, anyTransport(answer))
		ids, err := testClient(t, srv, tr).Create(context.Background(), "res.partner", []map[string]any{{"name": "A"}, {"name": "B"}})
		if err != nil || !reflect.DeepEqual(ids, []int64{51, 52}) {
			t.Errorf("%s: %v %v", tr, ids, err)
		}
	}
	// One dict over JSON-RPC answers a bare id; IDs accepts it.
	_, srv := newFakeOdoo(t, 19, jsonResult(50))
	id, err := testClient(t, srv, TransportJSONRPC).CreateOne(context.Background(), "res.partner", map[string]any{"name": "A"})
	if err != nil || id != 50 {
		t.Errorf("CreateOne: %v %v", id, err)
	}
	// A count mismatch is a bad response, not silently fewer ids.
	_, srv = newFakeOdoo(t, 19, jsonResult([]any{1}))
	if _, err := testClient(t, srv, TransportJSONRPC).Create(context.Background(), "res.partner", []map[string]any{{"name": "A"}, {"name": "B"}}); !errors.Is(err, ErrBadResponse) {
		t.Errorf("mismatch: %v", err)
	}
}

func TestMethodReturningNone(t *testing.T) {
	for _, tc := range []struct{ version, file, transport string }{
		{"19.0", "misc/method_returning_none.json", TransportJSONRPC},
		{"19.0", "json2/method_returning_none.json", TransportJSON2},
		{"19.0", "xmlrpc/method_returning_none.xml", TransportXMLRPC},
		{"18.0", "xmlrpc/method_returning_none.xml", TransportXMLRPC},
	} {
		_, srv := newFakeOdoo(t, 19, serveCapture(loadCapture(t, tc.version, tc.file)))
		out := "untouched"
		err := testClient(t, srv, tc.transport).Call(context.Background(), "res.partner.category", "action_unarchive", []any{[]int64{1}}, nil, &out)
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
		}
	}
}

func TestWriteUnlinkReadShapes(t *testing.T) {
	fake, srv := newFakeOdoo(t, 19, anyTransport(true))
	c := testClient(t, srv, TransportJSON2)
	if err := c.Write(context.Background(), "res.partner", []int64{47}, map[string]any{"phone": "+1"}); err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	json.Unmarshal(fake.last().Body, &body)
	if !reflect.DeepEqual(body, map[string]any{"ids": []any{float64(47)}, "vals": map[string]any{"phone": "+1"}}) {
		t.Errorf("write body %v", body)
	}
	if err := c.Unlink(context.Background(), "res.partner", []int64{47, 48}); err != nil {
		t.Fatal(err)
	}
	_, srv = newFakeOdoo(t, 19, anyTransport(false))
	if err := testClient(t, srv, TransportJSONRPC).Write(context.Background(), "res.partner", []int64{1}, map[string]any{}); err == nil {
		t.Error("write answering false passed")
	}
}

func TestNameSearchKeywordByVersion(t *testing.T) {
	for major, key := range map[int]string{18: "args", 19: "domain"} {
		fake, srv := newFakeOdoo(t, major, jsonResult([]any{[]any{15, "Azure Interior"}}))
		res, err := testClient(t, srv, TransportJSONRPC).NameSearch(context.Background(), "res.partner", "Azure", Cond("is_company", "=", true), Limit(5))
		if err != nil || len(res) != 1 || res[0] != (Many2one{15, "Azure Interior"}) {
			t.Fatalf("%d: %v %v", major, res, err)
		}
		var env struct{ Params struct{ Args []any } }
		json.Unmarshal(fake.last().Body, &env)
		kw := env.Params.Args[6].(map[string]any)
		if _, ok := kw[key]; !ok || kw["name"] != "Azure" || kw["limit"] != float64(5) {
			t.Errorf("Odoo %d: kwargs %v, want the domain under %q", major, kw, key)
		}
	}
}

func TestFormattedReadGroupNeeds19(t *testing.T) {
	fake, srv := newFakeOdoo(t, 18, jsonResult([]any{}))
	c := testClient(t, srv, TransportJSONRPC)
	var out []map[string]any
	err := c.FormattedReadGroup(context.Background(), "account.move", nil, []string{"partner_id"}, []string{"__count"}, &out)
	if !errors.Is(err, ErrUnknownMethod) {
		t.Errorf("on 18: %v", err)
	}
	for _, r := range fake.requests {
		if strings.Contains(string(r.Body), "formatted_read_group") {
			t.Error("formatted_read_group was sent to Odoo 18")
		}
	}
}

func TestReadGroupCapture(t *testing.T) {
	_, srv := newFakeOdoo(t, 19, serveCapture(loadCapture(t, "19.0", "misc/read_group.account.move.by_month.json")))
	var groups []struct {
		Month  String  `json:"invoice_date:month"`
		Count  int64   `json:"__count"`
		Amount float64 `json:"amount_total"`
		Domain Domain  `json:"__domain"`
	}
	err := testClient(t, srv, TransportJSONRPC).ReadGroup(context.Background(), "account.move", nil,
		[]string{"amount_total:sum"}, []string{"invoice_date:month", "move_type"}, &groups, Lazy(false))
	if err != nil || len(groups) == 0 || groups[0].Month != "October 2026" || groups[0].Count != 6 || len(groups[0].Domain) != 7 {
		t.Errorf("%+v %v", groups, err)
	}
}

func TestBadAnswers(t *testing.T) {
	cases := map[string]struct {
		status      int
		contentType string
		body        string
		want        Kind
	}{
		"login page":     {200, "text/html", "<!DOCTYPE html><html><body>Log in</body></html>", KindBadResponse},
		"truncated json": {200, "application/json", `{"jsonrpc": "2.0", "id": 1, "result": [{"id": 1, "name": "A`, KindBadResponse},
		"wrong type":     {200, "application/json", `{"jsonrpc": "2.0", "id": 1, "result": "not a list"}`, KindBadResponse},
		"proxy 500 html": {500, "text/html", "<html>Internal Server Error</html>", KindTransport},
		"redirect":       {303, "text/html", "", KindTransport},
		"empty":          {200, "application/json", "", KindBadResponse},
		"error not odoo": {200, "application/json", `{"jsonrpc": "2.0", "id": 1, "error": {"code": -32600, "message": "Invalid Request"}}`, KindServerError},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, srv := newFakeOdoo(t, 19, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
				w.Header().Set("Content-Type", tc.contentType)
				if tc.status == 303 {
					w.Header().Set("Location", "/web/login")
				}
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			})
			var out []Partner
			err := testClient(t, srv, TransportJSONRPC).SearchRead(context.Background(), "res.partner", nil, []string{"name"}, &out)
			if KindOf(err) != tc.want {
				t.Errorf("kind %q, want %q: %v", KindOf(err), tc.want, err)
			}
		})
	}
}

func TestResponseSizeCap(t *testing.T) {
	big := strings.Repeat("x", 4096)
	_, srv := newFakeOdoo(t, 19, jsonResult([]any{map[string]any{"id": 1, "name": big}}))
	c := testClient(t, srv, TransportJSONRPC, func(c *Config) { c.MaxResponseBytes = 1024 })
	var out []Partner
	err := c.SearchRead(context.Background(), "res.partner", nil, []string{"name"}, &out)
	if !errors.Is(err, ErrBadResponse) || !strings.Contains(err.Error(), "larger than 1024 bytes") {
		t.Errorf("%v", err)
	}
}

func TestConfigValidation(t *testing.T) {
	bad := map[string]Config{
		"no url":           {APIKey: "k"},
		"bad url":          {URL: "ftp://x", APIKey: "k"},
		"no secret":        {URL: "http://x"},
		"json2 no key":     {URL: "http://x", Password: "p", Transport: "json2"},
		"jsonrpc no login": {URL: "http://x", APIKey: "k", Transport: "jsonrpc"},
		"unknown":          {URL: "http://x", APIKey: "k", Transport: "grpc"},
	}
	for name, cfg := range bad {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestJSON2NamedArgs(t *testing.T) {
	got, err := namedArgs("read", []any{[]int64{1}, []string{"name"}}, map[string]any{"load": nil})
	if err != nil || !reflect.DeepEqual(got, map[string]any{"ids": []int64{1}, "fields": []string{"name"}, "load": nil}) {
		t.Errorf("%v %v", got, err)
	}
	if got, _ := namedArgs("action_post", []any{[]int64{5}}, nil); !reflect.DeepEqual(got, map[string]any{"ids": []int64{5}}) {
		t.Errorf("business method: %v", got)
	}
	if _, err := namedArgs("message_post", []any{[]int64{5}, "body"}, nil); err == nil {
		t.Error("extra positional arg accepted for an unknown method")
	}
	if _, err := namedArgs("search", []any{Domain{}}, map[string]any{"domain": Domain{}}); err == nil {
		t.Error("duplicate argument accepted")
	}
}
