package odoo

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

func TestValueTypesAcceptFalse(t *testing.T) {
	var rec struct {
		S   String   `json:"s"`
		M   Many2one `json:"m"`
		D   Date     `json:"d"`
		DT  Datetime `json:"dt"`
		IDs IDs      `json:"ids"`
	}
	if err := json.Unmarshal([]byte(`{"s": false, "m": false, "d": false, "dt": false, "ids": false}`), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.S != "" || rec.M.ID != 0 || !rec.D.IsZero() || !rec.DT.IsZero() || len(rec.IDs) != 0 {
		t.Errorf("%+v", rec)
	}
	if err := json.Unmarshal([]byte(`{"s": "x", "m": [15, "Azure Interior"], "d": "2026-11-01", "dt": "2026-11-24 16:57:34", "ids": [3, 4]}`), &rec); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 24, 16, 57, 34, 0, time.UTC)
	if rec.S != "x" || rec.M != (Many2one{15, "Azure Interior"}) || rec.D.String() != "2026-11-01" || !rec.DT.Equal(want) || !reflect.DeepEqual(rec.IDs, IDs{3, 4}) {
		t.Errorf("%+v", rec)
	}
	// Odoo reads many2one with load=None as a bare id.
	var m Many2one
	if err := json.Unmarshal([]byte(`233`), &m); err != nil || m.ID != 233 || m.Name != "" {
		t.Errorf("bare id: %+v %v", m, err)
	}
	if err := json.Unmarshal([]byte(`[7, false]`), &m); err != nil || m.ID != 7 {
		t.Errorf("[id, false]: %+v %v", m, err)
	}
}

func TestValueTypesReject(t *testing.T) {
	cases := map[string]any{
		`"x"`:          new(Many2one),
		`[1]`:          new(Many2one),
		`["a", "b"]`:   new(Many2one),
		`"2026-13-01"`: new(Date),
		`"yesterday"`:  new(Datetime),
		`12`:           new(String),
		`["a"]`:        new(IDs),
		`{}`:           new(Date),
	}
	for in, v := range cases {
		if err := json.Unmarshal([]byte(in), v); err == nil {
			t.Errorf("%s into %T accepted", in, v)
		}
	}
}

func TestValueTypesMarshalForWrites(t *testing.T) {
	vals := map[string]any{"partner_id": Many2one{ID: 9}, "parent_id": Many2one{}, "ref": String(""), "date": Date{},
		"invoice_date": Date{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}}
	got, _ := json.Marshal(vals)
	want := `{"date":false,"invoice_date":"2026-11-01","parent_id":false,"partner_id":9,"ref":false}`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestLoadNoneCapture(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(refDir, "19.0/misc/read.load_none.json"))
	if err != nil {
		t.Skip("captures absent")
	}
	var out []Partner
	env := jsonrpcResponse{Result: &out}
	if err := json.Unmarshal(raw, &env); err != nil || len(out) != 1 || out[0].CountryID.ID != 233 {
		t.Errorf("%+v %v", out, err)
	}
}

func TestMoney(t *testing.T) {
	eur := Currency{Name: "EUR", DecimalPlaces: 2}
	jpy := Currency{Name: "JPY", DecimalPlaces: 0}
	bhd := Currency{Name: "BHD", DecimalPlaces: 3}
	cases := []struct {
		cur  Currency
		amt  float64
		want int64
	}{
		{eur, 31750.0, 3175000}, {eur, 0.1 + 0.2, 30}, {eur, -1304.54, -130454},
		{jpy, 1500, 1500}, {bhd, 1.2345, 1235},
	}
	for _, c := range cases {
		if got := c.cur.Money(c.amt); got != (core.Money{Minor: c.want, Currency: string(c.cur.Name)}) {
			t.Errorf("%v %s = %+v, want %d", c.amt, c.cur.Name, got, c.want)
		}
	}
}

// FuzzAnswers feeds arbitrary bodies to the three answer decoders: never a panic, always
// an *Error or a decoded value.
func FuzzAnswers(f *testing.F) {
	for _, pattern := range []string{"*/errors/*", "*/search_read/*.json", "*/json2/*", "*/xmlrpc/*.xml"} {
		files, _ := filepath.Glob(filepath.Join(refDir, pattern))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil && len(b) < 64<<10 {
				f.Add(200, b)
			}
		}
	}
	f.Add(500, []byte(`{"name": "builtins.ValueError", "message": "x"}`))
	f.Add(200, []byte(`{"jsonrpc": "2.0", "result": [{"id": 1, "partner_id": [1, false], "date": "2026-01-01"}]}`))
	h := &httpDoer{maxBody: 1 << 20, clock: time.Now}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		for _, ct := range []string{"application/json", "text/xml", "text/html"} {
			a := &httpAnswer{status: status, header: http.Header{"Content-Type": {ct}}, body: body}
			var out []MoveLine
			errs := []error{
				(&jsonrpcTransport{http: h}).answer(a, &out),
				(&json2Transport{http: h}).answer(a, "/json/2/x/y", rpcCall{}, &out),
				(&xmlrpcTransport{http: h}).answer(a, "/xmlrpc/2/object", rpcCall{}, &out),
			}
			for _, err := range errs {
				if err != nil {
					if _, ok := err.(*Error); !ok {
						t.Fatalf("error of type %T: %v", err, err)
					}
					if strings.Contains(err.Error(), "%!") {
						t.Fatalf("badly formatted error: %v", err)
					}
				}
			}
		}
	})
}
