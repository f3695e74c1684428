package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// handleOpenAPI answers the OpenAPI 3.0 document (rel=service-desc of the landing page).
func (s *server) handleOpenAPI(c echo.Context) error {
	return sendJSON(c, mimeOpenAPI, openAPI(s.baseURL(c)))
}

// apiDocPage is the API described for people (rel=service-doc): every operation with its
// parameters, from the same table as the OpenAPI document. No script, no external resource.
var apiDocPage = template.Must(template.New("api.html").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>controlmap API</title></head>
<body>
<h1>controlmap API</h1>
<p>An OGC API – Features service: who controlled each settlement on each date, with sources.
Machine-readable description: <a href="{{.Base}}/api/api">OpenAPI 3.0 document</a>.
Every answer may be read from any origin (CORS) and answers HEAD. A query parameter a route does not
take is an error (400, naming it).</p>
{{range .Ops}}<section>
<h2 id="{{.ID}}"><code>GET {{.Path}}</code></h2>
<p>{{.Summary}} <small>({{.Media}})</small></p>
{{if .Params}}<dl>{{range .Params}}<dt><code>{{.Name}}</code>{{if .Required}} (required){{end}}</dt><dd>{{.Description}}</dd>{{end}}</dl>{{end}}
</section>
{{end}}</body></html>
`))

type apiDocOp struct {
	ID, Path, Summary, Media string
	Params                   []apiDocParam
}

type apiDocParam struct {
	Name, Description string
	Required          bool
}

func (s *server) handleAPIDoc(c echo.Context) error {
	var ops []apiDocOp
	for _, op := range apiOperations {
		d := apiDocOp{ID: op.id, Path: strings.TrimSuffix("/api"+openAPIPath(op.route), "/"), Summary: op.summary, Media: op.media}
		for _, name := range routeParamNames(op.route) {
			p := pathParams[name]
			d.Params = append(d.Params, apiDocParam{Name: "{" + p.name + "}", Description: p.description, Required: true})
		}
		for _, p := range op.params {
			d.Params = append(d.Params, apiDocParam{Name: p.name, Description: p.description, Required: p.required})
		}
		ops = append(ops, d)
	}
	var buf bytes.Buffer
	if err := apiDocPage.Execute(&buf, map[string]any{"Base": s.baseURL(c), "Ops": ops}); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "public, max-age=300")
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}
