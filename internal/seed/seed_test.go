package seed_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/seed"
	"github.com/claco/claco/internal/testdb"
)

// small is a catalogue a test seeds in well under a second.
func small(s uint64) seed.Config {
	return seed.Config{Seed: s, Concerts: 300, Members: 40, Likes: 1500, Reviews: 400, Today: apitest.Today}
}

func seeded(t *testing.T, cfg seed.Config) (*database.DB, seed.Summary) {
	t.Helper()
	db := testdb.Open(t)
	sum, err := seed.Run(context.Background(), db.Client, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return db, sum
}

// The tables the seeder writes, every column (ids and timestamps included).
var seededTables = []string{
	"concerts", "concert_keywords", "members", "preferences", "preference_keywords",
	"concert_likes", "claco_books", "ticket_reviews", "ticket_review_tags", "ticket_review_place_reviews",
}

func dump(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range seededTables {
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY 1, 2")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.RawBytes, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fields := make([]string, len(vals))
			for i, v := range vals {
				fields[i] = cols[i] + "=" + string(v)
			}
			out[table] = append(out[table], strings.Join(fields, " "))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestSameSeedSameRows(t *testing.T) {
	a, sumA := seeded(t, small(7))
	b, sumB := seeded(t, small(7))
	sumA.Elapsed, sumB.Elapsed = 0, 0
	if sumA != sumB {
		t.Fatalf("summaries differ:\n%+v\n%+v", sumA, sumB)
	}
	rowsA, rowsB := dump(t, a.SQL), dump(t, b.SQL)
	for _, table := range seededTables {
		if len(rowsA[table]) == 0 {
			t.Errorf("%s: no rows", table)
		}
		if len(rowsA[table]) != len(rowsB[table]) {
			t.Errorf("%s: %d rows, then %d", table, len(rowsA[table]), len(rowsB[table]))
			continue
		}
		for i := range rowsA[table] {
			if rowsA[table][i] != rowsB[table][i] {
				t.Errorf("%s row %d differs:\n%s\n%s", table, i, rowsA[table][i], rowsB[table][i])
				break
			}
		}
	}

	c, _ := seeded(t, small(8))
	if rowsC := dump(t, c.SQL); strings.Join(rowsC["concerts"], "\n") == strings.Join(rowsA["concerts"], "\n") {
		t.Error("seeds 7 and 8 made the same concerts")
	}
}

func TestShapeOfTheData(t *testing.T) {
	db, sum := seeded(t, small(1))
	ctx := context.Background()
	limits := reference.Static.Limits
	if sum.Concerts != 300 || sum.Members != 40 || sum.Likes != 1500 || sum.Reviews != 400 {
		t.Fatalf("summary %+v, want every size met", sum)
	}
	if ended := float64(sum.Ended) / float64(sum.Concerts); ended < 0.3 || ended > 0.5 {
		t.Errorf("%.0f%% of concerts ended, want about 40%%", 100*ended)
	}
	if sum.FullBooks == 0 {
		t.Error("no book holds the maximum number of tickets")
	}
	// The product's limits hold: books per member, tickets per book.
	var perMember []struct {
		MemberID int `json:"member_id"`
		Count    int `json:"count"`
	}
	db.ClacoBook.Query().GroupBy(clacobook.FieldMemberID).Aggregate(ent.Count()).ScanX(ctx, &perMember)
	for _, m := range perMember {
		if m.Count > limits.BooksPerMember {
			t.Errorf("member %d has %d books", m.MemberID, m.Count)
		}
	}
	var perBook []struct {
		BookID int `json:"book_id"`
		Count  int `json:"count"`
	}
	db.TicketReview.Query().GroupBy(ticketreview.FieldBookID).Aggregate(ent.Count()).ScanX(ctx, &perBook)
	for _, b := range perBook {
		if b.Count > limits.TicketsPerBook {
			t.Errorf("book %d has %d tickets", b.BookID, b.Count)
		}
	}
	// Popularity is skewed: the most liked concert has many times the mean.
	var perConcert []struct {
		ConcertID int `json:"concert_id"`
		Count     int `json:"count"`
	}
	db.ConcertLike.Query().GroupBy(concertlike.FieldConcertID).Aggregate(ent.Count()).ScanX(ctx, &perConcert)
	most := 0
	for _, c := range perConcert {
		most = max(most, c.Count)
	}
	if mean := float64(sum.Likes) / float64(sum.Concerts); float64(most) < 3*mean {
		t.Errorf("the most liked concert has %d likes, the mean is %.1f: popularity is not skewed", most, mean)
	}
	if _, err := seed.Run(ctx, db.Client, small(1)); err == nil {
		t.Error("seeding a database that has concerts succeeded")
	}
}

// The server's own queries see the seeded catalogue and members.
func TestServerSeesTheData(t *testing.T) {
	db, sum := seeded(t, small(3))
	api := apitest.NewOver(t, db, apitest.WithDevLogin())
	ctx := context.Background()

	var browse struct {
		Concerts struct{ TotalCount int }
	}
	api.Query(`{ concerts(first: 20) { totalCount edges { node { id title keywords { score keyword { name } } likeCount } } } }`, nil).MustData(t, &browse)
	if want := sum.Concerts - sum.Ended; browse.Concerts.TotalCount != want {
		t.Errorf("concerts totalCount %d, want %d (not ended)", browse.Concerts.TotalCount, want)
	}

	// The owner of a full book signs in as the member they are.
	full := db.ClacoBook.Query().Where(clacobook.HasTicketsWith()).AllX(ctx)
	var bookID, ownerID int
	for _, b := range full {
		if n := db.TicketReview.Query().Where(ticketreview.BookID(b.ID)).CountX(ctx); n == reference.Static.Limits.TicketsPerBook {
			bookID, ownerID = b.ID, b.MemberID
			break
		}
	}
	if bookID == 0 {
		t.Fatal("no full book")
	}
	owner := db.Member.Query().Where(member.ID(ownerID)).OnlyX(ctx)
	dev := api.NewDevice("seed-test")
	if got := dev.DevLogin(owner.Email, ""); got.Member.ID != fmt.Sprint(ownerID) || got.Member.Role != "MEMBER" {
		t.Fatalf("devLogin as %s: %+v, want member %d with role MEMBER", owner.Email, got.Member, ownerID)
	}
	var me struct {
		Me struct {
			Nickname   string
			Preference struct{ Keywords []struct{ Key string } }
			Liked      struct{ TotalCount int } `json:"likedConcerts"`
		}
		Node struct {
			TicketCount int
			Tickets     struct {
				Edges []struct{ Node struct{ Rating float64 } }
			}
		}
		RecommendedConcerts []struct{ Concert struct{ ID string } }
	}
	dev.Query(`query($book: ID!) {
		me { nickname preference { keywords { key } } likedConcerts { totalCount } }
		node(id: $book) { ... on ClacoBook { ticketCount tickets(first: 20) { edges { node { rating } } } } }
		recommendedConcerts(limit: 5) { concert { id } }
	}`, map[string]any{"book": bookID}).MustData(t, &me)
	if me.Me.Nickname != *owner.Nickname || len(me.Me.Preference.Keywords) != 5 {
		t.Errorf("me: %+v", me.Me)
	}
	if want := db.ConcertLike.Query().Where(concertlike.MemberID(ownerID)).CountX(ctx); me.Me.Liked.TotalCount != want {
		t.Errorf("likedConcerts totalCount %d, want %d", me.Me.Liked.TotalCount, want)
	}
	if me.Node.TicketCount != 20 || len(me.Node.Tickets.Edges) != 20 {
		t.Errorf("book: ticketCount %d, %d tickets, want 20", me.Node.TicketCount, len(me.Node.Tickets.Edges))
	}
	if len(me.RecommendedConcerts) == 0 {
		t.Error("no recommendations for a seeded member")
	}
}
