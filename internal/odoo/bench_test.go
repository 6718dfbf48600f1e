package odoo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

// syntheticPage builds n records shaped as Odoo 19 sends rec's fields: strings (some
// false), many2one pairs, id lists, dates, datetimes, floats, ints and booleans.
func syntheticPage(rec Record, n int) []any {
	t := reflect.TypeOf(rec)
	byName := map[string]reflect.Type{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		byName[name] = t.Field(i).Type
	}
	page := make([]any, n)
	for i := range n {
		r := map[string]any{}
		for _, f := range rec.Fields(19) {
			r[f] = syntheticValue(f, byName[f], i)
		}
		page[i] = r
	}
	return page
}

func syntheticValue(field string, t reflect.Type, i int) any {
	switch t {
	case reflect.TypeFor[String]():
		if i%5 == 0 {
			return false
		}
		return fmt.Sprintf("%s value %d — Zürich & Co", field, i)
	case reflect.TypeFor[Many2one]():
		if i%4 == 0 {
			return false
		}
		return []any{int64(i%97 + 1), fmt.Sprintf("Related record %d", i%97+1)}
	case reflect.TypeFor[IDs]():
		return []any{int64(i + 1), int64(i + 2), int64(i + 3)}
	case reflect.TypeFor[Date]():
		return fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1)
	case reflect.TypeFor[Datetime]():
		return fmt.Sprintf("2026-%02d-%02d 1%d:04:05", i%12+1, i%28+1, i%10)
	case reflect.TypeFor[float64]():
		return float64(i%1000)*1.25 + 0.5
	case reflect.TypeFor[bool](), reflect.TypeFor[*bool]():
		return i%2 == 0
	}
	return int64(i + 1) // id and integer fields
}

func jsonrpcBody(page []any) []byte {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "result": page})
	return b
}

func xmlrpcBody(page []any) []byte {
	var buf bytes.Buffer
	xmlrpc.EncodeResponse(&buf, page)
	return buf.Bytes()
}

func benchDecode[T any](b *testing.B, body []byte, decode func(*httpAnswer, *[]T) error) {
	a := &httpAnswer{status: 200, header: http.Header{"Content-Type": {"application/json"}}, body: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	records := 0
	cpu0 := cpuTime()
	for b.Loop() {
		var out []T
		if err := decode(a, &out); err != nil {
			b.Fatal(err)
		}
		records += len(out)
	}
	// Wall-clock records/s depends on how busy the machine is; records per CPU-second
	// (process user+system time, GC included) is what one core sustains.
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(records)/cpu.Seconds(), "records/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const benchPage = 1000

func decodeJSONRPC[T any](a *httpAnswer, out *[]T) error {
	return (&jsonrpcTransport{http: &httpDoer{clock: time.Now}}).answer(a, out)
}

func decodeXMLRPC[T any](a *httpAnswer, out *[]T) error {
	return (&xmlrpcTransport{http: &httpDoer{clock: time.Now}}).answer(a, "/xmlrpc/2/object", rpcCall{}, out)
}

// BenchmarkDecodePage decodes a realistic 1,000-record search_read page of res.partner
// and account.move.line into typed records, over JSON-RPC and XML-RPC. The map rows are
// the baseline: the same page decoded into []map[string]any.
func BenchmarkDecodePage(b *testing.B) {
	partner, line := syntheticPage(Partner{}, benchPage), syntheticPage(MoveLine{}, benchPage)
	b.Run("jsonrpc/res.partner", func(b *testing.B) { benchDecode(b, jsonrpcBody(partner), decodeJSONRPC[Partner]) })
	b.Run("jsonrpc/account.move.line", func(b *testing.B) { benchDecode(b, jsonrpcBody(line), decodeJSONRPC[MoveLine]) })
	b.Run("jsonrpc/res.partner/map-baseline", func(b *testing.B) {
		benchDecode(b, jsonrpcBody(partner), decodeJSONRPC[map[string]any])
	})
	b.Run("xmlrpc/res.partner", func(b *testing.B) { benchDecode(b, xmlrpcBody(partner), decodeXMLRPC[Partner]) })
	b.Run("xmlrpc/account.move.line", func(b *testing.B) { benchDecode(b, xmlrpcBody(line), decodeXMLRPC[MoveLine]) })
}

// TestSyntheticPageDecodes keeps the benchmark honest: its pages decode to the values
// they were built from, on both transports.
func TestSyntheticPageDecodes(t *testing.T) {
	page := syntheticPage(MoveLine{}, 20)
	for name, body := range map[string][]byte{"jsonrpc": jsonrpcBody(page), "xmlrpc": xmlrpcBody(page)} {
		a := &httpAnswer{status: 200, header: http.Header{}, body: body}
		var out []MoveLine
		var err error
		if name == "jsonrpc" {
			err = decodeJSONRPC(a, &out)
		} else {
			err = decodeXMLRPC(a, &out)
		}
		if err != nil || len(out) != 20 {
			t.Fatalf("%s: %d records, %v", name, len(out), err)
		}
		if out[1].ID != 2 || out[1].MoveID.Name != "Related record 2" || out[1].Debit != 1.75 || out[0].Name != "" || out[1].Date.String() != "2026-02-02" {
			t.Errorf("%s: %+v", name, out[1])
		}
	}
}
