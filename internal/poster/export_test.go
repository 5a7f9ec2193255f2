package poster

// CacheKey is cacheKey, for the external tests.
var CacheKey = cacheKey
