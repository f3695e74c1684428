package tiles

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/geo"
)

// A pyramid is a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md)
// of the undated settlement tiles of one index version, zooms 0 to its max zoom: a tile server
// reads a tile from it instead of cutting it, and any PMTiles reader reads the file.
type pyramid struct {
	version uint64
	maxZoom maptile.Zoom
	path    string
	tiles   map[uint64]pyramidTile // by PMTiles tile id
}

type pyramidTile struct {
	offset, length uint64 // of the gzipped tile in the file
	etag           string // ETag of the raw tile
}

// pmtilesHeaderLen is the length of a PMTiles v3 header; the root directory must end within
// the first pmtilesRootMax bytes.
const (
	pmtilesHeaderLen = 127
	pmtilesRootMax   = 16384
)

// TileID is the PMTiles tile id of z/x/y: the tiles of the zooms before z, then the position
// of (x, y) along the Hilbert curve of zoom z.
func TileID(t maptile.Tile) uint64 {
	var acc uint64
	for z := 0; z < int(t.Z); z++ {
		acc += 1 << (2 * z)
	}
	n := uint64(1) << t.Z
	x, y := uint64(t.X), uint64(t.Y)
	var d uint64
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint64
		if x&s > 0 {
			rx = 1
		}
		if y&s > 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		if ry == 0 {
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return acc + d
}

// pmEntry is a directory entry: run tiles from id on hold the bytes at offset; run 0 points
// at a leaf directory.
type pmEntry struct {
	id, offset, length, run uint64
}

// writePyramid cuts every non-empty undated settlement tile of g from zoom 0 to maxZoom over
// the data's bound and writes them as a PMTiles archive at path, through a temporary file and
// a rename, so a reader never sees half a file. The tiles are streamed to the file, after the
// header and the space of the root directory (the first 16 KiB); the metadata and the leaf
// directories follow them.
func writePyramid(g *grid, path string, maxZoom maptile.Zoom) (*pyramid, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".pyramid-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name()) // after the rename, removes nothing
	defer f.Close()
	p, err := writePyramidTo(f, g, path, maxZoom)
	if err != nil {
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return p, os.Rename(f.Name(), path)
}

func writePyramidTo(f *os.File, g *grid, path string, maxZoom maptile.Zoom) (*pyramid, error) {
	version := g.version
	b := g.bound()
	const dataOffset = pmtilesRootMax
	data := bufio.NewWriterSize(io.NewOffsetWriter(f, dataOffset), 1<<20)
	var dataLen uint64
	p := &pyramid{version: version, maxZoom: maxZoom, path: path, tiles: map[uint64]pyramidTile{}}
	seen := map[[32]byte]pyramidTile{}
	var entries []pmEntry
	for t := range coverTiles(b, maxZoom) {
		raw := g.encode(t, nil, "")
		if raw == nil {
			continue
		}
		gz, err := gzipBytes(raw)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(gz)
		pt, ok := seen[sum]
		if !ok {
			pt = pyramidTile{offset: dataLen, length: uint64(len(gz)), etag: etag(raw)}
			if _, err := data.Write(gz); err != nil {
				return nil, err
			}
			dataLen += uint64(len(gz))
			seen[sum] = pt
		}
		id := TileID(t)
		p.tiles[id] = pyramidTile{offset: dataOffset + pt.offset, length: pt.length, etag: pt.etag}
		entries = append(entries, pmEntry{id: id, offset: pt.offset, length: pt.length, run: 1})
	}
	slices.SortFunc(entries, func(a, b pmEntry) int { return cmp.Compare(a.id, b.id) })
	entries = mergeRuns(entries)
	root, leaves, err := directories(entries)
	if err != nil {
		return nil, err
	}
	meta, err := gzipBytes(pyramidMetadata(version))
	if err != nil {
		return nil, err
	}
	h := pmHeader{
		rootOffset: pmtilesHeaderLen, rootLength: uint64(len(root)),
		dataOffset: dataOffset, dataLength: dataLen,
		metaLength: uint64(len(meta)), leavesLength: uint64(len(leaves)),
		addressed: uint64(len(p.tiles)), entries: uint64(len(entries)), contents: uint64(len(seen)),
		maxZoom: uint8(maxZoom), bound: b,
	}
	h.metaOffset = h.dataOffset + h.dataLength
	h.leavesOffset = h.metaOffset + h.metaLength
	if _, err := data.Write(meta); err != nil {
		return nil, err
	}
	if _, err := data.Write(leaves); err != nil {
		return nil, err
	}
	if err := data.Flush(); err != nil {
		return nil, err
	}
	if _, err := f.WriteAt(append(h.bytes(), root...), 0); err != nil {
		return nil, err
	}
	return p, nil
}

// mergeRuns folds consecutive tile ids holding the same bytes into one entry.
func mergeRuns(es []pmEntry) []pmEntry {
	var out []pmEntry
	for _, e := range es {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.offset == e.offset && last.length == e.length && last.id+last.run == e.id {
				last.run++
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// directories returns the gzipped root directory and the leaf directories (offsets relative
// to the start of the leaves): the entries in the root while it fits in the first 16 KiB,
// else leaves of a growing number of entries until the root of the leaves does.
func directories(es []pmEntry) (root, leaves []byte, err error) {
	root, err = encodeDirectory(es)
	if err != nil || len(root) <= pmtilesRootMax-pmtilesHeaderLen {
		return root, nil, err
	}
	for size := 4096; ; size *= 2 {
		var rootEntries []pmEntry
		var buf bytes.Buffer
		for i := 0; i < len(es); i += size {
			leaf, err := encodeDirectory(es[i:min(i+size, len(es))])
			if err != nil {
				return nil, nil, err
			}
			rootEntries = append(rootEntries, pmEntry{id: es[i].id, offset: uint64(buf.Len()), length: uint64(len(leaf))})
			buf.Write(leaf)
		}
		root, err = encodeDirectory(rootEntries)
		if err != nil {
			return nil, nil, err
		}
		if len(root) <= pmtilesRootMax-pmtilesHeaderLen {
			return root, buf.Bytes(), nil
		}
	}
}

// encodeDirectory writes entries as the spec's columns (ids as deltas, run lengths, lengths,
// offsets as 0 when contiguous with the entry before, else offset+1), gzipped.
func encodeDirectory(es []pmEntry) ([]byte, error) {
	b := binary.AppendUvarint(nil, uint64(len(es)))
	var last uint64
	for _, e := range es {
		b = binary.AppendUvarint(b, e.id-last)
		last = e.id
	}
	for _, e := range es {
		b = binary.AppendUvarint(b, e.run)
	}
	for _, e := range es {
		b = binary.AppendUvarint(b, e.length)
	}
	for i, e := range es {
		if i > 0 && e.offset == es[i-1].offset+es[i-1].length {
			b = binary.AppendUvarint(b, 0)
		} else {
			b = binary.AppendUvarint(b, e.offset+1)
		}
	}
	return gzipBytes(b)
}

// pyramidMetadata is the archive's JSON metadata: its layer, as TileJSON has it, and the index
// version it was cut from.
func pyramidMetadata(version uint64) []byte {
	b, _ := json.Marshal(map[string]any{
		"name": "controlmap settlements", "attribution": Attribution, "controlmap:version": version,
		"vector_layers": []vectorLayer{{ID: SettlementsLayer, Description: "control periods of settlements", MaxZoom: SettlementsMaxZoom, Fields: periodFields()}},
	})
	return b
}

type pmHeader struct {
	rootOffset, rootLength, metaOffset, metaLength, leavesOffset, leavesLength, dataOffset, dataLength uint64
	addressed, entries, contents                                                                       uint64
	maxZoom                                                                                            uint8
	bound                                                                                              orb.Bound
}

// bytes writes the 127-byte header: clustered, gzip directories and tiles, MVT.
func (h pmHeader) bytes() []byte {
	b := make([]byte, 0, pmtilesHeaderLen)
	b = append(b, "PMTiles"...)
	b = append(b, 3)
	for _, v := range []uint64{h.rootOffset, h.rootLength, h.metaOffset, h.metaLength, h.leavesOffset, h.leavesLength,
		h.dataOffset, h.dataLength, h.addressed, h.entries, h.contents} {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	b = append(b, 1, 2, 2, 1, 0, h.maxZoom) // clustered, internal gzip, tile gzip, MVT, min zoom, max zoom
	e7 := func(f float64) uint32 { return uint32(int32(math.Round(f * 1e7))) }
	c := h.bound.Center()
	for _, v := range []float64{h.bound.Min.Lon(), h.bound.Min.Lat(), h.bound.Max.Lon(), h.bound.Max.Lat()} {
		b = binary.LittleEndian.AppendUint32(b, e7(v))
	}
	b = append(b, min(h.maxZoom, 8))
	b = binary.LittleEndian.AppendUint32(b, e7(c.Lon()))
	b = binary.LittleEndian.AppendUint32(b, e7(c.Lat()))
	return b
}

// read returns tile t from the pyramid: found false past its max zoom; an empty tile when it
// holds none.
func (p *pyramid) read(t maptile.Tile) (tile *Encoded, found bool, err error) {
	if t.Z > p.maxZoom {
		return nil, false, nil
	}
	pt, ok := p.tiles[TileID(t)]
	if !ok {
		return &Encoded{}, true, nil
	}
	f, err := os.Open(p.path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	gz := make([]byte, pt.length)
	if _, err := f.ReadAt(gz, int64(pt.offset)); err != nil {
		return nil, false, fmt.Errorf("tiles: pyramid %s: %w", p.path, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, false, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, false, err
	}
	return answer.FromParts(raw, gz, pt.etag), true, nil
}

// keepPyramid writes the pyramid of Config.PyramidPath again whenever the index has changed
// and then stayed the same for Config.PyramidDelay, for the life of the process. A failure is
// retried at the next change.
func (s *Server) keepPyramid() {
	var built, seen uint64 = math.MaxUint64, s.ix.Version()
	for {
		time.Sleep(s.cfg.PyramidDelay)
		v := s.ix.Version()
		if v != seen || v == built {
			seen = v // changed: wait for it to settle
			continue
		}
		if err := s.BuildPyramid(); err == nil {
			built = v
		}
	}
}

// BuildPyramid writes the pyramid of the current data now, and serves from it while the data
// stays the same.
func (s *Server) BuildPyramid() error {
	if s.cfg.PyramidPath == "" {
		return geo.NotFoundf("no settlement pyramid is configured")
	}
	p, err := writePyramid(s.currentGrid(), s.cfg.PyramidPath, maptile.Zoom(s.cfg.PyramidMaxZoom))
	if err != nil {
		return err
	}
	s.pyramid.Store(p)
	return nil
}

// ServePyramid serves the settlement pyramid as a PMTiles file, with HTTP range requests, once
// it has been written; 404 before or when none is configured.
func (s *Server) ServePyramid(w http.ResponseWriter, r *http.Request) error {
	p := s.pyramid.Load()
	if p == nil {
		return geo.NotFoundf("no settlement pyramid has been written")
	}
	return serveFile(w, r, p.path, int(s.cfg.MaxAge.Seconds()))
}
