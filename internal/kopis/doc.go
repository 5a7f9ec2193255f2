// Package kopis owns Claco's side of the KOPIS open API (the Korean
// performing-arts database): the XML of its list and detail responses, the
// parsing of its free-text fields (seat prices, running time, dates, genres)
// and an HTTP client that pages through a period and fetches details.
//
// It knows nothing of the database; internal/importer turns what this package
// returns into concerts.
package kopis
