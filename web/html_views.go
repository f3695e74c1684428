package web

import (
	"bytes"
	"encoding/json"
	"html/template"
)

// htmlViews are the routes with an HTML page, and the template that draws each from its JSON.
var htmlViews = map[string]string{
	"/api":                                   "landing",
	"/api/collections":                       "collections",
	"/api/collections/:collection":           "collection",
	"/api/collections/settlements/items":     "items",
	"/api/collections/settlements/items/:id": "item",
}

// renderView draws the JSON answer body with the view's template.
func renderView(view string, body []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err := viewTemplates.ExecuteTemplate(&buf, view, doc)
	return buf.Bytes(), err
}

var viewTemplates = template.Must(template.New("views").Parse(`
{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.}} – controlmap</title></head><body>
<p><a href="/api?f=html">controlmap API</a> · <a href="/api/collections?f=html">collections</a> · <a href="/">the map</a></p>{{end}}
{{define "foot"}}</body></html>{{end}}

{{define "links"}}{{with .}}<h2>Links</h2><ul>{{range .}}<li><a href="{{.href}}" rel="{{.rel}}">{{or .title .href}}</a> <small>({{.rel}}{{with .type}}, {{.}}{{end}})</small></li>{{end}}</ul>{{end}}{{end}}

{{define "attribution"}}{{with .metadata}}<p><small>{{.attribution}} Licence: {{.licence}}.</small></p>{{end}}{{end}}

{{define "landing"}}{{template "head" .title}}
<h1>{{.title}}</h1><p>{{.description}}</p>
{{template "links" .links}}{{template "foot"}}{{end}}

{{define "collections"}}{{template "head" "Collections"}}
<h1>Collections</h1>
{{range .collections}}<section><h2><a href="/api/collections/{{.id}}?f=html">{{.title}}</a></h2><p>{{.description}}</p>
<p><a href="/api/collections/{{.id}}/items?f=html">Items</a></p></section>{{end}}
{{template "attribution" .}}{{template "foot"}}{{end}}

{{define "collection"}}{{template "head" .title}}
<h1>{{.title}}</h1><p>{{.description}}</p>
{{with .extent}}<dl><dt>Area (lon/lat)</dt><dd>{{range .spatial.bbox}}{{.}}{{end}}</dd>
<dt>Time</dt><dd>{{range .temporal.interval}}{{index . 0}} – {{or (index . 1) "now"}}{{end}}</dd></dl>{{end}}
{{if eq .id "settlements"}}<p><a href="/api/collections/settlements/items?f=html">The settlements and their controllers today</a></p>{{end}}
{{template "links" .links}}{{template "attribution" .}}{{template "foot"}}{{end}}

{{define "items"}}{{template "head" "Settlements"}}
<h1>Settlements{{with .metadata}} on {{.date}}{{end}}</h1>
<p>{{.numberReturned}} of {{.numberMatched}} settlements.
{{range .links}}{{if eq .rel "prev"}}<a href="{{.href}}" rel="prev">Previous page</a> {{end}}{{if eq .rel "next"}}<a href="{{.href}}" rel="next">Next page</a>{{end}}{{end}}</p>
<table><thead><tr><th>Settlement</th><th>District</th><th>Controlled by</th><th>Since</th><th>Status</th></tr></thead><tbody>
{{range .features}}{{with .properties}}<tr><td><a href="/api/collections/settlements/items/{{.id}}?f=html">{{.name}}</a></td><td>{{.district}}</td>
<td>{{with .controller}}{{.name}}{{else}}unknown{{end}}</td><td>{{.controlled_since}}</td><td>{{.status}}</td></tr>{{end}}{{end}}
</tbody></table>
{{template "attribution" .}}{{template "foot"}}{{end}}

{{define "item"}}{{with .properties}}{{template "head" .name}}
<h1>{{.name}}</h1>
<dl><dt>Names</dt><dd>{{range $lang, $name := .names}}{{$name}} ({{$lang}}) {{end}}</dd>
<dt>District</dt><dd>{{.district}}</dd>
<dt>Controlled by on {{.date}}</dt><dd>{{with .controller}}{{.name}}{{else}}unknown{{end}}{{with .controlled_since}} since {{.}}{{end}}{{with .status}} ({{.}}){{end}}</dd>
{{with .wikipedia_url}}<dt>Wikipedia</dt><dd><a href="{{.}}">{{.}}</a></dd>{{end}}</dl>
<h2>History</h2>
<table><thead><tr><th>Date</th><th>Change</th><th>Controlled by</th><th>Status</th><th>Sources</th></tr></thead><tbody>
{{range .history}}<tr><td>{{.date}}</td><td>{{.kind}}{{with .retracted}} (retracted: {{.reason}}){{end}}</td><td>{{with .controller}}{{.name}}{{end}}</td><td>{{.status}}</td>
<td>{{range .sources}}{{if .url}}<a href="{{.url}}">{{.title}}</a>{{else}}{{.title}}{{end}}{{with .publisher}} ({{.}}){{end}}<br>{{end}}</td></tr>{{end}}
</tbody></table>
{{template "attribution" .}}{{template "foot"}}{{end}}{{end}}
`))
