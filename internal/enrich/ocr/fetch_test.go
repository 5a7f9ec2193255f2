package ocr

import (
	"encoding/binary"
	"errors"
	"net/http"
	"testing"
)

// webpVP8L is the start of a lossless WebP declaring w×h pixels.
func webpVP8L(w, h uint32) []byte {
	b := []byte("RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f")
	return binary.LittleEndian.AppendUint32(b, (w-1)|(h-1)<<14)
}

func TestWebPSize(t *testing.T) {
	vp8 := []byte("RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a")
	vp8 = binary.LittleEndian.AppendUint16(vp8, 860)
	vp8 = binary.LittleEndian.AppendUint16(vp8, 1400|1<<14) // scale bits are not size
	vp8x := []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x00\x00\x00\x00\x00\x00\x00\x00")
	vp8x = append(vp8x, 0xff, 0x0f, 0, 0x3f, 0x42, 0x0f) // 4096 × 1000000
	for _, tc := range []struct {
		name string
		data []byte
		w, h int
	}{
		{"lossy", vp8, 860, 1400},
		{"lossless", webpVP8L(300, 12000), 300, 12000},
		{"extended", vp8x, 4096, 1000000},
	} {
		if http.DetectContentType(tc.data) != "image/webp" {
			t.Errorf("%s: does not sniff as WebP", tc.name)
		}
		w, h, err := webpSize(tc.data)
		if err != nil || w != tc.w || h != tc.h {
			t.Errorf("%s: webpSize = %d×%d, %v; want %d×%d", tc.name, w, h, err, tc.w, tc.h)
		}
	}
	if _, _, err := webpSize(vp8[:25]); err == nil {
		t.Error("short WebP accepted")
	}
	bad := append([]byte{}, vp8...)
	bad[23] = 0
	if _, _, err := webpSize(bad); err == nil {
		t.Error("VP8 without start code accepted")
	}
}

func TestCheckImagePixels(t *testing.T) {
	r := &Reader{maxPixels: 1000}
	if err := r.checkImage(pngHeader(10, 100)); err != nil {
		t.Errorf("10×100: %v", err)
	}
	if err := r.checkImage(pngHeader(10, 101)); !errors.Is(err, errTooManyPixels) {
		t.Errorf("10×101: %v", err)
	}
	if err := r.checkImage(webpVP8L(50, 50)); !errors.Is(err, errTooManyPixels) {
		t.Errorf("WebP 50×50: %v", err)
	}
	if err := r.checkImage([]byte("GIF89a")); !errors.Is(err, errNotImage) {
		t.Errorf("truncated GIF: %v", err)
	}
}

func TestSafeURL(t *testing.T) {
	if got := safeURL("http://u:p@www.kopis.or.kr/a/b.jpg?key=secret#x"); got != "http://www.kopis.or.kr/a/b.jpg" {
		t.Errorf("safeURL = %q", got)
	}
}
