package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/url"
)

// maxRedirects is how many redirects within the allow-list a fetch follows.
const maxRedirects = 3

var (
	errTooManyRedirects = errors.New("too many redirects")
	errNotImage         = errors.New("not a JPEG, PNG, GIF or WebP image")
	errTooLarge         = errors.New("image too large")
	errTooManyPixels    = errors.New("image has too many pixels")
)

// imageTypes are the accepted types, as http.DetectContentType names them,
// with a reader of each type's width and height.
var imageTypes = map[string]func([]byte) (w, h int, err error){
	"image/jpeg": stdConfig(jpeg.DecodeConfig),
	"image/png":  stdConfig(png.DecodeConfig),
	"image/gif":  stdConfig(gif.DecodeConfig),
	"image/webp": webpSize,
}

func stdConfig(decode func(io.Reader) (image.Config, error)) func([]byte) (int, int, error) {
	return func(data []byte) (int, int, error) {
		c, err := decode(bytes.NewReader(data))
		return c.Width, c.Height, err
	}
}

func (r *Reader) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return fmt.Errorf("%w: %w", ErrRefused, errTooManyRedirects)
	}
	if err := r.allow.Check(req.URL); err != nil {
		return fmt.Errorf("%w: redirect: %w", ErrRefused, err)
	}
	return nil
}

// fetch downloads u, checked against the allow-list at every hop, and
// returns the image bytes once they pass the type and size checks.
func (r *Reader) fetch(ctx context.Context, u *url.URL) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1")
	req.Header.Set("User-Agent", "claco-ocr/1")
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := r.allow.Check(resp.Request.URL); err != nil { // redundant with checkRedirect; kept as a last guard
		return nil, fmt.Errorf("%w: final URL: %w", ErrRefused, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("upstream status %d", resp.StatusCode)
	}
	if resp.ContentLength > r.maxBytes {
		return nil, fmt.Errorf("%w: %w: %d bytes declared, at most %d", ErrRefused, errTooLarge, resp.ContentLength, r.maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, r.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	if int64(len(data)) > r.maxBytes {
		return nil, fmt.Errorf("%w: %w: over %d bytes", ErrRefused, errTooLarge, r.maxBytes)
	}
	if err := r.checkImage(data); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRefused, err)
	}
	return data, nil
}

// checkImage accepts data that sniffs as an accepted type and whose header
// declares a positive size of at most maxPixels. The Content-Type the server
// sent does not count.
func (r *Reader) checkImage(data []byte) error {
	ctype := http.DetectContentType(data)
	size, ok := imageTypes[ctype]
	if !ok {
		return fmt.Errorf("%w (sniffed %s)", errNotImage, ctype)
	}
	w, h, err := size(data)
	if err != nil {
		return fmt.Errorf("%w (%s header: %v)", errNotImage, ctype, err)
	}
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w (%s of %d×%d)", errNotImage, ctype, w, h)
	}
	if int64(w)*int64(h) > r.maxPixels {
		return fmt.Errorf("%w: %d×%d, at most %d pixels", errTooManyPixels, w, h, r.maxPixels)
	}
	return nil
}

// webpSize reads the canvas size from a WebP file's first chunk: lossy
// ("VP8 "), lossless ("VP8L") or extended ("VP8X").
func webpSize(d []byte) (w, h int, err error) {
	short := errors.New("WebP header too short")
	if len(d) < 16 || string(d[0:4]) != "RIFF" || string(d[8:12]) != "WEBP" {
		return 0, 0, errors.New("not RIFF WEBP")
	}
	le16 := func(b []byte) int { return int(binary.LittleEndian.Uint16(b)) }
	le24 := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 }
	switch string(d[12:16]) {
	case "VP8 ":
		if len(d) < 30 {
			return 0, 0, short
		}
		// d[20:23] frame tag, d[23:26] start code, then 14-bit sizes.
		if d[23] != 0x9d || d[24] != 0x01 || d[25] != 0x2a {
			return 0, 0, errors.New("VP8 start code missing")
		}
		return le16(d[26:28]) & 0x3fff, le16(d[28:30]) & 0x3fff, nil
	case "VP8L":
		if len(d) < 25 {
			return 0, 0, short
		}
		if d[20] != 0x2f {
			return 0, 0, errors.New("VP8L signature missing")
		}
		bits := binary.LittleEndian.Uint32(d[21:25])
		return int(bits&0x3fff) + 1, int(bits>>14&0x3fff) + 1, nil
	case "VP8X":
		if len(d) < 30 {
			return 0, 0, short
		}
		return le24(d[24:27]) + 1, le24(d[27:30]) + 1, nil
	}
	return 0, 0, fmt.Errorf("unknown WebP chunk %q", d[12:16])
}

// safeURL is raw without user info, query or fragment, for logs.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// safeErr replaces the URL a *url.Error from http.Client carries (query
// included) with the redacted one, keeping what it wraps.
func safeErr(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return fmt.Errorf("%s %s: %w", ue.Op, safeURL(ue.URL), ue.Err)
	}
	return err
}
