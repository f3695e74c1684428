package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
)

// progress counts the bytes written to it, or is set to a count. On a terminal it draws a
// progress bar; otherwise it writes a plain line at every tenth of total, so logs stay readable.
type progress interface {
	io.Writer
	Set64(n int64) error
	Close() error
}

// Below these totals a job is too short to show progress.
const (
	minProgressBytes = 1 << 20
	minProgressItems = 1000
)

// newProgress counts up to total, in bytes when bytes is true and in items otherwise.
func newProgress(w io.Writer, what string, total int64, bytes bool) progress {
	if bytes && total < minProgressBytes || !bytes && total < minProgressItems {
		return &lines{w: io.Discard, total: total}
	}
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		return progressbar.NewOptions64(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
			progressbar.OptionShowBytes(bytes), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
	}
	return &lines{w: w, what: what, total: total}
}

// lines is progress as plain lines, one per tenth.
type lines struct {
	w         io.Writer
	what      string
	total     int64
	done      int64
	lastTenth int64
}

func (l *lines) Write(p []byte) (int, error) {
	return len(p), l.Set64(l.done + int64(len(p)))
}

func (l *lines) Set64(n int64) error {
	l.done = n
	if l.total > 0 {
		if tenth := l.done * 10 / l.total; tenth > l.lastTenth {
			l.lastTenth = tenth
			fmt.Fprintf(l.w, "%s: %d%% (%d of %d)\n", l.what, tenth*10, l.done, l.total)
		}
	}
	return nil
}

func (l *lines) Close() error { return nil }

// stages shows an import's progress: the bytes of the file read, then the records written.
type stages struct {
	w       io.Writer
	what    string // what is written: "settlements"
	size    int64  // of the file read
	reading progress
	writing progress
}

// readShown opens file and calls read with a reader of it that shows the reading on w, and the
// stages that show the writing of what.
func readShown(w io.Writer, file, what string, read func(io.Reader, *stages) error) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	shown := newStages(w, file, info.Size(), what)
	defer shown.Close()
	return read(io.TeeReader(f, shown.reading), shown)
}

// newStages starts showing the reading of file, of size bytes, on w.
func newStages(w io.Writer, file string, size int64, what string) *stages {
	return &stages{w: w, what: what, size: size, reading: newProgress(w, "reading "+file, size, true)}
}

// wrote is an importer's progress callback: done records written out of total.
func (s *stages) wrote(done, total int) {
	if s.writing == nil {
		s.reading.Close()
		s.writing = newProgress(s.w, "writing "+s.what, int64(total), false)
	}
	s.writing.Set64(int64(done))
}

// Close ends whichever stage is shown.
func (s *stages) Close() error {
	if s.writing != nil {
		return s.writing.Close()
	}
	return s.reading.Close()
}
