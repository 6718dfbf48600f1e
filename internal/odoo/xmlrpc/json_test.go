package xmlrpc

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// jsonShape converts a decoded Go value to what encoding/json yields for the JSON path.
func jsonShape(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case []byte:
		return base64.StdEncoding.EncodeToString(x)
	case time.Time:
		return x.Format("2006-01-02 15:04:05")
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = jsonShape(x[i])
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonShape(e)
		}
		return out
	}
	return v
}

func TestDecodeResponseJSONMatchesValues(t *testing.T) {
	for _, f := range refFiles(t, "*/xmlrpc/*.xml") {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		v, verr := DecodeResponse(bytes.NewReader(body))
		js, jerr := DecodeResponseJSON(bytes.NewReader(body))
		if (verr == nil) != (jerr == nil) || (verr != nil && verr.Error() != jerr.Error()) {
			t.Errorf("%s: value err %v, JSON err %v", f, verr, jerr)
			continue
		}
		if verr != nil {
			continue
		}
		var got any
		if err := json.Unmarshal(js, &got); err != nil {
			t.Fatalf("%s: %v: %s", filepath.Base(f), err, js)
		}
		if !reflect.DeepEqual(got, jsonShape(v)) {
			t.Errorf("%s: JSON %s differs from values %#v", filepath.Base(f), js, v)
		}
	}
}

func TestDecodeResponseJSONScalars(t *testing.T) {
	cases := map[string]string{
		`<string>a"b\c` + "\t&#13;</string>":                     `"a\"b\\c\t\r"`,
		`<dateTime.iso8601>20261124T16:57:34</dateTime.iso8601>`: `"2026-11-24 16:57:34"`,
		"<base64>aGVs\nbG8=</base64>":                            `"aGVsbG8="`,
		`<nil/>`:                                                 `null`,
		`<double>31750.0</double>`:                               `31750`,
		`<boolean>0</boolean>`:                                   `false`,
		`<struct><member><name>a</name><value><i4>1</i4></value></member><member><name>b</name><value/></member></struct>`: `{"a":1,"b":""}`,
		`<array><data><value>x</value><value><int>2</int></value></data></array>`:                                          `["x",2]`,
	}
	for in, want := range cases {
		doc := "<methodResponse><params><param><value>" + in + "</value></param></params></methodResponse>"
		got, err := DecodeResponseJSON(strings.NewReader(doc))
		if err != nil || string(got) != want {
			t.Errorf("%s: got %s (%v), want %s", in, got, err, want)
		}
	}
}
