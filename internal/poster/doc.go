// Package poster owns GET /posters/{id}: a same-origin copy of a concert's
// KOPIS poster image.
//
// The front end draws tickets on a canvas, and a canvas that has drawn a
// cross-origin image without CORS headers can no longer be exported; KOPIS
// sends no such headers, so the server hands out its own copy of the poster.
//
// The poster URL comes from the database (it was imported from KOPIS), so it
// is treated as untrusted: the handler fetches only from an allow-list of
// host names (http and https only, no user info), checks every redirect hop
// and the final URL against the same list, bounds the time and the size of a
// fetch, and accepts only bytes that sniff as JPEG, PNG, GIF or WebP. This is
// what keeps the endpoint from being used for server-side request forgery.
//
// A fetched poster is kept in a Cache (DirCache on disk) under a key derived
// from the concert id and the poster URL, so later requests never reach
// KOPIS and a changed poster URL is fetched afresh. Concurrent first requests
// for the same poster share one fetch.
//
// Looking up a concert's poster URL is the caller's business (see Lookup);
// registering the route is the server's (see Pattern).
package poster
