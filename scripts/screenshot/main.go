// Command screenshot opens pages of a running controlmap in headless chromium (WebGL on
// SwiftShader, as the browser tests do), waits until each map is drawn and saves a PNG of
// each. It is for looking at the map, e.g. its labels at a given number of settlements:
//
//	go run ./scripts/gen-settlements -n 1200 -out /tmp/gen
//	controlmap import --db /tmp/gen.db settlements /tmp/gen/settlements.csv
//	controlmap import --db /tmp/gen.db changes /tmp/gen/changes.csv
//	controlmap serve --db /tmp/gen.db --addr 127.0.0.1:8080 &
//	go run ./scripts/screenshot -out /tmp/shots \
//	    region='http://127.0.0.1:8080/?date=2021-01-01' \
//	    zoomed='http://127.0.0.1:8080/?date=2021-01-01&center=46.85,39.85&zoom=10'
//
// Each argument is NAME=URL and gives NAME.png.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	out := flag.String("out", ".", "output directory")
	width := flag.Int("width", 1280, "window width")
	height := flag.Int("height", 800, "window height")
	chromium := flag.String("chromium", "/usr/bin/chromium", "chromium binary")
	timeout := flag.Duration("timeout", 90*time.Second, "time allowed for each page")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("screenshot: give NAME=URL arguments")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	ctx, cancel := newBrowser(*chromium, *width, *height)
	defer cancel()
	for _, arg := range flag.Args() {
		name, url, ok := strings.Cut(arg, "=")
		if !ok {
			log.Fatalf("screenshot: %q is not NAME=URL", arg)
		}
		path := filepath.Join(*out, name+".png")
		if err := shoot(ctx, url, path, *timeout); err != nil {
			log.Fatalf("screenshot: %s: %v", url, err)
		}
		fmt.Println(path)
	}
}

func newBrowser(path string, width, height int) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	cancel := func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil { // starts the browser, without a timeout
		cancel()
		log.Fatalf("screenshot: starting chromium: %v", err)
	}
	return ctx, cancel
}

// shoot opens url, waits for the page's ready marker and the map's idle event, and saves a PNG.
func shoot(ctx context.Context, url, path string, timeout time.Duration) error {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url), chromedp.WaitVisible(`body[data-ready="true"]`)); err != nil {
		return err
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`controlmap.idle().then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return err
	}
	png, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}
