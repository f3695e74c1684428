package web

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
)

// TestBrowserPerf measures, in headless chromium on loopback, the page weight (gzipped), the
// time to the first settlements drawn and the redraw of one slider step, with the seed data
// and with generated settlements in the region's bounding box (scripts/gen-settlements, fixed
// seed: the same places each run): 1,200 (about every populated place of the region) and
// 10,000. It runs only with CONTROLMAP_PERF=1; CONTROLMAP_PERF_N sets other sizes (comma list):
//
//	CONTROLMAP_PERF=1 go test ./web -run TestBrowserPerf -v
func TestBrowserPerf(t *testing.T) {
	if os.Getenv("CONTROLMAP_PERF") != "1" {
		t.Skip("set CONTROLMAP_PERF=1 to measure")
	}
	t.Run("seed", func(t *testing.T) { measure(t, openStore(t)) })
	for _, n := range perfSizes(t) {
		t.Run("generated-"+strconv.Itoa(n), func(t *testing.T) { measure(t, openStore(t, importGenerated(t, n))) })
	}
}

// perfSizes are the numbers of generated settlements to measure.
func perfSizes(t *testing.T) []int {
	sizes := []int{1200, 10000}
	if s := os.Getenv("CONTROLMAP_PERF_N"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				t.Fatalf("CONTROLMAP_PERF_N: %q is not a positive number", f)
			}
			sizes = append(sizes, n)
		}
	}
	return sizes
}

// importGenerated returns a prepare function that runs scripts/gen-settlements for n
// settlements and imports its files.
func importGenerated(t *testing.T, n int) func(context.Context, *data.Store) error {
	return func(ctx context.Context, st *data.Store) error {
		dir := t.TempDir()
		cmd := exec.Command("go", "run", "../scripts/gen-settlements", "-n", strconv.Itoa(n), "-out", dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gen-settlements: %v\n%s", err, out)
		}
		for _, kind := range []string{data.ImportSettlements, data.ImportChanges} {
			if _, err := st.ImportFile(ctx, kind, filepath.Join(dir, kind+".csv")); err != nil {
				return err
			}
		}
		return nil
	}
}

type perfFigures struct {
	Settlements int       `json:"settlements"`
	Features    int       `json:"features"`
	FirstDrawn  float64   `json:"firstDrawn"`
	Steps       []float64 `json:"steps"`
	Repaints    []float64 `json:"repaints"`
	Jump        float64   `json:"jump"`
	URLs        []string  `json:"urls"`
}

// perfStep is one slider step as a user sees it: from the slider's input (setDate is what its
// input handler calls) to the first frame drawn after it, taken by the browser for the screen
// (controlmap.nextFrame: the WebGL work of the frame done); then the map is let go idle.
const perfStep = `async (d) => {
	const cm = controlmap, t0 = performance.now();
	const drawn = cm.nextFrame();
	cm.setDate(d);
	cm.map.triggerRepaint(); // a step that changes no colour still draws one frame
	await drawn;
	const t = performance.now() - t0;
	await cm.idle();
	return t;
}`

// perfSteps takes 15 steps of a day from 40 days before the page's date.
const perfSteps = `(async () => {
	const cm = controlmap, step = ` + perfStep + `, steps = [];
	let day = cm.state.day - 40;
	await step(day);
	for (let i = 0; i < 15; i++) steps.push(await step(++day));
	return steps;
})()`

const perfScript = `(async () => {
	const cm = controlmap, step = ` + perfStep + `;
	await step(8000);
	const jump = await step(18628);
	const repaints = [];
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now(), drawn = cm.nextFrame();
		cm.map.triggerRepaint();
		await drawn;
		repaints.push(performance.now() - t0);
	}
	// The worker's script may not be in the page's resource timing: add it, once.
	const worker = new URL('/static/vendor/maplibre-gl/maplibre-gl-worker.mjs', location.href);
	const urls = [location.href, ...performance.getEntriesByType('resource').map(e => e.name)];
	if (!urls.some(u => new URL(u).pathname === worker.pathname)) urls.push(worker.href);
	// Tiles are fetched by the worker, out of the page's resource timing: add those loaded.
	for (const tm of Object.values(cm.map.style.tileManagers || {})) {
		const tmpl = tm.getSource().tiles?.[0];
		for (const id of tm.getIds()) {
			const c = tm.getTileByID(id).tileID.canonical;
			if (tmpl) urls.push(tmpl.replace('{z}', c.z).replace('{x}', c.x).replace('{y}', c.y));
		}
	}
	return {
		settlements: cm.store.settlements.size, features: cm.store.features.length,
		firstDrawn: performance.getEntriesByName('cm-settlements-drawn')[0].startTime,
		repaints, jump, urls: [...new Set(urls)],
	};
})()`

// measure logs the figures of the map on st: page weight, first draw (navigation to the
// settlements drawn, the frame taken for the screen), a slider step; wall times, and the CPU
// time the browser's processes spent, which a loaded machine inflates less (the first draw's
// counts until the page is ready, a little after its mark).
func measure(t *testing.T, st *data.Store) {
	srv := startServer(t, st)
	ctx := newBrowser(t, 1280, 800)
	browser := filepath.Dir(t.TempDir()) // the browser's user data dir is in here
	endTrace := startTrace(t, ctx, strings.ReplaceAll(t.Name(), "/", "-"))
	cpuStart := browserCPU(browser)
	openMap(t, ctx, srv.URL+"/?date=2020-12-31")
	cpu0 := browserCPU(browser)
	steps := eval[[]float64](t, ctx, perfSteps)
	cpu := (browserCPU(browser) - cpu0) / time.Duration(len(steps)+1)
	f := eval[perfFigures](t, ctx, perfScript)
	endTrace()
	f.Steps = steps
	total, api, tiles := gzippedWeight(t, f.URLs)
	slices.Sort(f.Steps)
	t.Logf("%d settlements (%d periods): page %.0f kB gzipped (of which API %.0f kB, tiles %.0f kB), first settlements drawn %.0f ms (browser CPU %.0f ms), "+
		"one slider step median %.1f ms (min %.1f, max %.1f; browser CPU %.1f ms a step); one repaint without change %.1f ms; jump 1991→2021 %.0f ms",
		f.Settlements, f.Features, float64(total)/1024, float64(api)/1024, float64(tiles)/1024, f.FirstDrawn, float64((cpu0 - cpuStart).Milliseconds()),
		f.Steps[len(f.Steps)/2], f.Steps[0], f.Steps[len(f.Steps)-1], float64(cpu.Microseconds())/1000, median(f.Repaints), f.Jump)
}

// browserCPU is the CPU time (user and system) used so far by the processes whose command
// line names dir: the browser started with its user data dir in dir (zero where /proc is not).
func browserCPU(dir string) time.Duration {
	var total time.Duration
	procs, _ := os.ReadDir("/proc")
	for _, p := range procs {
		if _, err := strconv.Atoi(p.Name()); err != nil {
			continue
		}
		cmd, err := os.ReadFile(filepath.Join("/proc", p.Name(), "cmdline"))
		if err != nil || !strings.Contains(string(cmd), dir) {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", p.Name(), "stat"))
		if err != nil {
			continue
		}
		// utime and stime, in clock ticks (100 a second), after the command's name in parentheses.
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) < 13 {
			continue
		}
		user, _ := strconv.Atoi(fields[11])
		sys, _ := strconv.Atoi(fields[12])
		total += time.Duration(user+sys) * 10 * time.Millisecond
	}
	return total
}

// gzippedWeight fetches each URL as a browser would, accepting gzip, and adds up the bodies.
func gzippedWeight(t *testing.T, urls []string) (total, api, tiles int) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, u := range urls {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		total += int(n)
		if testing.Verbose() && n > 20<<10 {
			t.Logf("  %6.0f kB  %s", float64(n)/1024, req.URL.Path)
		}
		switch {
		case strings.HasPrefix(req.URL.Path, "/api/"):
			api += int(n)
		case strings.HasPrefix(req.URL.Path, "/tiles/"):
			tiles += int(n)
		}
	}
	return total, api, tiles
}

func median(xs []float64) float64 {
	ys := slices.Clone(xs)
	slices.Sort(ys)
	return ys[len(ys)/2]
}
