// Package web is controlmap's HTTP server: the API (OGC API – Features, Part 1, so QGIS and
// GDAL read it as they are), the snapshot downloads, the tiles, and the embedded web map.
//
// Handlers return errors and one HTTPErrorHandler turns them into responses: a geo.Error maps to
// a status by its kind and a JSON body {"error": message, "parameter": field}; anything else is
// logged with its cause and answered 500 with a plain message. Every read comes from the store's
// in-memory index; answers that are expensive to build are written once per index version
// into the answer package's cache (shared in kind with the tiles), which gives every answer its
// gzip form, ETag and Content-Length, and builds an answer once for concurrent requests.
//
// Around the handlers: HEAD is answered by every GET route (head.go); the public data (API,
// snapshots, tiles, style, glyphs) answers any origin (cors.go); a query parameter an /api route
// does not take is a 400 (params_strict.go), from the one table of routes and parameters
// (api_spec.go) that the OpenAPI document (openapi.go) is also built from; and a browser that
// asks for HTML gets a plain page drawn from the JSON answer (negotiate.go).
package web
