package main

import "testing"

// TestConcertsAndReviewsAreResolvedInLine: the types listed in resolvedInLine are
// the schema's, so a renamed type cannot silently fall back.
func TestConcertsAndReviewsAreResolvedInLine(t *testing.T) {
	now := nowObjects(clacoSchema(t).Objects)
	if len(now) != len(resolvedInLine) || !now["_Concert"] || !now["_TicketReview"] {
		t.Fatalf("resolved in line: %v, want the marshallers of %v", now, resolvedInLine)
	}
}
