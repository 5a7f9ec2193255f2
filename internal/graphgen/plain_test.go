package main

import (
	"testing"
)

// TestPlainFieldsOfClacoSchema checks the choice on the real schema: fields
// read from the model of a scalar or enum type are plain; resolvers,
// objects, lists and fields with arguments are not.
func TestPlainFieldsOfClacoSchema(t *testing.T) {
	plain := plainFields(clacoSchema(t).Objects)
	for _, want := range []string{
		"_Concert_id", "_Concert_title", "_Concert_startDate", "_Concert_venue", "_Concert_genre",
		"_Concert_minPrice", "_Concert_posterUrl", "_ConcertKeyword_score", "_Keyword_name",
		"_PageInfo_hasNextPage", "___Field_name",
	} {
		if !plain[want] {
			t.Errorf("%s is not plain", want)
		}
	}
	for _, not := range []string{
		"_Concert_likeCount", "_Concert_state", "_Concert_keywords", "_Concert_cast",
		"_ConcertKeyword_keyword", "_ConcertEdge_node", "_PageInfo_endCursor", "_Query_concerts", "___Type_name",
	} {
		if plain[not] {
			t.Errorf("%s is plain", not)
		}
	}
}
