package api

import (
	"html/template"
	"net/http"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// docs renders the API reference from the OpenAPI document, server-side: no JavaScript,
// no CDN, so it works on an air-gapped network. /openapi.json has the machine-readable spec.
func (s *Server) docs(w http.ResponseWriter, _ *http.Request) {
	type param struct{ Name, In, Type, Doc string }
	type op struct {
		Method, Path, Summary, Description string
		Params                             []param
		Roles                              string
	}
	roles := map[string]string{}
	for _, r := range s.routes {
		if r.Roles == nil {
			roles[r.Method+" "+r.Path] = "public"
		} else {
			roles[r.Method+" "+r.Path] = roleList(r.Roles)
		}
	}
	var ops []op
	for path, item := range s.api.OpenAPI().Paths {
		for method, o := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "DELETE": item.Delete} {
			if o == nil {
				continue
			}
			x := op{Method: method, Path: path, Summary: o.Summary, Description: strings.TrimSpace(o.Description), Roles: roles[method+" "+path]}
			for _, p := range o.Parameters {
				t := ""
				if p.Schema != nil {
					t = p.Schema.Type
				}
				x.Params = append(x.Params, param{p.Name, p.In, t, p.Description})
			}
			ops = append(ops, x)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	docsPage.Execute(w, map[string]any{"Title": s.api.OpenAPI().Info.Title, "Version": s.deps.Version, "Ops": ops})
}

var docsPage = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.Title}} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem}section{border-top:1px solid #dde3ea;padding:.8rem 0}
code{background:#f2f4f7;padding:.1rem .3rem;border-radius:3px}.m{font-weight:700;display:inline-block;width:4.5rem}
.GET{color:#1a7f37}.POST{color:#0969da}.PUT{color:#9a6700}.DELETE{color:#cf222e}
table{border-collapse:collapse;margin:.4rem 0}td{padding:.1rem .6rem;border-bottom:1px solid #eef1f4;vertical-align:top}
.roles{color:#57606a;font-size:.9em}
</style></head><body>
<h1>{{.Title}} <small>{{.Version}}</small></h1>
<p>Machine-readable OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a>. Authenticate with <code>X-API-Key: &lt;key&gt;</code>
or <code>Authorization: Bearer &lt;key&gt;</code>. Errors are RFC 9457 <code>application/problem+json</code>.</p>
{{range .Ops}}<section><div><span class="m {{.Method}}">{{.Method}}</span><code>{{.Path}}</code> — {{.Summary}}</div>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{if .Params}}<table>{{range .Params}}<tr><td><code>{{.Name}}</code></td><td>{{.In}}</td><td>{{.Type}}</td><td>{{.Doc}}</td></tr>{{end}}</table>{{end}}
<div class="roles">Access: {{.Roles}}</div></section>{{end}}
</body></html>`))
