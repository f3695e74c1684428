package web

import (
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// The API's GET routes and their query parameters, written once: the strict parameter check
// (params_strict.go) allows exactly these, and the OpenAPI document (openapi.go) describes
// them. A test checks that every /api route of the router is here.

// param is a query parameter of the API.
type param struct {
	name        string
	description string
	schema      map[string]any
	csv         bool // a comma-separated list (form style, not exploded), as bbox
	required    bool
}

// operation is one GET route of the API.
type operation struct {
	route   string // as registered with echo
	id      string
	summary string
	media   string
	params  []param
}

func str() map[string]any { return map[string]any{"type": "string"} }

func enumOf[T ~string](vs []T) map[string]any {
	e := make([]any, len(vs))
	for i, v := range vs {
		e[i] = string(v)
	}
	return map[string]any{"type": "string", "enum": e}
}

var (
	pF        = param{"f", "The format of the answer: json (the default; the Accept header is not consulted).", map[string]any{"type": "string", "enum": []any{"json"}}, false, false}
	pFHTML    = param{"f", "The format of the answer: json, or html for a plain page; without f, an Accept header that prefers text/html to JSON gets the page.", map[string]any{"type": "string", "enum": []any{"json", "html"}}, false, false}
	pDay      = param{"datetime", "The day (YYYY-MM-DD, or an RFC 3339 timestamp whose UTC day is taken) whose controllers are shown; default today.", str(), false, false}
	pPassDay  = param{"datetime", "Ignored here: taken so that a client that adds datetime to every request (GDAL's OAPIF:…/api?datetime=D) can read the items of a day.", str(), false, false}
	pInterval = param{"datetime", "A day D or an interval FROM/TO of days (YYYY-MM-DD), either end open as '..' or empty; default everything.", str(), false, false}
	pBBox     = param{"bbox", "minLon,minLat,maxLon,maxLat in WGS 84 (CRS84), finite numbers within -180,-90,180,90.", map[string]any{"type": "array", "minItems": 4, "maxItems": 4, "items": map[string]any{"type": "number"}}, true, false}
	pLimit    = param{"limit", "The page size. Above the maximum it is clamped to the maximum; below 1 it is an error.", map[string]any{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit}, false, false}
	pOffset   = param{"offset", "How many matching features to skip (the next link carries it).", map[string]any{"type": "integer", "minimum": 0, "default": 0}, false, false}
	pQ        = param{"q", "Search by name, in any script and language, ignoring case and accents (as the map's search box does); best matches first.", str(), false, false}
	pCtrlID   = param{"controller_id", "Only settlements controlled by this actor (an actor id of /api/timeline) on the day.", str(), false, false}
	pCtrl     = param{"controller", "The same as controller_id.", str(), false, false}
	pStatus   = param{"status", "Only features whose change of control has this status.", enumOf(geo.Statuses), false, false}
	pDistrict = param{"district", "Only features of this district (exact name, case-insensitive).", str(), false, false}
	pSID      = param{"settlement_id", "Only the changes of this settlement.", str(), false, false}
	pKind     = param{"kind", "Only changes of this kind.", enumOf(geo.Kinds), false, false}
	pFrom     = param{"from", "The first day (YYYY-MM-DD), required.", map[string]any{"type": "string", "format": "date"}, false, true}
	pTo       = param{"to", "The second day (YYYY-MM-DD), required.", map[string]any{"type": "string", "format": "date"}, false, true}
)

// apiOperations are every GET route under /api.
var apiOperations = []operation{
	{"/api", "getLandingPage", "The landing page: links to the API description, the conformance classes and the collections.", mimeJSON, []param{pPassDay, pFHTML}},
	{"/api/api", "getAPIDescription", "This OpenAPI 3.0 document.", mimeOpenAPI, []param{pPassDay, pF}},
	{"/api/api.html", "getAPIDocumentation", "This API described as a plain HTML page.", "text/html", nil},
	{"/api/conformance", "getConformance", "The conformance classes the API implements.", mimeJSON, []param{pPassDay, pF}},
	{"/api/collections", "getCollections", "The feature collections: settlements and changes.", mimeJSON, []param{pPassDay, pFHTML}},
	{"/api/collections/:collection", "describeCollection", "One collection: its extent, links and licence.", mimeJSON, []param{pPassDay, pFHTML}},
	{"/api/collections/:collection/queryables", "getQueryables", "The properties a collection's items can be filtered on, as a JSON Schema.", mimeSchema, []param{pPassDay, pF}},
	{"/api/collections/settlements/items", "getSettlements", "Settlements with their controller on a day, a page at a time.", mimeGeoJSON,
		[]param{pDay, pBBox, pLimit, pOffset, pQ, pCtrlID, pCtrl, pStatus, pDistrict, pFHTML}},
	{"/api/collections/settlements/items/:id", "getSettlement", "One settlement, its controller on a day and its full, sourced history.", mimeGeoJSON, []param{pDay, pFHTML}},
	{"/api/collections/changes/items", "getChanges", "Dated changes of control in a period, in date order.", mimeGeoJSON,
		[]param{pInterval, pBBox, pLimit, pOffset, pSID, pStatus, pKind, pDistrict, pF}},
	{"/api/collections/changes/items/:id", "getChange", "One change of control with its sources.", mimeGeoJSON, []param{pF}},
	{"/api/timeline", "getTimeline", "What a time slider needs: the date range, the actors and every date with changes.", mimeJSON, []param{pF}},
	{"/api/periods", "getPeriods", "Every control period of every settlement (in bbox, if given) as a point feature.", mimeGeoJSON, []param{pBBox, pF}},
	{"/api/diff", "getDiff", "The settlements whose controller differs between two days.", mimeGeoJSON, []param{pFrom, pTo, pBBox, pF}},
	{"/api/snapshots/:file", "getSnapshot", "A file to download: every settlement with its controller on a day (YYYY-MM-DD.geojson, .csv, .kml or .gpkg); byte ranges are answered.",
		mimeGeoJSON + ", text/csv, application/vnd.google-earth.kml+xml, application/geopackage+sqlite3", nil},
	{"/api/dataset.zip", "getDataset", "Every settlement, actor, change and source as GeoJSON and CSV, with a README of the columns, the attribution and the licence.", "application/zip", nil},
	{"/api/changes.atom", "getChangesFeed", "An Atom feed of the latest recorded (or retracted) changes, newest first.", "application/atom+xml", nil},
}

// pathParams describe the path parameters of the routes, by their echo name.
var pathParams = map[string]param{
	"collection": {"collectionId", "A collection id.", map[string]any{"type": "string", "enum": []any{"settlements", "changes"}}, false, true},
	"id":         {"featureId", "A feature id.", str(), false, true},
	"file":       {"file", "YYYY-MM-DD.FORMAT, FORMAT one of geojson, csv, kml, gpkg", map[string]any{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}\.(geojson|csv|kml|gpkg)$`}, false, true},
}

// operationOf returns the operation of an echo route, if it is one of the API's.
func operationOf(route string) (operation, bool) {
	for _, op := range apiOperations {
		if op.route == route {
			return op, true
		}
	}
	return operation{}, false
}

// openAPIPath turns an echo route into the OpenAPI path relative to /api.
func openAPIPath(route string) string {
	parts := strings.Split(strings.TrimPrefix(route, "/api"), "/")
	for i, p := range parts {
		if name, ok := strings.CutPrefix(p, ":"); ok {
			parts[i] = "{" + pathParams[name].name + "}"
		}
	}
	if p := strings.Join(parts, "/"); p != "" {
		return p
	}
	return "/"
}
