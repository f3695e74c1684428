package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data/datatest"
	"github.com/labstack/echo/v4"
)

func newPagesServer(t *testing.T, cfg Config) *echo.Echo {
	t.Helper()
	e := echo.New()
	e.HTTPErrorHandler = errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))
	registerPages(e, cfg)
	return e
}

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestPagesFramePolicy(t *testing.T) {
	e := newPagesServer(t, Config{})
	for _, tc := range []struct{ path, ancestors string }{
		{"/", "frame-ancestors 'self'"},
		{"/embed?date=2020-11-20", "frame-ancestors *"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			rec := get(t, e, tc.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			csp := rec.Header().Get("Content-Security-Policy")
			if !strings.Contains(csp, tc.ancestors) || !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("CSP %q lacks %q", csp, tc.ancestors)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

// The import map is the only inline script: its hash must be the one the CSP allows.
func TestPagesImportMapHashInCSP(t *testing.T) {
	rec := get(t, newPagesServer(t, Config{}), "/")
	m := regexp.MustCompile(`<script type="importmap">(.*?)</script>`).FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatal("no import map in the page")
	}
	var im struct{ Imports map[string]string }
	if err := json.Unmarshal([]byte(m[1]), &im); err != nil || im.Imports["/static/js/app.js"] == "" {
		t.Fatalf("import map %q: %v", m[1], err)
	}
	sum := sha256.Sum256([]byte(m[1]))
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self' "+want) {
		t.Errorf("CSP %q does not allow the import map %s", csp, want)
	}
}

func TestPagesStyleAndDiscovery(t *testing.T) {
	tests := []struct {
		name, target string
		cfg          Config
		style        string
		discovery    string
	}{
		{"default style", "/?date=2020-11-20&junk=1", Config{}, `content="/style.json"`,
			`href="http://example.com/oembed?format=json&amp;url=http%3A%2F%2Fexample.com%2F%3Fdate%3D2020-11-20"`},
		{"external style, public URL", "/embed?lang=hy", Config{BasemapStyle: "https://tiles.example.org/style.json?a=1&b=2", PublicURL: "https://map.example.org"},
			`content="https://tiles.example.org/style.json?a=1&amp;b=2"`,
			`href="https://map.example.org/oembed?format=json&amp;url=https%3A%2F%2Fmap.example.org%2Fembed%3Flang%3Dhy"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := get(t, newPagesServer(t, tc.cfg), tc.target).Body.String()
			if !strings.Contains(body, `<meta name="controlmap:style" `+tc.style) {
				t.Errorf("style meta: want %s", tc.style)
			}
			if !strings.Contains(body, `type="application/json+oembed" `+tc.discovery) {
				t.Errorf("oEmbed discovery: want %s in\n%s", tc.discovery, body)
			}
		})
	}
}

func TestPagesLangAttribute(t *testing.T) {
	e := newPagesServer(t, Config{})
	for q, want := range map[string]string{"?lang=hy": `lang="hy"`, "?lang=%22%3E": `lang="en"`, "": `lang="en"`} {
		if body := get(t, e, "/"+q).Body.String(); !strings.Contains(body, "<html "+want+">") {
			t.Errorf("%q: want <html %s>", q, want)
		}
	}
}

func TestStaticCaching(t *testing.T) {
	e := newPagesServer(t, Config{})
	page := get(t, e, "/").Body.String()
	hashed := regexp.MustCompile(`src="(/static/js/app\.js\?v=[0-9a-f]+)"`).FindStringSubmatch(page)
	if hashed == nil {
		t.Fatal("page does not refer to a hashed app.js")
	}
	rec := get(t, e, hashed[1])
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Fatalf("hashed asset: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("Content-Type %q", ct)
	}
	etag := rec.Header().Get("ETag")
	if again := get(t, e, "/static/js/app.js", "If-None-Match", etag); again.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", again.Code)
	}
	if plain := get(t, e, "/static/js/app.js"); plain.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("unhashed asset Cache-Control %q", plain.Header().Get("Cache-Control"))
	}
	for _, p := range []string{"/static/vendor/maplibre-gl/maplibre-gl-worker.mjs", "/static/vendor/maplibre-gl/LICENSE.txt"} {
		if rec := get(t, e, p); rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", p, rec.Code)
		}
	}
	for _, p := range []string{"/static/js/test/places.test.mjs", "/static/templates/index.html"} {
		if rec := get(t, e, p); rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404 (not served)", p, rec.Code)
		}
	}
	for _, p := range []string{"/static/templates/index.html", "/static/nope.js", "/static/../handle_pages.go"} {
		if rec := get(t, e, p); rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, rec.Code)
		}
	}
}

func TestOEmbed(t *testing.T) {
	e := newPagesServer(t, Config{})
	page := "http://example.com/?date=2020-11-20&center=46.9,39.9&zoom=11&lang=hy&settlement=abdal-gulabli&evil=%3Cscript%3E"
	rec := get(t, e, "/oembed?format=json&maxwidth=600&url="+url.QueryEscape(page))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var r oembedResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Type != "rich" || r.Version != "1.0" || r.Width != 600 || r.Height != 450 || r.ProviderName == "" {
		t.Errorf("response %+v", r)
	}
	wantSrc := `src="http://example.com/embed?center=46.9%2C39.9&amp;date=2020-11-20&amp;lang=hy&amp;settlement=abdal-gulabli&amp;zoom=11"`
	if !strings.Contains(r.HTML, wantSrc) || strings.Contains(r.HTML, "evil") || strings.Contains(r.HTML, "<script") {
		t.Errorf("html %s\nwant %s", r.HTML, wantSrc)
	}
}

func TestOEmbedErrors(t *testing.T) {
	e := newPagesServer(t, Config{PublicURL: "https://map.example.org"})
	page := func(q string) string { return "url=" + url.QueryEscape("https://map.example.org/?"+q) }
	tests := []struct {
		name, query string
		status      int
		param       string
	}{
		{"missing url", "format=json", 400, "url"},
		{"relative url", "url=" + url.QueryEscape("/?date=2020-01-01"), 400, "url"},
		{"foreign host", "url=" + url.QueryEscape("https://evil.example.com/?date=2020-01-01"), 404, "url"},
		{"other scheme", "url=" + url.QueryEscape("http://map.example.org/"), 404, "url"},
		{"not a map page", "url=" + url.QueryEscape("https://map.example.org/api/periods"), 404, "url"},
		{"xml", "format=xml&" + page(""), 501, "format"},
		{"yaml", "format=yaml&" + page(""), 400, "format"},
		{"maxwidth not a number", "maxwidth=wide&" + page(""), 400, "maxwidth"},
		{"maxheight zero", "maxheight=0&" + page(""), 400, "maxheight"},
		{"bad date", page("date=2020-13-01"), 400, "date"},
		{"zoom too deep", page("zoom=99"), 400, "zoom"},
		{"zoom not a number", page("zoom=close"), 400, "zoom"},
		{"center NaN", page("center=NaN,39"), 400, "center"},
		{"center off the world", page("center=46,95"), 400, "center"},
		{"bbox upside down", page("bbox=47,40,46,39"), 400, "bbox"},
		{"unknown lang", page("lang=fr"), 400, "lang"},
		{"bad settlement", page("settlement=%3Cscript%3E"), 400, "settlement"},
		{"bad controls", page("controls=all"), 400, "controls"},
		{"bad compare", page("compare=2020-11-19"), 400, "compare"},
		{"bad compare from", page("compare=2020-13-01,2020-11-19"), 400, "compare"},
		{"bad compare to", page("compare=2020-11-19,soon"), 400, "compare"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, e, "/oembed?"+tc.query)
			var body struct{ Error, Parameter string }
			if rec.Code != tc.status || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Parameter != tc.param || body.Error == "" {
				t.Errorf("status %d body %s, want %d about %s", rec.Code, rec.Body, tc.status, tc.param)
			}
		})
	}
	good := page("date=2020-11-20&center=46.9,39.9&zoom=11.5&bbox=46,39,47,40&lang=az&settlement=shusha&controls=none&compare=2020-11-19,2020-11-20")
	if rec := get(t, e, "/oembed?"+good); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "compare=2020-11-19%2C2020-11-20") {
		t.Errorf("a valid view = %d %s", rec.Code, rec.Body)
	}
}

// Static assets are compressed once, at start; the router's gzip middleware must leave them be.
func TestStaticGzip(t *testing.T) {
	e, err := NewServer(Config{}, datatest.MustOpen(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	const name = "js/app.js"
	plain, err := fs.ReadFile(staticFS, "static/"+name)
	if err != nil {
		t.Fatal(err)
	}
	zipped := get(t, e, "/static/"+name, "Accept-Encoding", "gzip, deflate, br")
	if zipped.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(zipped.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v, want gzip and Vary: Accept-Encoding", zipped.Header())
	}
	if got := gunzip(t, zipped.Body.Bytes()); !bytes.Equal(got, plain) {
		t.Errorf("gzip body unzips to %d bytes, want the %d of %s (compressed once)", len(got), len(plain), name)
	}
	if again := get(t, e, "/static/"+name, "Accept-Encoding", "gzip"); !bytes.Equal(again.Body.Bytes(), zipped.Body.Bytes()) {
		t.Error("two answers differ: the copy is not built once")
	}
	if best := bestGzipSize(t, plain); zipped.Body.Len() > best {
		t.Errorf("gzip body is %d bytes, want at most %d (compress/gzip's best compression)", zipped.Body.Len(), best)
	}

	for _, accept := range []string{"", "identity", "gzip;q=0"} {
		rec := get(t, e, "/static/"+name, "Accept-Encoding", accept)
		if rec.Header().Get("Content-Encoding") != "" || !bytes.Equal(rec.Body.Bytes(), plain) {
			t.Errorf("Accept-Encoding %q: encoding %q, %d bytes, want the plain file", accept, rec.Header().Get("Content-Encoding"), rec.Body.Len())
		}
		if rec.Header().Get("ETag") == zipped.Header().Get("ETag") {
			t.Errorf("Accept-Encoding %q: same ETag %s as the gzip copy", accept, rec.Header().Get("ETag"))
		}
	}

	notModified := get(t, e, "/static/"+name, "Accept-Encoding", "gzip", "If-None-Match", zipped.Header().Get("ETag"))
	if notModified.Code != http.StatusNotModified || notModified.Header().Get("Content-Encoding") != "" || notModified.Body.Len() != 0 {
		t.Errorf("If-None-Match: status %d, encoding %q, %d bytes; want a bare 304", notModified.Code, notModified.Header().Get("Content-Encoding"), notModified.Body.Len())
	}
	if other := get(t, e, "/static/"+name, "If-None-Match", zipped.Header().Get("ETag")); other.Code != http.StatusOK {
		t.Errorf("the gzip ETag matched the plain file: status %d", other.Code)
	}
}

func TestCompressible(t *testing.T) {
	for ctype, want := range map[string]bool{
		contentType("a.js"): true, contentType("a.mjs"): true, contentType("a.css"): true, contentType("a.txt"): true,
		contentType("a.json"): true, contentType("a.svg"): true, contentType("a.png"): false,
	} {
		if got := compressible(ctype); got != want {
			t.Errorf("compressible(%q) = %v, want %v", ctype, got, want)
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func bestGzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}
