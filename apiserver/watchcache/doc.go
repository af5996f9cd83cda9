// Package watchcache mirrors one store prefix in memory for the API server.
//
// A Cache runs one store watch (after one paginated list) and fans every
// change out to any number of Watchers: HTTP watch streams and in-process
// informers alike. Decoded objects are shared, read-only, between the cache
// and all watchers. A ring of recent events lets a client resume from a
// recent resourceVersion; a start older than that window gets 410 Expired
// ("too old resource version"). Gets and lists are served from the cache
// once it has caught up with the store's current revision (WaitFresh), as
// Kubernetes does with consistent reads from cache.
//
// Each watcher has its own queue, filled by the cache and drained by
// Watcher.Next; one that falls more than Config.WatcherBuffer events behind
// is cut off with ErrTooSlow, and nobody else waits for it. Watchers that
// ask for bookmarks get a BOOKMARK every Config.BookmarkInterval.
package watchcache
