package odoosim

import (
	"bytes"
	"io"
	"net/http"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

// serveXMLRPC is /xmlrpc/2/<service>: integer fault codes 1-4.
func (s *Server) serveXMLRPC(w http.ResponseWriter, r *http.Request) {
	s.xmlrpc(w, r, false)
}

// serveXMLRPCLegacy is /xmlrpc/<service> (v1): string fault codes.
func (s *Server) serveXMLRPCLegacy(w http.ResponseWriter, r *http.Request) {
	s.xmlrpc(w, r, true)
}

func (s *Server) xmlrpc(w http.ResponseWriter, r *http.Request, legacy bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "405 Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	method, params, err := xmlrpc.DecodeCall(io.LimitReader(r.Body, maxBody))
	if err != nil {
		s.writeFault(w, &OdooError{Name: "xml.parsers.expat.ExpatError", Message: err.Error()}, legacy)
		return
	}
	if s.version >= 19 {
		s.log.Debug("The /xmlrpc, /xmlrpc/2 and /jsonrpc endpoints are deprecated in Odoo 19 and scheduled for removal in Odoo 22")
	}
	result, err := s.dispatch(r.PathValue("service"), method, params)
	if err != nil {
		s.writeFault(w, err, legacy)
		return
	}
	if result == nil {
		s.writeFault(w, &OdooError{Name: "builtins.TypeError", Message: "cannot marshal None unless allow_none is enabled"}, legacy)
		return
	}
	var buf bytes.Buffer
	if err := xmlrpc.EncodeResponse(&buf, xmlValue(result)); err != nil {
		s.writeFault(w, &OdooError{Name: "builtins.TypeError", Message: err.Error()}, legacy)
		return
	}
	writeXML(w, buf.Bytes())
}

// writeFault renders err as Odoo's XML-RPC fault, always with HTTP 200.
func (s *Server) writeFault(w http.ResponseWriter, err error, legacy bool) {
	oe := asOdoo(err)
	debug, _ := s.errorData(oe).get("debug").(string)
	var code any
	msg := oe.Message
	switch {
	case legacy && oe.Name == excAccessDenied:
		code, msg = "AccessDenied", "Access Denied"
	case legacy && isUserErrorFamily(oe.Name):
		code, msg = "warning -- "+oe.Short()+"\n\n"+oe.Message, ""
	case legacy:
		code, msg = oe.Message, debug
	case oe.Name == excAccessDenied:
		code, msg = int64(3), "Access Denied"
	case oe.Name == excAccessError:
		code = int64(4)
	case isUserErrorFamily(oe.Name):
		code = int64(2)
	default:
		code, msg = int64(1), debug
	}
	var buf bytes.Buffer
	if err := xmlrpc.EncodeFault(&buf, code, msg); err != nil {
		buf.Reset()
		xmlrpc.EncodeFault(&buf, int64(1), "cannot encode fault: "+err.Error())
	}
	writeXML(w, buf.Bytes())
}

func isUserErrorFamily(name string) bool {
	return name == excUserError || name == excValidationError || name == excMissingError ||
		name == "odoo.exceptions.RedirectWarning" || name == "odoo.exceptions.CacheMiss"
}

func writeXML(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// xmlValue turns rendering types into values the XML-RPC codec knows.
func xmlValue(v any) any {
	switch x := v.(type) {
	case *record:
		out := make(map[string]any, len(x.keys))
		for i, k := range x.keys {
			out[k] = xmlValue(x.vals[i])
		}
		return out
	case Float:
		return float64(x)
	case []int64:
		out := make([]any, len(x))
		for i, id := range x {
			out[i] = id
		}
		return out
	case []*record:
		out := make([]any, len(x))
		for i, r := range x {
			out[i] = xmlValue(r)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = xmlValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = xmlValue(e)
		}
		return out
	}
	return v
}
