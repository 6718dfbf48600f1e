package xmlrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzDecodeResponse: any input decodes or errors, never panics; whatever decodes must
// re-encode and decode to the same value.
func FuzzDecodeResponse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(refDir, "*/xmlrpc/*.xml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<methodResponse><params><param><value><struct><member><name>a</name><value><array><data><value><i8>1</i8></value></data></array></value></member></struct></value></param></params></methodResponse>"))
	f.Add([]byte("<methodResponse><params><param><value><base64>aGk=</base64></value></param></params></methodResponse>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := DecodeResponse(bytes.NewReader(data))
		var fault *Fault
		if errors.As(err, &fault) {
			var buf bytes.Buffer
			if err := EncodeFault(&buf, fault.Code, fault.String); err != nil {
				t.Fatalf("decoded fault does not re-encode: %v", err)
			}
			return
		}
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := EncodeResponse(&buf, v); err != nil {
			t.Fatalf("decoded value %#v does not re-encode: %v", v, err)
		}
		again, err := DecodeResponse(&buf)
		if err != nil {
			t.Fatalf("re-encoded value does not decode: %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(v, again) {
			t.Fatalf("round trip changed the value:\n%#v\n%#v", v, again)
		}
	})
}

func FuzzDecodeCall(f *testing.F) {
	f.Add([]byte("<?xml version='1.0'?>\n<methodCall>\n<methodName>version</methodName>\n<params>\n</params>\n</methodCall>\n"))
	f.Add([]byte("<methodCall><methodName>execute_kw</methodName><params><param><value><string>db</string></value></param><param><value><int>2</int></value></param></params></methodCall>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		method, params, err := DecodeCall(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := EncodeCall(&buf, method, params); err != nil {
			t.Fatalf("decoded call %q %#v does not re-encode: %v", method, params, err)
		}
	})
}

// FuzzDecodeResponseJSON: the JSON path accepts exactly what the value path accepts, and
// produces valid JSON equal to the value path's result.
func FuzzDecodeResponseJSON(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(refDir, "*/xmlrpc/*.xml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<methodResponse><params><param><value><struct><member><name>a\"\\\x01</name><value><double>1e300</double></value></member></struct></value></param></params></methodResponse>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, verr := DecodeResponse(bytes.NewReader(data))
		js, jerr := DecodeResponseJSON(bytes.NewReader(data))
		if (verr == nil) != (jerr == nil) {
			t.Fatalf("value path err %v, JSON path err %v", verr, jerr)
		}
		if jerr != nil {
			return
		}
		if !json.Valid(js) {
			t.Fatalf("invalid JSON %q", js)
		}
		var got any
		if err := json.Unmarshal(js, &got); err != nil {
			t.Fatal(err)
		}
		if want := jsonShape(v); !reflect.DeepEqual(got, want) {
			t.Fatalf("JSON path %#v, value path %#v", got, want)
		}
	})
}
