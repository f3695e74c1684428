package web

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdpio "github.com/chromedp/cdproto/io"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are the Chrome trace categories TestBrowserPerf records with
// CONTROLMAP_PERF_TRACE: the renderer's tasks and JavaScript samples, the GPU process
// (SwiftShader's WebGL) and the compositor's frames.
var traceCategories = []string{
	"toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
	"disabled-by-default-devtools.timeline.frame", "v8.execute", "disabled-by-default-v8.cpu_profiler",
	"blink.user_timing", "loading", "gpu", "viz", "cc", "benchmark",
}

// startTrace starts a Chrome trace when CONTROLMAP_PERF_TRACE names a directory, and returns
// the function that ends it and writes it there as name.json (a no-op without the variable).
func startTrace(t *testing.T, ctx context.Context, name string) func() {
	dir := os.Getenv("CONTROLMAP_PERF_TRACE")
	if dir == "" {
		return func() {}
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, tracing.Start, tracing.StartParams{
			TransferMode: tracing.StartTransferModeReturnAsStream,
			TraceConfig:  &tracing.TraceConfig{IncludedCategories: traceCategories, EnableSampling: true},
		})
		return err
	}))
	if err != nil {
		t.Fatalf("starting the trace: %v", err)
	}
	return func() {
		done := chromedp.Events(ctx, tracing.TracingComplete)
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, tracing.End, cdp.Empty{})
			return err
		}))
		if err != nil {
			t.Fatalf("ending the trace: %v", err)
		}
		var stream cdpio.StreamHandle
		for ev, err := range done {
			if err != nil {
				t.Fatal(err)
			}
			stream = ev.Stream
			break
		}
		f, err := os.Create(filepath.Join(dir, name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			for {
				res, err := cdp.Call(ctx, tg, cdpio.Read, cdpio.ReadParams{Handle: stream, Size: 1 << 20})
				if err != nil {
					return err
				}
				if _, err := f.Write(res.Data); err != nil {
					return err
				}
				if res.EOF {
					return nil
				}
			}
		}))
		if err != nil {
			t.Fatalf("reading the trace: %v", err)
		}
		t.Logf("trace written to %s", f.Name())
	}
}
