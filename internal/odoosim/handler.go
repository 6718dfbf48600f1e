package odoosim

import "net/http"

// Handler serves the simulated Odoo endpoints: /jsonrpc, /xmlrpc/2/*, /xmlrpc/*,
// /json/2/*, /json/version (19), /web/session/authenticate, /web/session/get_session_info,
// /web/dataset/call_kw, /web/version and /web/webclient/version_info.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/jsonrpc", s.serveJSONRPC)
	mux.HandleFunc("/xmlrpc/2/{service}", s.serveXMLRPC)
	mux.HandleFunc("/xmlrpc/{service}", s.serveXMLRPCLegacy)
	mux.HandleFunc("/json/2/", s.serveJSON2)
	mux.HandleFunc("/json/2", s.serveJSON2)
	mux.HandleFunc("/json/version", s.serveJSONVersion)
	mux.HandleFunc("/web/session/authenticate", s.serveSessionAuthenticate)
	mux.HandleFunc("/web/session/get_session_info", s.serveSessionInfo)
	mux.HandleFunc("/web/dataset/call_kw", s.serveCallKW)
	mux.HandleFunc("/web/dataset/call_kw/", s.serveCallKW)
	mux.HandleFunc("/web/webclient/version_info", s.serveVersionInfo)
	mux.HandleFunc("/web/version", s.serveVersionInfo)
	return mux
}

func (s *Server) serveVersionInfo(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, s.versionInfo())
		return
	}
	id, _, ok := s.readJSONRPC(w, r, "json")
	if !ok {
		return
	}
	writeResult(w, id, s.versionInfo())
}
