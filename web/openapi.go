package web

import (
	"strings"

	"github.com/controlmap/controlmap/data"
)

// The OpenAPI 3.0 document of the API, built from apiOperations, so that it cannot drift from
// what the strict parameter check allows. GDAL reads the items paths' parameters from it: a
// parameter named after a feature property (controller_id, status, district) is one it sends
// to the server instead of filtering on the client, and limit's maximum is the page size GDAL
// 3.8 and later ask for.

// Media types of the API descriptions.
const (
	mimeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	mimeSchema  = "application/schema+json"
	licenceURL  = "https://creativecommons.org/licenses/by-sa/4.0/"
)

// openAPI is the document, for the API served at base + "/api".
func openAPI(base string) map[string]any {
	paths := map[string]any{}
	for _, op := range apiOperations {
		paths[openAPIPath(op.route)] = map[string]any{"get": operationDoc(op)}
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "controlmap",
			"version":     "1.0.0",
			"description": "Who controlled each settlement of the Karabakh region on each date, with sources (OGC API – Features). " + data.Attribution(),
			"license":     map[string]any{"name": data.Licence + " (the data)", "url": licenceURL},
		},
		"servers": []any{map[string]any{"url": base + "/api"}},
		"paths":   paths,
		"components": map[string]any{"schemas": map[string]any{"problem": map[string]any{
			"type":     "object",
			"required": []any{"error"},
			"properties": map[string]any{
				"error":     map[string]any{"type": "string"},
				"parameter": map[string]any{"type": "string", "description": "The parameter at fault."},
			},
		}}},
	}
}

func operationDoc(op operation) map[string]any {
	var params []any
	for _, name := range routeParamNames(op.route) {
		params = append(params, paramDoc(pathParams[name], "path"))
	}
	for _, p := range op.params {
		params = append(params, paramDoc(p, "query"))
	}
	doc := map[string]any{
		"operationId": op.id,
		"summary":     op.summary,
		"responses":   responsesDoc(op),
	}
	if params != nil {
		doc["parameters"] = params
	}
	return doc
}

func routeParamNames(route string) []string {
	var names []string
	for _, part := range strings.Split(route, "/") {
		if name, ok := strings.CutPrefix(part, ":"); ok {
			names = append(names, name)
		}
	}
	return names
}

func paramDoc(p param, in string) map[string]any {
	doc := map[string]any{"name": p.name, "in": in, "description": p.description, "schema": p.schema, "required": p.required}
	if p.csv {
		doc["style"], doc["explode"] = "form", false
	}
	return doc
}

func responsesDoc(op operation) map[string]any {
	problem := map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/problem"}}}
	content := contentDoc(op.media)
	out := map[string]any{
		"200": map[string]any{"description": op.summary, "content": content},
		"400": map[string]any{"description": "A parameter is invalid or unknown; the body names it.", "content": problem},
		"404": map[string]any{"description": "No such resource.", "content": problem},
	}
	if op.route == "/api/snapshots/:file" {
		out["206"] = map[string]any{"description": "The byte range asked for with Range.", "content": content}
	}
	return out
}

// contentDoc describes the bodies of media, one media type or several separated by ", ": JSON
// types as objects, any other type as a string (text or binary).
func contentDoc(media string) map[string]any {
	out := map[string]any{}
	for _, m := range strings.Split(media, ", ") {
		schema := map[string]any{"type": "string"}
		if strings.Contains(m, "json") {
			schema = map[string]any{"type": "object"}
		} else if !strings.HasPrefix(m, "text/") && !strings.Contains(m, "xml") {
			schema["format"] = "binary"
		}
		out[m] = map[string]any{"schema": schema}
	}
	return out
}
