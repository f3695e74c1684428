package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestHTMLPages: f=html, or an Accept header that prefers HTML (a browser's), gets a plain page
// drawn from the same answer; JSON clients keep getting JSON.
func TestHTMLPages(t *testing.T) {
	h, _ := newFixtureServer(t)
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	tests := []struct {
		target, accept string
		want           []string
	}{
		{"/api?f=html", "", []string{"<h1>controlmap</h1>", `rel="service-desc"`}},
		{"/api", browser, []string{"<h1>controlmap</h1>"}},
		{"/api/collections?f=html", "", []string{`<a href="/api/collections/settlements?f=html">Settlements</a>`}},
		{"/api/collections/settlements", browser, []string{"<h1>Settlements</h1>", "Time</dt><dd>1992-09-04T00:00:00Z – now"}},
		{"/api/collections/settlements/items?f=html&datetime=2020-11-19", "", []string{"Settlements on 2020-11-19", "Abdal-Gulabli</a></td><td>Aghdam</td>\n<td>Armenian/Artsakh forces</td>"}},
		{"/api/collections/settlements/items/abdal-gulabli?datetime=2020-11-20", browser, []string{"<h1>Abdal-Gulabli</h1>", "Azerbaijan since 2020-11-20", "<td>1992-09-04</td><td>capture</td>"}},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, h, tc.target, "Accept", tc.accept)
			body := rec.Body.String()
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || strings.Contains(body, "<script") {
				t.Fatalf("= %d %q\n%s", rec.Code, rec.Header().Get("Content-Type"), body)
			}
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q:\n%s", want, body)
				}
			}
			if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'none'") {
				t.Errorf("CSP = %q", rec.Header().Get("Content-Security-Policy"))
			}
		})
	}
	for _, accept := range []string{"", "*/*", "application/json", "application/geo+json, text/html;q=0.5", "application/json, text/html"} {
		rec := get(t, h, "/api/collections/settlements/items", "Accept", accept)
		vary := strings.Join(rec.Header().Values("Vary"), ", ")
		if ct := rec.Header().Get("Content-Type"); ct != "application/geo+json" || !strings.Contains(vary, "Accept,") {
			t.Errorf("Accept %q: Content-Type %q, Vary %q, want GeoJSON varying with Accept", accept, ct, vary)
		}
	}
	assertProblem(t, get(t, h, "/api/timeline?f=html"), 400, "f")
}
