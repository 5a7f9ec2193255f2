package auth

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/hook"
	"github.com/claco/claco/ent/member"
)

// DefaultSessionCacheTTL is how long a checked session is believed without
// asking the database again: what a revocation made by another instance
// may take to reach this one. Revocations and role changes made through
// this process's client take effect at once.
const DefaultSessionCacheTTL = 5 * time.Second

// maxCachedSessions bounds the cache; past it the cache starts over.
const maxCachedSessions = 100_000

// SessionCache remembers for a few seconds that a member's session is live
// and what role the member has, so that a signed-in request costs no
// session query. Any change of a member or revocation of a refresh token
// through the watched client empties it.
type SessionCache struct {
	ttl time.Duration
	now func() time.Time

	generation atomic.Uint64
	mu         sync.RWMutex
	entries    map[sessionKey]cachedSession
}

type sessionKey struct {
	member  int
	session string
}

type cachedSession struct {
	role       member.Role
	checked    time.Time
	generation uint64
}

// NewSessionCache returns a cache that believes a check for ttl
// (DefaultSessionCacheTTL when 0) and forgets everything whenever db
// changes a member or revokes a session.
func NewSessionCache(db *ent.Client, ttl time.Duration, now func() time.Time) *SessionCache {
	if ttl <= 0 {
		ttl = DefaultSessionCacheTTL
	}
	if now == nil {
		now = time.Now
	}
	c := &SessionCache{ttl: ttl, now: now, entries: map[sessionKey]cachedSession{}}
	db.Member.Use(func(next ent.Mutator) ent.Mutator {
		return hook.MemberFunc(func(ctx context.Context, m *ent.MemberMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			c.forgetAll()
			return v, err
		})
	})
	db.RefreshToken.Use(func(next ent.Mutator) ent.Mutator {
		return hook.RefreshTokenFunc(func(ctx context.Context, m *ent.RefreshTokenMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if _, revoking := m.RevokedAt(); revoking || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
				c.forgetAll()
			}
			return v, err
		})
	})
	return c
}

// role returns the role of a session checked within the TTL.
func (c *SessionCache) role(memberID int, session string) (member.Role, bool) {
	if c == nil {
		return "", false
	}
	c.mu.RLock()
	e, ok := c.entries[sessionKey{memberID, session}]
	c.mu.RUnlock()
	if !ok || e.generation != c.generation.Load() || c.now().Sub(e.checked) > c.ttl {
		return "", false
	}
	return e.role, true
}

// remember records a session the database just said is live. A change
// made while the check ran (generation moved on) is not cached over.
func (c *SessionCache) remember(memberID int, session string, role member.Role, generation uint64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if generation != c.generation.Load() {
		return
	}
	if len(c.entries) >= maxCachedSessions {
		c.entries = map[sessionKey]cachedSession{}
	}
	c.entries[sessionKey{memberID, session}] = cachedSession{role: role, checked: c.now(), generation: generation}
}

// current is the generation a check starts in.
func (c *SessionCache) current() uint64 {
	if c == nil {
		return 0
	}
	return c.generation.Load()
}

func (c *SessionCache) forgetAll() {
	c.generation.Add(1)
	c.mu.Lock()
	c.entries = map[sessionKey]cachedSession{}
	c.mu.Unlock()
}
