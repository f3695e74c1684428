package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// nginxConf serves www on a loopback port as precompressed files, as a static host would.
const nginxConf = `daemon off;
worker_processes 2;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path %[1]s/tmp;
	proxy_temp_path %[1]s/tmp;
	fastcgi_temp_path %[1]s/tmp;
	uwsgi_temp_path %[1]s/tmp;
	scgi_temp_path %[1]s/tmp;
	server {
		listen 127.0.0.1:%[2]d;
		root %[1]s/www;
		location /tiles/ { default_type application/vnd.mapbox-vector-tile; add_header Content-Encoding gzip; }
		location /api/ { default_type application/geo+json; add_header Content-Encoding gzip; }
	}
}
`

// wrkTiles cycles through the tile paths of a file, asking for gzip.
const wrkTiles = `local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
	i = i %% #paths + 1
	return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip"})
end
`

// measureCached captures the cached snapshot and the non-empty tiles from controlmap, serves
// them with nginx, and runs wrk against both in alternating rounds.
func measureCached(ctx context.Context, o options, r *result, base, dir string) error {
	ngDir := filepath.Join(dir, "nginx")
	www := filepath.Join(ngDir, "www")
	if err := os.MkdirAll(filepath.Join(ngDir, "tmp"), 0o755); err != nil {
		return err
	}
	snapPath := "/api/snapshots/" + cachedDate + ".geojson"
	if err := capture(ctx, base, www, snapPath); err != nil {
		return err
	}
	var paths []string
	for _, t := range r.tiles {
		if err := capture(ctx, base, www, tilePath(t)); err != nil {
			return err
		}
		paths = append(paths, tilePath(t))
	}
	list := filepath.Join(dir, "tiles.txt")
	script := filepath.Join(dir, "tiles.lua")
	if err := os.WriteFile(list, []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(script, []byte(fmt.Sprintf(wrkTiles, list)), 0o644); err != nil {
		return err
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	conf := filepath.Join(ngDir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(nginxConf, ngDir, port)), 0o644); err != nil {
		return err
	}
	os.Chmod(dir, 0o755)
	ng, err := start("nginx", filepath.Join(ngDir, "nginx.log"), "nginx", "-c", conf, "-p", ngDir, "-e", filepath.Join(ngDir, "error.log"))
	if err != nil {
		return err
	}
	defer ng.stop()
	nginx := fmt.Sprintf("http://127.0.0.1:%d", port)
	if err := waitOK(ctx, ng, nginx+snapPath, 30*time.Second); err != nil {
		return err
	}
	for _, p := range append([]string{snapPath}, paths[:min(len(paths), 20)]...) {
		if err := sameBytes(ctx, base, nginx, p); err != nil {
			return err
		}
	}
	for _, c := range []int{8, 64} {
		logf("wrk: cached snapshot and tiles, %d connections, %d rounds", c, o.rounds)
		snapA, snapB, err := abRounds(ctx, o, c, base+snapPath, nginx+snapPath, "")
		if err != nil {
			return err
		}
		tileA, tileB, err := abRounds(ctx, o, c, base+"/", nginx+"/", script)
		if err != nil {
			return err
		}
		r.wrk = append(r.wrk, wrkResult{conns: c, snapshot: [2]float64{snapA, snapB}, tiles: [2]float64{tileA, tileB}})
	}
	return nil
}

// abRounds runs wrk on a and b in alternating order and returns their median requests/s.
func abRounds(ctx context.Context, o options, conns int, a, b, script string) (float64, float64, error) {
	var as, bs []float64
	for i := range o.rounds {
		order := []string{a, b}
		if i%2 == 1 {
			order = []string{b, a}
		}
		for _, url := range order {
			rps, err := runWrk(ctx, o.duration, conns, url, script)
			if err != nil {
				return 0, 0, err
			}
			if url == a {
				as = append(as, rps)
			} else {
				bs = append(bs, rps)
			}
		}
	}
	return median(as), median(bs), nil
}

var (
	wrkRate   = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkErrors = regexp.MustCompile(`(Non-2xx or 3xx responses|Socket errors):.*`)
)

// runWrk runs one wrk round and returns its requests per second.
func runWrk(ctx context.Context, d time.Duration, conns int, url, script string) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	args := []string{"-t2", fmt.Sprintf("-c%d", conns), fmt.Sprintf("-d%ds", int(d.Seconds())), "--timeout", "10s",
		"-H", "Accept-Encoding: gzip"}
	if script != "" {
		args = append(args, "-s", script)
	}
	out, err := exec.CommandContext(ctx, "wrk", append(args, url)...).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("wrk %s: %w: %s", url, err, out)
	}
	if m := wrkErrors.Find(out); m != nil {
		return 0, fmt.Errorf("wrk %s: %s", url, m)
	}
	m := wrkRate.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("wrk %s: no Requests/sec in %s", url, out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
