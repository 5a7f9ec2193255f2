package likes

// MaxLikesKept is maxLikesKept, for tests.
const MaxLikesKept = maxLikesKept
