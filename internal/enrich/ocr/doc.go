// Package ocr owns reading the text out of a concert's intro images (KOPIS
// styurls) so that the keyword scorer has something to read.
//
// Real KOPIS records have a blank synopsis; the programme — the works,
// the performers, often the composers' names — is published only as
// pictures of text in the intro images. This package fetches those images
// and runs the tesseract command on them (Korean and English by default),
// and the importer feeds the result to keywordscore as Input.Extra. It is
// optional: Available says whether tesseract with Korean data ("kor" in
// tesseract --list-langs) is installed, and an importer without it simply
// scores without image text.
//
// # Fetching
//
// The image URLs come from KOPIS data, so they are treated as untrusted, as
// the poster package treats poster URLs: an image is fetched only over http
// or https, without user info, from a host on an allow-list (a bare name
// matches any port, "host:port" that port only); every redirect hop must be
// on the list too; a fetch is bounded in time (DefaultTimeout) and size
// (DefaultMaxBytes); and only bytes that sniff as JPEG, PNG, GIF or WebP,
// whose header declares at most DefaultMaxPixels pixels, reach tesseract.
// Anything else is refused (ErrRefused, counted in Stats.Refused) before
// any OCR runs.
//
// # OCR
//
// tesseract runs directly (never through a shell) with the image on its
// standard input and the text read from its standard output, so no
// temporary files are left behind; it is bounded by the caller's context
// and OCRTimeout, and limited to one thread (OMP_THREAD_LIMIT=1), which on a
// small machine is about twice as fast as letting OpenMP spin. The page
// segmentation mode is 6 (one uniform block of text), which read rendered
// Korean lines and poster-like images best: the layout analysis of modes 3
// and 4 can take Hangul strokes for diacritics and lose whole lines. The
// output is normalised (one item per line, runs of spaces collapsed, column
// gaps turned into line breaks) and bounded.
//
// # Caching
//
// The text of each image is kept in a Cache keyed by the image URL
// (DirCache: one file per URL, named by the SHA-256 of the URL, written via
// a temporary file and a rename), so a re-run of the importer fetches and
// OCRs nothing it has read before; Stats.CacheHits counts those reads.
// Failed fetches and failed OCR runs are not cached and are tried again on
// the next run. The cached text depends on the languages and the tesseract
// data, so use a new cache directory when changing those.
package ocr
