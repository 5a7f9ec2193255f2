package main

import "github.com/99designs/gqlgen/codegen"

// resolvedInLine are the types whose fields are resolved one after another
// on the object's own goroutine (gqlobject.ResolveNow), with why that never
// makes a field wait for a batch it could have joined.
var resolvedInLine = map[string]string{
	// Every resolver that hands out concerts announces them
	// (loader.AnnounceConcerts): the first load of a concert's keywords,
	// likes, review statistics, review page or similar concerts fetches
	// those of every announced concert at once, and the rest read the
	// result. On the browse page the goroutines a concert's three loaded
	// fields got were a tenth of the server's CPU, mostly growing stacks.
	"Concert": "announced by every resolver that returns concerts",
	// Likewise loader.AnnounceReviews: a review's concert, author, book,
	// tags, venue impressions and photos. A book's page of 20 tickets gave
	// 40 goroutines.
	"TicketReview": "announced by every resolver that returns reviews",
}

// nowObjects names the marshallers (_Type) of the types resolved in line.
func nowObjects(objects codegen.Objects) map[string]bool {
	names := map[string]bool{}
	for _, obj := range objects {
		if _, ok := resolvedInLine[obj.Name]; ok && !obj.Root {
			names["_"+obj.Name] = true
		}
	}
	return names
}
