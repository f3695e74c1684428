package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip" // the standard library's, twice as fast at BestSpeed
)

// keptFile is an imported file as it is read: its hash, its size and a gzip-compressed copy,
// made by a goroutine of its own while the importer parses. A bulk import records it as one
// revision (fileRevision) instead of one revision per record.
type keptFile struct {
	name, format string
	size         int64
	records      int // records read from the file
	sum          []byte
	gz           bytes.Buffer
	chunks       chan []byte
	done         chan error
	closed       sync.Once
	err          error
}

// keepFile returns a keptFile for file and a reader of r that fills it in as it is read. Call
// close (or finish) when done reading.
func keepFile(file string, r io.Reader) (*keptFile, io.Reader) {
	k := &keptFile{name: filepath.Base(file), format: formatOf(file), chunks: make(chan []byte, 16), done: make(chan error, 1)}
	go k.compress()
	return k, io.TeeReader(r, k)
}

func (k *keptFile) compress() {
	h := sha256.New()
	zw, _ := gzip.NewWriterLevel(&k.gz, gzip.BestSpeed)
	var err error
	for p := range k.chunks {
		h.Write(p)
		if err == nil {
			_, err = zw.Write(p)
		}
	}
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	k.sum = h.Sum(nil)
	k.done <- err
}

// formatOf is the format of file by its extension: geojson or csv.
func formatOf(file string) string {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".geojson", ".json":
		return "geojson"
	}
	return "csv"
}

// Write hands a copy of p to the compressing goroutine (the reader reuses p).
func (k *keptFile) Write(p []byte) (int, error) {
	k.size += int64(len(p))
	k.chunks <- bytes.Clone(p)
	return len(p), nil
}

// close ends the copy and waits for it; it may be called more than once.
func (k *keptFile) close() error {
	k.closed.Do(func() {
		close(k.chunks)
		k.err = <-k.done
	})
	return k.err
}

// finish completes the copy of a file of records records, once the whole file is read.
func (k *keptFile) finish(records int) error {
	k.records = records
	return k.close()
}

// fileSummary is the body of a file's revision.
type fileSummary struct {
	File    string `json:"file"`
	Format  string `json:"format"`
	SHA256  string `json:"sha256"`
	Bytes   int64  `json:"bytes"`
	Records int    `json:"records"` // read from the file
	Written int    `json:"written"` // that differed from the stored version, so were written
}

// auditOf is file when a write of n records is audited as one file revision, or nil when each
// record gets its own revision: the write is not an import, or it is smaller than bulk.
func auditOf(file *keptFile, n int) *keptFile {
	if n < bulk {
		return nil
	}
	return file
}

// fileRevision appends the write's file to the audit trail as one revision of entity, if the
// write is audited that way.
func (w *writer) fileRevision(entity, origin string, written int) error {
	if w.file == nil {
		return nil
	}
	k := w.file
	body, err := json.Marshal(fileSummary{File: k.name, Format: k.format, SHA256: hex.EncodeToString(k.sum),
		Bytes: k.size, Records: k.records, Written: written})
	if err != nil {
		return err
	}
	return w.exec(`INSERT INTO revisions (entity, entity_id, recorded_at, origin, body, content) VALUES (?, '', ?, ?, ?, ?)`,
		entity, w.now, origin, string(body), k.gz.Bytes())
}
