package web

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/answer"
	"github.com/labstack/echo/v4"
)

// TestDownloadGzipOnlyAnswer serves one large file kept whole and kept by its gzip form alone
// (as the answer cache keeps a 100,000-settlement snapshot): every client gets the same
// status, headers and bytes from both.
func TestDownloadGzipOnlyAnswer(t *testing.T) {
	var raw strings.Builder
	for i := range 100_000 {
		raw.WriteString(`{"type":"Feature","id":"s` + strconv.Itoa(i) + `"},`)
	}
	full, err := answer.New([]byte(raw.String()), answer.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	zipped := full.GzipOnly()
	e := echo.New()
	e.HTTPErrorHandler = errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))
	e.GET("/full", func(c echo.Context) error { return sendDownload(c, full, newHeaderValues(mimeGeoJSON, "no-cache")) })
	e.GET("/zipped", func(c echo.Context) error { return sendDownload(c, zipped, newHeaderValues(mimeGeoJSON, "no-cache")) })
	tail := strconv.Itoa(full.Len()-10) + "-"
	tests := []struct {
		name   string
		header []string
		status int
		body   string // the raw bytes sent, decompressed
	}{
		{"without gzip", nil, http.StatusOK, raw.String()},
		{"with gzip", []string{"Accept-Encoding", "gzip"}, http.StatusOK, raw.String()},
		{"a range", []string{"Range", "bytes=1000000-1000099"}, http.StatusPartialContent, raw.String()[1000000:1000100]},
		{"the tail", []string{"Range", "bytes=" + tail, "Accept-Encoding", "gzip"}, http.StatusPartialContent, raw.String()[full.Len()-10:]},
		{"two ranges", []string{"Range", "bytes=0-9,500000-500009"}, http.StatusPartialContent, ""},
		{"not modified", []string{"If-None-Match", full.ETag}, http.StatusNotModified, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, got := get(t, e, "/full", tt.header...), get(t, e, "/zipped", tt.header...)
			if want.Code != tt.status || got.Code != tt.status {
				t.Fatalf("status %d from the full answer, %d from the gzip-only one, want %d", want.Code, got.Code, tt.status)
			}
			for _, h := range []string{"Content-Length", "Content-Encoding", "Content-Range", "ETag", "Vary", "Accept-Ranges"} {
				if want.Header().Get(h) != got.Header().Get(h) {
					t.Errorf("%s: %q from the gzip-only answer, %q from the full one", h, got.Header().Get(h), want.Header().Get(h))
				}
			}
			if !bytes.Equal(unbounded(got), unbounded(want)) {
				t.Errorf("the gzip-only answer sent %d bytes, the full one %d", got.Body.Len(), want.Body.Len())
			}
			if n, _ := strconv.Atoi(got.Header().Get("Content-Length")); tt.status != http.StatusNotModified && n != got.Body.Len() {
				t.Errorf("Content-Length %d for %d bytes", n, got.Body.Len())
			}
			if tt.body != "" && string(decoded(t, got)) != tt.body {
				t.Errorf("body is not the raw form (%d bytes)", got.Body.Len())
			}
		})
	}
}

// unbounded is the body of rec with the multipart boundary of a multi-range answer (random)
// replaced.
func unbounded(rec *httptest.ResponseRecorder) []byte {
	_, boundary, ok := strings.Cut(rec.Header().Get("Content-Type"), "boundary=")
	if !ok {
		return rec.Body.Bytes()
	}
	return bytes.ReplaceAll(rec.Body.Bytes(), []byte(boundary), []byte("BOUNDARY"))
}

// decoded is the body of rec, gunzipped when it is gzip-encoded.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.Bytes()
	}
	return gunzip(t, rec.Body.Bytes())
}
