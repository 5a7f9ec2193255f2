package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/reference"
)

// fixtures are what requests are made of: signed-in members, concert ids,
// full books and titles, read from the database before the load starts.
type fixtures struct {
	members          []*signedIn
	liveConcerts     []int // not ended
	reviewedConcerts []int // with at least one review
	books            []book
	titles           []string // of concerts that have not ended
	catalogue        catalogueSize
}

type signedIn struct {
	id    int
	email string
	token string
}

type book struct {
	id    int
	owner *signedIn
}

// catalogueSize counts what the database holds.
type catalogueSize struct {
	Concerts, Ended, Members, Likes, Reviews int
}

func (f *fixtures) member(r *rand.Rand) *signedIn { return f.members[r.IntN(len(f.members))] }

// loadFixtures picks n members to sign in (the owners of up to n/4 full
// books among them), and the concerts requests will name. today decides which
// concerts have ended; sampling is deterministic for the seed.
func loadFixtures(ctx context.Context, db *ent.Client, today time.Time, n int, seed uint64) (*fixtures, error) {
	r := rand.New(rand.NewPCG(seed, 0x6c6f6164))
	f := &fixtures{}
	var err error
	count := func(q interface {
		Count(context.Context) (int, error)
	}, into *int) {
		if err == nil {
			*into, err = q.Count(ctx)
		}
	}
	c := &f.catalogue
	count(db.Concert.Query(), &c.Concerts)
	count(db.Concert.Query().Where(concert.EndDateLT(today)), &c.Ended)
	count(db.Member.Query(), &c.Members)
	count(db.ConcertLike.Query(), &c.Likes)
	count(db.TicketReview.Query(), &c.Reviews)
	if err != nil {
		return nil, fmt.Errorf("count the catalogue: %w", err)
	}

	// Onboarded members who can sign in with the dev login (no Kakao id).
	all, err := db.Member.Query().
		Where(member.RoleEQ(member.RoleMEMBER), member.KakaoIDIsNil(), member.EmailNEQ(""), member.HasPreference()).
		Order(member.ByID()).
		Select(member.FieldID, member.FieldEmail).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	if len(all) == 0 {
		return nil, errors.New("the database has no onboarded members to sign in as (seed it first: --seed-first)")
	}
	byID := map[int]*signedIn{}
	pick := func(m *ent.Member) *signedIn {
		if s, ok := byID[m.ID]; ok {
			return s
		}
		s := &signedIn{id: m.ID, email: m.Email}
		byID[m.ID] = s
		f.members = append(f.members, s)
		return s
	}
	// Full books, and their owners.
	var perBook []struct {
		BookID int `json:"book_id"`
		Count  int `json:"count"`
	}
	if err := db.TicketReview.Query().GroupBy(ticketreview.FieldBookID).Aggregate(ent.Count()).Scan(ctx, &perBook); err != nil {
		return nil, fmt.Errorf("books: %w", err)
	}
	var full []int
	for _, b := range perBook {
		if b.Count == reference.Static.Limits.TicketsPerBook {
			full = append(full, b.BookID)
		}
	}
	slices.Sort(full)
	r.Shuffle(len(full), func(i, j int) { full[i], full[j] = full[j], full[i] })
	// A quarter of the members signed in read their full book.
	full = full[:min(max(1, n/4), len(full))]
	if len(full) > 0 {
		books, err := db.ClacoBook.Query().Where(clacobook.IDIn(full...)).Order(clacobook.ByID()).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("books: %w", err)
		}
		owners := map[int]*ent.Member{}
		for _, m := range all {
			owners[m.ID] = m
		}
		for _, b := range books {
			if m, ok := owners[b.MemberID]; ok {
				f.books = append(f.books, book{id: b.ID, owner: pick(m)})
			}
		}
	}

	// The rest are members drawn at random.
	for _, i := range r.Perm(len(all)) {
		if len(f.members) >= n {
			break
		}
		pick(all[i])
	}

	if f.liveConcerts, err = db.Concert.Query().Where(concert.EndDateGTE(today)).Order(concert.ByID()).IDs(ctx); err != nil {
		return nil, fmt.Errorf("concerts: %w", err)
	}
	var reviewed []struct {
		ConcertID int `json:"concert_id"`
		Count     int `json:"count"`
	}
	if err := db.TicketReview.Query().GroupBy(ticketreview.FieldConcertID).Aggregate(ent.Count()).Scan(ctx, &reviewed); err != nil {
		return nil, fmt.Errorf("reviewed concerts: %w", err)
	}
	for _, c := range reviewed {
		f.reviewedConcerts = append(f.reviewedConcerts, c.ConcertID)
	}
	slices.Sort(f.reviewedConcerts)
	if len(f.liveConcerts) == 0 && len(f.reviewedConcerts) == 0 {
		return nil, errors.New("the database has no concerts that have not ended")
	}
	sample := make([]int, 0, 500)
	for _, i := range r.Perm(len(f.liveConcerts))[:min(500, len(f.liveConcerts))] {
		sample = append(sample, f.liveConcerts[i])
	}
	titles, err := db.Concert.Query().Where(concert.IDIn(sample...)).Order(concert.ByID()).Select(concert.FieldTitle).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("titles: %w", err)
	}
	f.titles = titles
	if len(f.titles) == 0 {
		f.titles = []string{"오케스트라"}
	}
	return f, nil
}

// usable says which scenarios the fixtures cannot serve, and why.
func (f *fixtures) usable(s scenario) error {
	if s.name == "book" && len(f.books) == 0 {
		return errors.New("no book holds 20 tickets")
	}
	return nil
}

// signIn gets an access token for every member through the dev login, the
// way the front end of a dev server does: the server answers for the
// member the e-mail belongs to, and keeps a session for them.
func signIn(ctx context.Context, client *http.Client, endpoint string, members []*signedIn) error {
	const q = `mutation SignIn($email: String!) { devLogin(email: $email) { accessToken member { id role } } }`
	for _, m := range members {
		body, _ := json.Marshal(map[string]any{"operationName": "SignIn", "query": q, "variables": map[string]any{"email": m.email}})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("sign in %s: %w", m.email, err)
		}
		data, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return fmt.Errorf("sign in %s: %w", m.email, err)
		}
		var out struct {
			Data struct {
				DevLogin struct {
					AccessToken string
					Member      struct{ ID, Role string }
				}
			}
			Errors []struct{ Message string }
		}
		if err := json.Unmarshal(data, &out); err != nil || res.StatusCode != http.StatusOK || len(out.Errors) > 0 {
			return fmt.Errorf("sign in %s: HTTP %d: %s", m.email, res.StatusCode, truncate(string(data), 300))
		}
		got := out.Data.DevLogin
		if got.Member.ID != strconv.Itoa(m.id) || got.Member.Role != string(member.RoleMEMBER) {
			return fmt.Errorf("sign in %s: signed in as member %s (%s), want %d (MEMBER): is CLACO_DEV_LOGIN on and the member seeded?", m.email, got.Member.ID, got.Member.Role, m.id)
		}
		m.token = got.AccessToken
	}
	return nil
}

// freshDatabase makes an empty database for the seeder and returns its URL:
// a SQLite file in dir, or (when base is a MySQL URL) the MySQL database the
// URL names, which must be called claco_load…, dropped and created again.
func freshDatabase(ctx context.Context, base, dir, name string) (string, error) {
	if base == "" || isSQLite(base) {
		if base != "" {
			return "", errors.New("--seed-first makes its SQLite file in a temporary directory: leave --database-url out (or give a mysql:// URL)")
		}
		return "sqlite://" + dir + "/" + name + ".db", nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "mysql" && u.Scheme != "mariadb") {
		return "", fmt.Errorf("--database-url %q: want sqlite:// or mysql://", base)
	}
	db := strings.TrimPrefix(u.Path, "/")
	if db == "" {
		db = "claco_load"
	}
	if !strings.HasPrefix(db, "claco_load") || strings.ContainsFunc(db, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		return "", fmt.Errorf("--seed-first drops and recreates the database: it must be named claco_load… (lower case, digits, _), not %q", db)
	}
	cfg := mysql.NewConfig()
	cfg.Net, cfg.Addr = "tcp", u.Host
	if u.Port() == "" {
		cfg.Addr += ":3306"
	}
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return "", err
	}
	admin := sql.OpenDB(conn)
	defer admin.Close()
	for _, stmt := range []string{
		"DROP DATABASE IF EXISTS " + db,
		"CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
	} {
		if _, err := admin.ExecContext(ctx, stmt); err != nil {
			return "", fmt.Errorf("fresh MySQL database: %w", err)
		}
	}
	u.Path = "/" + db
	return u.String(), nil
}

func isSQLite(u string) bool {
	return strings.HasPrefix(u, "sqlite://") || strings.HasPrefix(u, "sqlite3://")
}

// dialectOf names the database kind of a URL for the report and its
// section key: sqlite (also when there is no URL: a seeded temporary file)
// or mysql.
func dialectOf(u string) string {
	if isSQLite(u) || u == "" {
		return "sqlite"
	}
	return "mysql"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
