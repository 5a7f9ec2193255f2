package library

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/reference"
)

// BookInput creates or changes a book; nil fields keep their value (or get
// the default on creation).
type BookInput struct {
	Title *string
	Color *string
}

// BooksOf returns a member's live books in creation order.
func (s *Service) BooksOf(ctx context.Context, memberID int) ([]*ent.ClacoBook, error) {
	return s.db.ClacoBook.Query().
		Where(clacobook.MemberID(memberID)).
		Order(clacobook.ByID()).
		All(ctx)
}

// VisibleBooks returns those of the books that the viewer may see — their
// own — by id, in one query. Others' books are simply absent.
func (s *Service) VisibleBooks(ctx context.Context, viewerID int, ids []int) (map[int]*ent.ClacoBook, error) {
	out := make(map[int]*ent.ClacoBook, len(ids))
	if viewerID == 0 {
		return out, nil
	}
	rows, err := s.db.ClacoBook.Query().Where(clacobook.IDIn(ids...), clacobook.MemberID(viewerID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("books: %w", err)
	}
	for _, b := range rows {
		out[b.ID] = b
	}
	return out, nil
}

// TicketCounts returns how many live tickets each book holds, in one query.
func (s *Service) TicketCounts(ctx context.Context, bookIDs []int) (map[int]int, error) {
	var rows []struct {
		BookID int `json:"book_id"`
		Count  int `json:"count"`
	}
	err := s.db.TicketReview.Query().
		Where(ticketreview.BookIDIn(bookIDs...)).
		GroupBy(ticketreview.FieldBookID).
		Aggregate(ent.Count()).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("ticket counts: %w", err)
	}
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.BookID] = r.Count
	}
	return out, nil
}

// CreateBook makes a book for the member: at most five live books.
func (s *Service) CreateBook(ctx context.Context, memberID int, in BookInput) (*ent.ClacoBook, error) {
	title, color, err := s.bookFields(in, "input")
	if err != nil {
		return nil, err
	}
	if title == nil {
		// Read before the write locks the member: the nickname is another
		// package's read, on another connection.
		t, err := s.defaultTitle(ctx, memberID)
		if err != nil {
			return nil, err
		}
		title = &t
	}
	var book *ent.ClacoBook
	err = s.write(ctx, memberID, nil, func(tx *ent.Client) error {
		var err error
		book, err = s.newBook(ctx, tx, memberID, *title, color)
		return err
	})
	return book, err
}

// newBook creates a book inside a write, checking the limit.
func (s *Service) newBook(ctx context.Context, tx *ent.Client, memberID int, title string, color *string) (*ent.ClacoBook, error) {
	n, err := tx.ClacoBook.Query().Where(clacobook.MemberID(memberID)).Count(ctx)
	if err != nil {
		return nil, err
	}
	if n >= limits.BooksPerMember {
		return nil, apperr.New(apperr.LimitExceeded, "a member keeps at most %d books", limits.BooksPerMember)
	}
	c := defaultColor()
	if color != nil {
		c = *color
	}
	return tx.ClacoBook.Create().SetMemberID(memberID).SetTitle(title).SetColor(c).Save(ctx)
}

// UpdateBook changes the title or colour of the member's book.
func (s *Service) UpdateBook(ctx context.Context, memberID, bookID int, in BookInput) (*ent.ClacoBook, error) {
	title, color, err := s.bookFields(in, "input")
	if err != nil {
		return nil, err
	}
	var book *ent.ClacoBook
	err = s.write(ctx, memberID, nil, func(tx *ent.Client) error {
		if _, err := ownBook(ctx, tx, memberID, bookID, "id"); err != nil {
			return err
		}
		book, err = tx.ClacoBook.UpdateOneID(bookID).SetNillableTitle(title).SetNillableColor(color).Save(ctx)
		return err
	})
	return book, err
}

// DeleteBook soft-deletes the member's book with its tickets and their
// photos; the photo files go once the delete has committed.
func (s *Service) DeleteBook(ctx context.Context, memberID, bookID int) error {
	files := s.changes()
	return s.write(ctx, memberID, files, func(tx *ent.Client) error {
		if _, err := ownBook(ctx, tx, memberID, bookID, "id"); err != nil {
			return err
		}
		tickets, err := tx.TicketReview.Query().Where(ticketreview.BookID(bookID)).IDs(ctx)
		if err != nil {
			return err
		}
		if err := removeTickets(ctx, tx, files, tickets); err != nil {
			return err
		}
		return tx.ClacoBook.DeleteOneID(bookID).Exec(ctx)
	})
}

// ownBook returns the member's live book, NOT_FOUND when there is none with
// the id, FORBIDDEN when it is another member's.
func ownBook(ctx context.Context, tx *ent.Client, memberID, bookID int, field string) (*ent.ClacoBook, error) {
	b, err := tx.ClacoBook.Get(ctx, bookID)
	if ent.IsNotFound(err) {
		return nil, &apperr.Error{Code: apperr.NotFound, Field: field, Message: "there is no such book"}
	}
	if err != nil {
		return nil, err
	}
	if b.MemberID != memberID {
		return nil, &apperr.Error{Code: apperr.Forbidden, Field: field, Message: "the book is another member's"}
	}
	return b, nil
}

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// bookFields validates a book input.
func (s *Service) bookFields(in BookInput, prefix string) (title, color *string, err error) {
	if in.Title != nil {
		t := strings.TrimSpace(*in.Title)
		bounds := limits.BookTitleChars
		if n := utf8.RuneCountInString(t); n < bounds[0] || n > bounds[1] {
			return nil, nil, apperr.Invalid(prefix+".title", "a book title has %d to %d characters", bounds[0], bounds[1])
		}
		title = &t
	}
	if in.Color != nil {
		if !hexColor.MatchString(*in.Color) {
			return nil, nil, apperr.Invalid(prefix+".color", "a colour is written #RRGGBB")
		}
		c := strings.ToUpper(*in.Color)
		color = &c
	}
	return title, color, nil
}

// defaultTitle is "{nickname}님의 이야기".
func (s *Service) defaultTitle(ctx context.Context, memberID int) (string, error) {
	nick, err := s.nicknames.Nickname(ctx, memberID)
	if err != nil {
		return "", err
	}
	return nick + "님의 이야기", nil
}

func defaultColor() string { return reference.Static.BookColors[0] }
