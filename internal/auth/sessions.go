package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/predicate"
	"github.com/claco/claco/ent/refreshtoken"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/database"
)

// Sessions keeps refresh tokens: one family per sign-in on a device, one row
// per rotation. Only SHA-256 hashes are stored, so a leaked table yields no
// usable token.
type Sessions struct {
	db  *ent.Client
	ttl time.Duration
	now func() time.Time
	// Grace is how long after its rotation a refresh token is still
	// answered (RFC 9700's reuse interval): two tabs of one browser refresh
	// with the same cookie at the same moment, and both must stay signed in.
	// Later reuse means the token leaked, and revokes the session.
	Grace time.Duration
}

// DefaultGrace is the reuse interval of a rotated refresh token.
const DefaultGrace = 10 * time.Second

// NewSessions returns the session store; refresh tokens live for ttl.
func NewSessions(db *ent.Client, ttl time.Duration, now func() time.Time) *Sessions {
	return &Sessions{db: db, ttl: ttl, now: now, Grace: DefaultGrace}
}

// RefreshToken is a refresh token to hand to the client, and its session.
type RefreshToken struct {
	Token     string
	Session   string
	ExpiresAt time.Time
}

// Start opens a new session for the member (a sign-in on a device).
func (s *Sessions) Start(ctx context.Context, memberID int, userAgent string) (RefreshToken, error) {
	return s.issue(ctx, s.db, memberID, randomID(), userAgent)
}

func (s *Sessions) issue(ctx context.Context, db *ent.Client, memberID int, family, userAgent string) (RefreshToken, error) {
	token := newRefreshToken()
	expires := s.now().Add(s.ttl)
	err := db.RefreshToken.Create().
		SetMemberID(memberID).
		SetFamily(family).
		SetTokenHash(hash(token)).
		SetExpiresAt(expires).
		SetUserAgent(truncate(userAgent, 255)).
		Exec(ctx)
	if err != nil {
		return RefreshToken{}, fmt.Errorf("store refresh token: %w", err)
	}
	return RefreshToken{Token: token, Session: family, ExpiresAt: expires}, nil
}

// errSessionEnded is what a client sees for a refresh token that cannot be used.
var errSessionEnded = apperr.New(apperr.Unauthenticated, "the session has ended; sign in again")

// Rotate exchanges a refresh token for a new one of the same session and
// returns the member. A token rotated less than Grace ago is answered with
// another new token of the session (two tabs refreshing at once); presenting
// it later means two parties hold it: the whole session is revoked.
func (s *Sessions) Rotate(ctx context.Context, token, userAgent string) (RefreshToken, int, error) {
	if token == "" {
		return RefreshToken{}, 0, apperr.New(apperr.Unauthenticated, "no refresh token")
	}
	now := s.now()
	row, err := s.db.RefreshToken.Query().Where(refreshtoken.TokenHash(hash(token))).Only(ctx)
	if ent.IsNotFound(err) {
		return RefreshToken{}, 0, errSessionEnded
	}
	if err != nil {
		return RefreshToken{}, 0, err
	}
	switch {
	case row.RevokedAt != nil, !now.Before(row.ExpiresAt):
		return RefreshToken{}, 0, errSessionEnded
	case row.RotatedAt != nil:
		return s.reused(ctx, row, userAgent)
	}
	var next RefreshToken
	err = database.InTx(ctx, s.db, func(tx *ent.Client) error {
		if err := lockLiveMember(ctx, tx, row.MemberID); err != nil {
			return err
		}
		// Only one of two concurrent rotations of the same token may win.
		n, err := tx.RefreshToken.Update().
			Where(refreshtoken.ID(row.ID), refreshtoken.RotatedAtIsNil(), refreshtoken.RevokedAtIsNil()).
			SetRotatedAt(now).
			Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return errReused
		}
		next, err = s.issue(ctx, tx, row.MemberID, row.Family, userAgent)
		return err
	})
	if errors.Is(err, errReused) {
		// A concurrent refresh with the same token won: look again.
		if row, err = s.db.RefreshToken.Get(ctx, row.ID); err != nil {
			return RefreshToken{}, 0, err
		}
		return s.reused(ctx, row, userAgent)
	}
	if err != nil {
		return RefreshToken{}, 0, err
	}
	return next, row.MemberID, nil
}

// reused answers a token presented again after its rotation: within the
// grace window with a new token of the session, later by ending the session.
func (s *Sessions) reused(ctx context.Context, row *ent.RefreshToken, userAgent string) (RefreshToken, int, error) {
	if row.RevokedAt == nil && row.RotatedAt != nil && s.now().Sub(*row.RotatedAt) <= s.Grace {
		var next RefreshToken
		err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
			if err := lockLiveMember(ctx, tx, row.MemberID); err != nil {
				return err
			}
			// A logout or withdrawal may have ended the session meanwhile.
			ended, err := tx.RefreshToken.Query().Where(refreshtoken.Family(row.Family), refreshtoken.RevokedAtNotNil()).Exist(ctx)
			if err != nil {
				return err
			}
			if ended {
				return errSessionEnded
			}
			next, err = s.issue(ctx, tx, row.MemberID, row.Family, userAgent)
			return err
		})
		return next, row.MemberID, err
	}
	if err := s.RevokeSession(ctx, row.Family); err != nil {
		return RefreshToken{}, 0, err
	}
	return RefreshToken{}, 0, errSessionEnded
}

var errReused = errors.New("refresh token reused")

// SessionOf returns the session a refresh token belongs to, or "".
func (s *Sessions) SessionOf(ctx context.Context, token string) (string, error) {
	if token == "" {
		return "", nil
	}
	row, err := s.db.RefreshToken.Query().Where(refreshtoken.TokenHash(hash(token))).Only(ctx)
	if ent.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return row.Family, nil
}

// RevokeSession ends one session (logout on a device).
func (s *Sessions) RevokeSession(ctx context.Context, family string) error {
	return s.revoke(ctx, s.db, refreshtoken.Family(family))
}

// RevokeAll ends every session of a member (withdrawal). db may be a
// transaction's client.
func (s *Sessions) RevokeAll(ctx context.Context, db *ent.Client, memberID int) error {
	return s.revoke(ctx, db, refreshtoken.MemberID(memberID))
}

func (s *Sessions) revoke(ctx context.Context, db *ent.Client, which predicate.RefreshToken) error {
	err := db.RefreshToken.Update().
		Where(which, refreshtoken.RevokedAtIsNil()).
		SetRevokedAt(s.now()).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("revoke sessions: %w", err)
	}
	return nil
}

// hash is what the store keeps of a token.
func hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newRefreshToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// lockLiveMember write-locks the member's row for the rest of the
// transaction, as every writer of a member's data does first (so that a
// refresh and a withdrawal cannot deadlock), and ends the session of a
// member who is gone.
func lockLiveMember(ctx context.Context, tx *ent.Client, memberID int) error {
	ids, err := tx.Member.Query().Where(member.ID(memberID)).Select(member.FieldID).Modify(database.ForUpdate).Ints(ctx)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return errSessionEnded
	}
	return nil
}
