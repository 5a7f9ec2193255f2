package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// How often progress is shown.
const (
	lineEvery    = 500              // records between two plain lines
	lineInterval = 10 * time.Second // most time between two plain lines
	drawInterval = 100 * time.Millisecond
	barWidth     = 30
)

// progress shows how far an import is on stderr: a bar redrawn in place on
// a terminal, else a plain line "progress 1500/10000 records" every
// lineEvery records or lineInterval. It is also the log's writer, so that a
// log line does not land in the middle of the bar. Safe for concurrent use.
type progress struct {
	w   io.Writer
	tty bool
	now func() time.Time

	mu          sync.Mutex
	done, total int
	shownDone   int       // done at the last plain line
	shownAt     time.Time // when the last line or bar was shown
	lines       int       // plain lines written
	drawn       bool      // the bar is on screen, on the current line
}

func newProgress(w io.Writer, tty bool, now func() time.Time) *progress {
	return &progress{w: w, tty: tty, now: now, shownAt: now()}
}

// update records that done of total records are done.
func (p *progress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	now := p.now()
	if p.tty {
		if !p.drawn || done == total || now.Sub(p.shownAt) >= drawInterval {
			p.draw(now)
		}
		return
	}
	if done > p.shownDone && (done/lineEvery > p.shownDone/lineEvery || now.Sub(p.shownAt) >= lineInterval) {
		p.line(now)
	}
}

// finish ends the display: the bar's line is ended, and a plain log that
// showed progress gets its last line.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.tty && p.drawn:
		io.WriteString(p.w, "\n")
		p.drawn = false
	case !p.tty && p.lines > 0 && p.shownDone != p.done:
		p.line(p.now())
	}
}

// Write writes a log line, clearing the bar first; the next update draws it again.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.drawn {
		io.WriteString(p.w, "\r\x1b[K")
		p.drawn = false
	}
	return p.w.Write(b)
}

func (p *progress) line(now time.Time) {
	fmt.Fprintf(p.w, "progress %d/%d records\n", p.done, p.total)
	p.shownDone, p.shownAt = p.done, now
	p.lines++
}

func (p *progress) draw(now time.Time) {
	fill, pct := barWidth, 100
	if p.total > 0 {
		fill, pct = barWidth*p.done/p.total, 100*p.done/p.total
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %d/%d records %3d%%", strings.Repeat("=", fill), strings.Repeat(" ", barWidth-fill), p.done, p.total, pct)
	p.drawn, p.shownAt = true, now
}
