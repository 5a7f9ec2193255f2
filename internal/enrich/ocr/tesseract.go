package ocr

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// pageSegMode is tesseract's --psm: 6, one uniform block of text. Over 51
// rendered Korean lines and posters it kept 89% of the characters, against
// 86% for 4 (one column) and 31% for 3 (automatic): the layout analysis of
// 3 and 4 may take Hangul strokes for diacritics and drop a whole short
// line, where 6 at worst reads some decoration as stray letters.
const pageSegMode = "6"

const (
	listTimeout   = 10 * time.Second // tesseract --list-langs
	waitDelay     = 5 * time.Second  // after a kill, for the pipes to close
	maxOCROutput  = 1 << 20          // bytes of tesseract output kept
	maxStderrKept = 4 << 10
)

// Available reports whether the tesseract command (a path or a name looked
// up in PATH; "" means DefaultTesseract) runs and has Korean data: "kor" in
// tesseract --list-langs. It never fails; see InstalledLanguages for why
// it says no.
func Available(ctx context.Context, tesseract string) bool {
	langs, err := InstalledLanguages(ctx, tesseract)
	return err == nil && slices.Contains(langs, "kor")
}

// InstalledLanguages returns the languages tesseract --list-langs names.
func InstalledLanguages(ctx context.Context, tesseract string) ([]string, error) {
	tesseract = orDefault(tesseract, DefaultTesseract)
	ctx, cancel := context.WithTimeout(ctx, listTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tesseract, "--list-langs")
	// Old versions list on stderr, newer ones on stdout.
	out := &limitedBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = waitDelay
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ocr: %s --list-langs: %w", tesseract, err)
	}
	var langs []string
	for _, line := range strings.Split(out.String(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.ContainsAny(line, " \t:\"") { // the heading, warnings
			continue
		}
		langs = append(langs, line)
	}
	return langs, nil
}

// ocr runs tesseract on img (fed on standard input) and returns the
// normalised text it prints.
func (r *Reader) ocr(ctx context.Context, img []byte) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.ocrTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.tesseract, "stdin", "stdout", "-l", r.languages, "--psm", pageSegMode)
	cmd.Stdin = bytes.NewReader(img)
	out := &limitedBuffer{max: maxOCROutput}
	stderr := &limitedBuffer{max: maxStderrKept}
	cmd.Stdout, cmd.Stderr = out, stderr
	// One thread: OpenMP's spinning doubles the wall time on a small machine.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = waitDelay
	if err := cmd.Run(); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return "", fmt.Errorf("ocr: tesseract: %w", cerr)
		}
		return "", fmt.Errorf("ocr: tesseract: %w: %s", err, lastLine(stderr.String()))
	}
	return normalize(out.String()), nil
}

// limitedBuffer keeps the first max bytes written to it and discards the
// rest without failing the writer.
type limitedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string { return b.buf.String() }

// lastLine is the last non-blank line of s, for error messages.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
