package graph

import (
	"io"

	"github.com/claco/claco/internal/library"
)

// ticket turns the GraphQL input into the library's.
func (in TicketReviewInput) ticket() library.TicketInput {
	images := make([]io.Reader, 0, len(in.Images))
	for _, img := range in.Images {
		if img != nil {
			images = append(images, img.File)
		}
	}
	return library.TicketInput{
		ConcertID: in.ConcertID, BookID: in.BookID,
		WatchDate: in.WatchDate, WatchRound: in.WatchRound, Seat: in.Seat,
		Rating: in.Rating, Castings: in.Castings, Content: in.Content,
		TagIDs: in.TagIds, PlaceIDs: in.PlaceCategoryIds, Images: images,
	}
}

// change turns the GraphQL input into the library's.
func (in TicketReviewUpdateInput) change() library.TicketChange {
	return library.TicketChange{
		WatchDate: in.WatchDate, WatchRound: in.WatchRound, Seat: in.Seat,
		Rating: in.Rating, Castings: in.Castings, Content: in.Content,
	}
}
