package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/tiles"
	"github.com/controlmap/controlmap/web"
)

func serve(ctx context.Context, args []string) error {
	cfg := defaults()
	fs := newFlags("serve", &cfg)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on")
	fs.StringVar(&cfg.BasemapStyle, "basemap-style", "", "external MapLibre style URL instead of the embedded basemap")
	fs.StringVar(&cfg.TilesPyramid, "tiles-pyramid", "", "PMTiles file the server keeps of the settlement tiles (zooms 0-12, rewritten after each change set) and serves tiles from")
	fs.StringVar(&cfg.BasemapPMTiles, "basemap-pmtiles", "", "PMTiles basemap file to serve at /tiles/basemap.pmtiles (give its style with --basemap-style-file)")
	fs.StringVar(&cfg.BasemapStyleFile, "basemap-style-file", "", "MapLibre style file served as /style.json; {origin} in it is replaced by the site's origin")
	fs.StringVar(&cfg.PublicURL, "public-url", "", "absolute base URL of the site, for oEmbed and links (default: the request's)")
	pprofAddr := fs.String("pprof", "", "loopback address (127.0.0.1:6060) to serve Go's profiles at /debug/pprof/ on (default: off)")
	var mem memory
	mem.flags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	webCfg := web.Config{BasemapStyle: cfg.BasemapStyle, PublicURL: cfg.PublicURL,
		Tiles: tiles.Config{PMTilesPath: cfg.BasemapPMTiles, StylePath: cfg.BasemapStyleFile, PyramidPath: cfg.TilesPyramid}}
	if err := mem.validate(); err != nil {
		return err
	}
	limit := mem.apply(&webCfg, fs)
	if err := webCfg.Validate(); err != nil {
		return err
	}
	log := cfg.logger()
	log.Debug("memory", "cache_mb", mem.cacheMB, "memory_limit_mb", limit>>20)
	if *pprofAddr != "" {
		debug, err := servePprof(*pprofAddr, log)
		if err != nil {
			return err
		}
		defer debug.Close()
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	defer ln.Close()
	st, err := data.Open(ctx, cfg.DB, data.Options{Seed: cfg.Seed, Log: log})
	if err != nil {
		return err
	}
	defer st.Close()
	defer watch(ctx, st)()
	handler, err := web.NewServer(webCfg, st, log)
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: cfg.Addr, Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", cfg.Addr, "db", cfg.DB, "settlements", len(st.Index().Entries(nil)))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// watch starts the store's watch for other processes' writes (controlmap import into the served
// database) and returns the function that stops it and waits for it.
func watch(ctx context.Context, st *data.Store) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		st.Watch(ctx, data.WatchEvery)
	}()
	return func() {
		cancel()
		<-done
	}
}
