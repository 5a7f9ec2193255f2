package library

import (
	"context"
	"io"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/ticketimage"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/upload"
)

// TicketInput is a new ticket review.
type TicketInput struct {
	ConcertID int
	// BookID is the book to keep it in; nil means the member's first book,
	// made if they have none.
	BookID     *int
	WatchDate  time.Time
	WatchRound string
	Seat       *string
	Rating     float64
	Castings   []string
	Content    string
	TagIDs     []int
	PlaceIDs   []int
	Images     []io.Reader
}

// TicketChange changes a ticket review; nil fields stay.
type TicketChange struct {
	WatchDate  *time.Time
	WatchRound *string
	Seat       *string
	Rating     *float64
	Castings   []string // nil: unchanged; empty: none
	Content    *string
}

// CreateTicket writes a ticket review of a concert into one of the member's
// books, which must have room. Its photos are stored only if it is created.
func (s *Service) CreateTicket(ctx context.Context, memberID int, in TicketInput) (*ent.TicketReview, error) {
	fields, err := s.checkTicket(in)
	if err != nil {
		return nil, err
	}
	if len(in.Images) > limits.ReviewImages {
		return nil, &apperr.Error{Code: apperr.LimitExceeded, Field: "input.images", Message: "a ticket has at most 3 photos"}
	}
	if ok, err := s.concerts.Exists(ctx, in.ConcertID); err != nil || !ok {
		if err == nil {
			err = &apperr.Error{Code: apperr.NotFound, Field: "input.concertId", Message: "there is no such concert"}
		}
		return nil, err
	}
	// A first ticket may make the member's first book, titled with their
	// nickname: read it before the write locks the member.
	firstTitle := ""
	if in.BookID == nil {
		if firstTitle, err = s.defaultTitle(ctx, memberID); err != nil {
			return nil, err
		}
	}
	files := s.changes()
	urls := make([]string, len(in.Images))
	for i, img := range in.Images {
		if urls[i], err = files.Add(ctx, img); err != nil {
			return nil, files.Finish(ctx, imageProblem(fieldIndex("input.images", i), err))
		}
	}
	var review *ent.TicketReview
	err = s.write(ctx, memberID, files, func(tx *ent.Client) error {
		book, err := s.bookForNewTicket(ctx, tx, memberID, in.BookID, firstTitle)
		if err != nil {
			return err
		}
		if err := hasRoom(ctx, tx, book.ID, "input.bookId"); err != nil {
			return err
		}
		create := tx.TicketReview.Create().
			SetMemberID(memberID).
			SetConcertID(in.ConcertID).
			SetBookID(book.ID).
			SetWatchDate(in.WatchDate).
			SetWatchRound(*fields.round).
			SetNillableSeat(fields.seat).
			SetRating(in.Rating).
			SetCastings(fields.castings).
			SetContent(in.Content).
			AddTagIDs(in.TagIDs...).
			AddPlaceReviewIDs(in.PlaceIDs...)
		if review, err = create.Save(ctx); err != nil {
			return err
		}
		for i, url := range urls {
			if err := tx.TicketImage.Create().SetReviewID(review.ID).SetURL(url).SetPosition(i).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	return review, err
}

// bookForNewTicket is the book a new ticket goes into: the one asked for, which
// must be the member's, or their first book, made if they have none.
func (s *Service) bookForNewTicket(ctx context.Context, tx *ent.Client, memberID int, bookID *int, firstTitle string) (*ent.ClacoBook, error) {
	if bookID != nil {
		return ownBook(ctx, tx, memberID, *bookID, "input.bookId")
	}
	first, err := tx.ClacoBook.Query().Where(clacobook.MemberID(memberID)).Order(clacobook.ByID()).First(ctx)
	if !ent.IsNotFound(err) {
		return first, err
	}
	return s.newBook(ctx, tx, memberID, firstTitle, nil)
}

// hasRoom fails with LIMIT_EXCEEDED when the book holds the most tickets it may.
func hasRoom(ctx context.Context, tx *ent.Client, bookID int, field string) error {
	n, err := tx.TicketReview.Query().Where(ticketreview.BookID(bookID)).Count(ctx)
	if err != nil {
		return err
	}
	if n >= limits.TicketsPerBook {
		return &apperr.Error{Code: apperr.LimitExceeded, Field: field, Message: "a book holds at most 20 tickets"}
	}
	return nil
}

// UpdateTicket changes the author's ticket review.
func (s *Service) UpdateTicket(ctx context.Context, memberID, reviewID int, in TicketChange) (*ent.TicketReview, error) {
	fields, err := checkChange(in)
	if err != nil {
		return nil, err
	}
	var review *ent.TicketReview
	err = s.write(ctx, memberID, nil, func(tx *ent.Client) error {
		if _, err := ownTicket(ctx, tx, memberID, reviewID); err != nil {
			return err
		}
		update := tx.TicketReview.UpdateOneID(reviewID).
			SetNillableWatchDate(in.WatchDate).
			SetNillableWatchRound(fields.round).
			SetNillableSeat(fields.seat).
			SetNillableRating(in.Rating).
			SetNillableContent(in.Content)
		if in.Castings != nil {
			update.SetCastings(fields.castings)
		}
		review, err = update.Save(ctx)
		return err
	})
	return review, err
}

// MoveTicket moves the author's ticket into another of their books, which
// must have room.
func (s *Service) MoveTicket(ctx context.Context, memberID, reviewID, bookID int) (*ent.TicketReview, error) {
	var review *ent.TicketReview
	err := s.write(ctx, memberID, nil, func(tx *ent.Client) error {
		r, err := ownTicket(ctx, tx, memberID, reviewID)
		if err != nil {
			return err
		}
		if _, err := ownBook(ctx, tx, memberID, bookID, "bookId"); err != nil {
			return err
		}
		if r.BookID == bookID {
			review = r
			return nil
		}
		if err := hasRoom(ctx, tx, bookID, "bookId"); err != nil {
			return err
		}
		review, err = tx.TicketReview.UpdateOneID(reviewID).SetBookID(bookID).Save(ctx)
		return err
	})
	return review, err
}

// DeleteTicket soft-deletes the author's ticket review with its photos.
func (s *Service) DeleteTicket(ctx context.Context, memberID, reviewID int) error {
	files := s.changes()
	return s.write(ctx, memberID, files, func(tx *ent.Client) error {
		if _, err := ownTicket(ctx, tx, memberID, reviewID); err != nil {
			return err
		}
		return removeTickets(ctx, tx, files, []int{reviewID})
	})
}

// SetTicketImage stores the rendered picture of the author's ticket,
// replacing (and in the end removing) the one before.
func (s *Service) SetTicketImage(ctx context.Context, memberID, reviewID int, file io.Reader) (*ent.TicketReview, error) {
	files := s.changes()
	url, err := files.Add(ctx, file)
	if err != nil {
		return nil, files.Finish(ctx, imageProblem("file", err))
	}
	var review *ent.TicketReview
	err = s.write(ctx, memberID, files, func(tx *ent.Client) error {
		r, err := ownTicket(ctx, tx, memberID, reviewID)
		if err != nil {
			return err
		}
		if r.TicketImageURL != nil {
			files.Drop(*r.TicketImageURL)
		}
		review, err = tx.TicketReview.UpdateOneID(reviewID).SetTicketImageURL(url).Save(ctx)
		return err
	})
	return review, err
}

// ownTicket returns the member's live ticket review, NOT_FOUND when there is
// none with the id, FORBIDDEN when another member wrote it.
func ownTicket(ctx context.Context, tx *ent.Client, memberID, reviewID int) (*ent.TicketReview, error) {
	r, err := tx.TicketReview.Get(ctx, reviewID)
	if ent.IsNotFound(err) {
		return nil, &apperr.Error{Code: apperr.NotFound, Field: "id", Message: "there is no such ticket review"}
	}
	if err != nil {
		return nil, err
	}
	if r.MemberID != memberID {
		return nil, &apperr.Error{Code: apperr.Forbidden, Field: "id", Message: "only its author may change a ticket review"}
	}
	return r, nil
}

// removeTickets soft-deletes tickets and their photos and drops the photo
// files (and rendered tickets) once the change commits. Tags and venue
// impressions stay linked to the deleted rows, as history.
func removeTickets(ctx context.Context, tx *ent.Client, files *upload.Changes, ids []int) error {
	if len(ids) == 0 {
		return nil
	}
	images, err := tx.TicketImage.Query().Where(ticketimage.ReviewIDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	rendered, err := tx.TicketReview.Query().Where(ticketreview.IDIn(ids...), ticketreview.TicketImageURLNotNil()).All(ctx)
	if err != nil {
		return err
	}
	for _, img := range images {
		files.Drop(img.URL)
	}
	for _, r := range rendered {
		files.Drop(*r.TicketImageURL)
	}
	if _, err := tx.TicketImage.Delete().Where(ticketimage.ReviewIDIn(ids...)).Exec(ctx); err != nil {
		return err
	}
	_, err = tx.TicketReview.Delete().Where(ticketreview.IDIn(ids...)).Exec(ctx)
	return err
}
