package main

import "testing"

// TestConcertsAreResolvedInLine: the types listed in resolvedInLine are
// the schema's, so a renamed type cannot silently fall back.
func TestConcertsAreResolvedInLine(t *testing.T) {
	now := nowObjects(clacoSchema(t).Objects)
	if len(now) != len(resolvedInLine) || !now["_Concert"] {
		t.Fatalf("resolved in line: %v, want the marshallers of %v", now, resolvedInLine)
	}
}
