package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/controlmap/controlmap/data"
)

// Browser tests drive Debian's headless chromium against the real router and a seeded store.
// They are skipped with -short, and skipped when chromium is missing, except in CI (CI=true).
// They decide that in openStore, their first step, before building a store or a server.

const browserTimeout = 60 * time.Second

func chromiumPath(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	for _, p := range []string{os.Getenv("CONTROLMAP_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("browser test: chromium not found (apt-get install chromium)")
	}
	t.Skip("browser test: chromium not found")
	return ""
}

// newBrowser starts a headless chromium with WebGL on SwiftShader and returns a tab.
func newBrowser(t testing.TB, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelCtx := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil { // starts the browser, without a timeout
		cancelCtx()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(bctx, browserTimeout)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// openStore opens a seeded store in a temporary directory; each prepare function may add data.
// It skips the test first when it cannot run a browser.
func openStore(t testing.TB, prepare ...func(context.Context, *data.Store) error) *data.Store {
	t.Helper()
	chromiumPath(t)
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "controlmap.db"), data.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, p := range prepare {
		if err := p(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func startServer(t testing.TB, st *data.Store) *httptest.Server {
	t.Helper()
	h, err := NewServer(Config{}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// importCSV returns a prepare function that imports body as kind.
func importCSV(kind, body string) func(context.Context, *data.Store) error {
	return func(ctx context.Context, st *data.Store) error {
		_, err := st.Import(ctx, kind, kind+".csv", strings.NewReader(body))
		return err
	}
}

// openMap navigates to url and waits until the page has drawn its settlements.
func openMap(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	if err != nil {
		msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('fatal')?.textContent || ''`))
		t.Fatalf("opening %s: %v %s", url, err, msg)
	}
}

// eval evaluates a JavaScript expression, awaiting it when it is a promise.
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// setDate moves the slider to iso and waits for the map to be drawn.
func setDate(t testing.TB, ctx context.Context, iso string) {
	t.Helper()
	eval[bool](t, ctx, `(async () => { controlmap.setDate('`+iso+`'); await new Promise(requestAnimationFrame); await controlmap.idle(); return true })()`)
}

type renderedSettlement struct {
	SID        string `json:"sid"`
	Controller string `json:"controller"`
	Status     string `json:"status"`
	Color      string `json:"color"`
}

func renderedBySID(t testing.TB, ctx context.Context) map[string]renderedSettlement {
	t.Helper()
	list := eval[[]renderedSettlement](t, ctx, `controlmap.rendered()`)
	out := map[string]renderedSettlement{}
	for _, r := range list {
		out[r.SID] = r
	}
	return out
}

// artifactsDir is where screenshots go: $CONTROLMAP_ARTIFACTS, or a temporary directory.
func artifactsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("CONTROLMAP_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "controlmap-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(artifactsDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
