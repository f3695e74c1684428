package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestOpenAPIDocument validates the document with kin-openapi and checks that it describes
// every /api route of the router, with limit's maximum for GDAL's page size and the items'
// filters for GDAL to send to the server.
func TestOpenAPIDocument(t *testing.T) {
	h, _ := newFixtureServer(t)
	rec := get(t, h, "/api/api")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/vnd.oai.openapi+json;version=3.0" {
		t.Fatalf("GET /api/api = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	for _, r := range h.Routes() {
		if r.Method != http.MethodGet || !strings.HasPrefix(r.Path, "/api") {
			continue
		}
		if doc.Paths.Find(openAPIPathOf(r.Path)) == nil {
			t.Errorf("route %s is not in the OpenAPI document", r.Path)
		}
	}
	items := doc.Paths.Value("/collections/settlements/items").Get
	limit := items.Parameters.GetByInAndName("query", "limit")
	if limit == nil || limit.Schema.Value.Max == nil || *limit.Schema.Value.Max != 10000 {
		t.Errorf("limit has no maximum of 10000: %+v", limit)
	}
	for _, name := range []string{"datetime", "bbox", "offset", "q", "controller_id", "status", "district"} {
		if items.Parameters.GetByInAndName("query", name) == nil {
			t.Errorf("settlement items lack the %s parameter", name)
		}
	}
}

// openAPIPathOf turns an echo route into the document's path, independently of the server's
// code: /api/collections/:collection → /collections/{collectionId}.
func openAPIPathOf(route string) string {
	r := strings.NewReplacer(":collection", "{collectionId}", ":id", "{featureId}", ":file", "{file}")
	p := r.Replace(strings.TrimPrefix(route, "/api"))
	if p == "" {
		return "/"
	}
	return p
}

func TestLandingLinksTheAPIDescription(t *testing.T) {
	h, _ := newFixtureServer(t)
	var landing struct {
		Links []struct{ Href, Rel, Type string }
	}
	json.Unmarshal(get(t, h, "/api").Body.Bytes(), &landing)
	rels := map[string]string{}
	for _, l := range landing.Links {
		rels[l.Rel] = l.Href
	}
	if rels["service-desc"] != "http://example.com/api/api" || rels["service-doc"] != "http://example.com/api/api.html" || rels["license"] == "" {
		t.Fatalf("landing links = %v", rels)
	}
	if rec := get(t, h, "/api/"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "service-desc") {
		t.Errorf("GET /api/ (as OWSLib asks) = %d", rec.Code)
	}
	rec := get(t, h, "/api/api.html")
	body := rec.Body.String()
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || !strings.Contains(body, "GET /api/collections/settlements/items") ||
		!strings.Contains(body, "controller_id") || strings.Contains(body, "<script") {
		t.Errorf("service-doc page = %d %q:\n%s", rec.Code, rec.Header().Get("Content-Type"), body)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") {
		t.Errorf("service-doc CSP = %q", csp)
	}
}
