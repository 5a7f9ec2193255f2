// Package concertinfo owns the small value types stored inside a concert row
// (seat prices, booking links). It depends on nothing so that the ent schema,
// the KOPIS importer and the GraphQL layer can all share them.
package concertinfo

// SeatPrice is one seat class and its price in won, parsed from KOPIS's seat guidance.
type SeatPrice struct {
	Seat  string `json:"seat"`
	Price int    `json:"price"`
}

// BookingLink is a ticket vendor page for the concert.
type BookingLink struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}
