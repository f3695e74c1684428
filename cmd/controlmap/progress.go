package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
)

// progress counts the bytes written to it. On a terminal it draws a progress bar; otherwise it
// writes a plain line at every tenth of total, so logs stay readable.
type progress interface {
	io.Writer
	Close() error
}

func newProgress(w io.Writer, what string, total int64) progress {
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		return progressbar.NewOptions64(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
			progressbar.OptionShowBytes(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
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
	l.done += int64(len(p))
	if l.total > 0 {
		if tenth := l.done * 10 / l.total; tenth > l.lastTenth {
			l.lastTenth = tenth
			fmt.Fprintf(l.w, "%s: %d%% (%d of %d bytes)\n", l.what, tenth*10, l.done, l.total)
		}
	}
	return len(p), nil
}

func (l *lines) Close() error { return nil }
