package xmlrpc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// xmlTokens is the reference token source: encoding/xml, which the scanner replaced for
// speed. The differential fuzz test holds the scanner to its results.
type xmlTokens struct{ d *xml.Decoder }

func newXMLTokens(data []byte) *xmlTokens {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	return &xmlTokens{d: d}
}

func (x *xmlTokens) offset() int64 { return x.d.InputOffset() }

func (x *xmlTokens) next() (token, error) {
	for {
		t, err := x.d.Token()
		if err != nil {
			return token{}, err
		}
		switch t := t.(type) {
		case xml.Comment, xml.ProcInst:
			continue
		case xml.Directive:
			return token{}, errors.New("directive")
		case xml.StartElement:
			return token{kind: tokStart, name: []byte(t.Name.Local)}, nil
		case xml.EndElement:
			return token{kind: tokEnd, name: []byte(t.Name.Local)}, nil
		case xml.CharData:
			return token{kind: tokText, text: bytes.Clone(t)}, nil
		}
	}
}

func decodeWith(src tokenSource) (any, error) {
	p := newParserFrom(src, 0)
	v, fault, err := p.response(func(depth int) (any, error) { return p.value(depth) })
	if err != nil {
		return nil, err
	}
	if fault != nil {
		return nil, fault
	}
	return v, nil
}

func FuzzScannerMatchesEncodingXML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(refDir, "*/xmlrpc/*.xml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"<methodResponse><params><param><value><string>a&amp;b&#233;&#x41;\r\nc<![CDATA[<x>]]></string></value></param></params></methodResponse>",
		"<?xml version='1.0' encoding='UTF-8'?><!-- c --><methodResponse><params><param><value a='1'><i4>1</i4></value></param></params></methodResponse>",
		"<methodResponse><params><param><value><ex:nil xmlns:ex='x'/></value></param></params></methodResponse>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ferr := decodeWith(newScanner(data))
		ref, rerr := decodeWith(newXMLTokens(data))
		var ff, rf *Fault
		errors.As(ferr, &ff)
		errors.As(rerr, &rf)
		switch {
		case ferr == nil && rerr == nil:
			if !reflect.DeepEqual(fast, ref) {
				t.Fatalf("values differ:\nscanner  %#v\nencoding %#v", fast, ref)
			}
		case ff != nil && rf != nil:
			if !reflect.DeepEqual(ff, rf) {
				t.Fatalf("faults differ: %#v %#v", ff, rf)
			}
		case ferr == nil || ff != nil:
			// The scanner accepted what encoding/xml refused.
			if !acceptableLeniency(rerr) {
				t.Fatalf("scanner accepted input encoding/xml refuses (%v): %q", rerr, data)
			}
		}
	})
}

// acceptableLeniency lists encoding/xml refusals that do not matter for XML-RPC.
func acceptableLeniency(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unbound prefix", "xmlns", "attribute"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func TestScannerTokens(t *testing.T) {
	s := newScanner([]byte("<?xml version=\"1.0\"?>\n<a x='1'><b/>t&lt;\r\n<![CDATA[c]]></a>"))
	var got []string
	for {
		tok, err := s.next()
		if err != nil {
			break
		}
		got = append(got, map[tokKind]string{tokStart: "<", tokEnd: "/", tokText: "#"}[tok.kind]+string(tok.name)+string(tok.text))
	}
	want := []string{"#\n", "<a", "<b", "/b", "#t<\n", "#c", "/a"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
}
