package auth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/claco/claco/ent/member"
)

// The access token's issuer and audience.
const (
	Issuer   = "claco"
	Audience = "claco-api"
)

// Tokens mints and verifies access tokens: short-lived HS256 JWTs naming the
// member and their session. They only say who is calling; the member's role
// is read from the database on every request.
type Tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
}

// NewTokens returns a minter with the given HMAC secret and lifetime.
func NewTokens(secret []byte, ttl time.Duration, now func() time.Time) *Tokens {
	return &Tokens{secret: secret, ttl: ttl, now: now}
}

// RandomSecret makes a secret for a dev server started without CLACO_JWT_SECRET.
func RandomSecret() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return b
}

// Claims of an access token.
type Claims struct {
	jwt.RegisteredClaims
	// Session is the refresh-token family the token was minted for, so that
	// logging out ends the access token too.
	Session string      `json:"sid"`
	Role    member.Role `json:"role"`
}

// AccessToken is a minted token and when it expires.
type AccessToken struct {
	Token     string
	ExpiresAt time.Time
}

// Mint returns an access token for the member in the session.
func (t *Tokens) Mint(memberID int, role member.Role, session string) (AccessToken, error) {
	now := t.now()
	exp := now.Add(t.ttl)
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Audience:  jwt.ClaimStrings{Audience},
			Subject:   strconv.Itoa(memberID),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
			ID:        randomID(),
		},
		Session: session,
		Role:    role,
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	if err != nil {
		return AccessToken{}, fmt.Errorf("sign access token: %w", err)
	}
	return AccessToken{Token: signed, ExpiresAt: exp}, nil
}

// ErrInvalidToken is any access token that must not be trusted.
var ErrInvalidToken = errors.New("invalid access token")

// ErrExpiredToken is a genuine access token past its expiry.
var ErrExpiredToken = errors.New("access token expired")

// Verify checks a token's signature (HS256 only: "none" and every other
// algorithm are refused), issuer, audience and expiry, and returns its member
// id and session.
func (t *Tokens) Verify(token string) (memberID int, session string, err error) {
	var claims Claims
	_, err = jwt.ParseWithClaims(token, &claims,
		func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.now),
	)
	if errors.Is(err, jwt.ErrTokenExpired) {
		return 0, "", ErrExpiredToken
	}
	if err != nil {
		return 0, "", ErrInvalidToken
	}
	id, convErr := strconv.Atoi(claims.Subject)
	if convErr != nil || id <= 0 || claims.Session == "" {
		return 0, "", ErrInvalidToken
	}
	return id, claims.Session, nil
}

func randomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)
}
