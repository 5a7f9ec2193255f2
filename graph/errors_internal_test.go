package graph

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/claco/claco/internal/apperr"
)

func TestPresentErrorKeepsDomainErrorsAndHidesFaults(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	present := PresentError(log)
	ctx := context.Background()

	got := present(ctx, graphql.ErrorOnPath(ctx, apperr.Invalid("input.nickname", "too short")))
	if got.Message != "too short" || got.Extensions["code"] != "BAD_USER_INPUT" || got.Extensions["field"] != "input.nickname" {
		t.Fatalf("domain error presented as %+v", got)
	}

	fault := internalError{errors.New(`Error 1062: Duplicate entry 'x' for key 'members.nickname'`)}
	got = present(ctx, graphql.ErrorOnPath(ctx, fault))
	if got.Message != "internal error" || got.Extensions["code"] != "INTERNAL" {
		t.Fatalf("fault presented as %+v", got)
	}
	if !strings.Contains(logs.String(), "Duplicate entry") {
		t.Fatal("fault not logged")
	}
}

func TestRecoverTurnsPanicsIntoInternalErrors(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	err := Recover(log)(context.Background(), "boom")
	got := PresentError(log)(context.Background(), graphql.ErrorOnPath(context.Background(), err))
	if got.Extensions["code"] != "INTERNAL" || strings.Contains(got.Message, "boom") {
		t.Fatalf("panic presented as %+v", got)
	}
	if !strings.Contains(logs.String(), "boom") || !strings.Contains(logs.String(), "goroutine") {
		t.Fatalf("panic not logged with its stack:\n%s", logs.String())
	}
}
