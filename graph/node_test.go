package graph_test

import (
	"testing"

	"github.com/claco/claco/internal/apitest"
)

func TestNodeResolvesConcertsAndNullsTheUnknown(t *testing.T) {
	api := apitest.New(t)
	c := api.Concert(apitest.ConcertSpec{Title: "노드"})
	var one struct {
		Node *struct {
			Typename string `json:"__typename"`
			Title    string
		}
	}
	api.Query(`query($id: ID!) { node(id: $id) { __typename ... on Concert { title } } }`, map[string]any{"id": c.ID}).MustData(t, &one)
	if one.Node == nil || one.Node.Typename != "Concert" || one.Node.Title != "노드" {
		t.Fatalf("node: %+v", one.Node)
	}
	for _, id := range []int{999, 1 << 50} {
		api.Query(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}).MustData(t, &one)
		if one.Node != nil {
			t.Fatalf("node(%d) = %+v, want null", id, one.Node)
		}
	}
	var many struct {
		Nodes []*struct{ ID string }
	}
	api.Query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []int{c.ID, 999, 1 << 50}}).MustData(t, &many)
	if len(many.Nodes) != 3 || many.Nodes[0] == nil || many.Nodes[1] != nil || many.Nodes[2] != nil {
		t.Fatalf("nodes: %+v", many.Nodes)
	}
}
