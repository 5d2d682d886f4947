package store

import (
	"context"

	"github.com/whosaid/whosaid/kg"
)

// actorProjection is the map projection every actor query returns, decoded by
// actorFrom.
const actorProjection = `a {.id, .kind, .name_en, .name_ar, .aliases_en, .aliases_ar, .wikidata, .iso, .org_type, .description}`

// actorWhere filters actors by kind and name. A name is compared folded
// with the stored names_key (foldName), and only when given, so that the
// planner can answer it from the text index.
func actorWhere(f kg.ActorFilter) (string, map[string]any) {
	where := `($kind IS NULL OR a.kind = $kind)`
	params := map[string]any{"kind": kindParam(f.Kind)}
	if f.Name != nil {
		if name := nameQuery(*f.Name); name != nil {
			where += ` AND a.names_key CONTAINS $name`
			params["name"] = name
		}
	}
	return where, params
}

// Actors returns up to first actors ordered by id, after the id afterID
// (keyset pagination: no SKIP), and whether more follow.
func (s *Store) Actors(ctx context.Context, f kg.ActorFilter, first int, afterID string) ([]kg.Actor, bool, error) {
	where, params := actorWhere(f)
	params["after"] = afterID // '' sorts before every id, so the id index serves the first page too
	params["limit"] = first + 1
	res, err := s.read(ctx, "actors", `
MATCH (a:Actor)
WHERE a.id > $after AND `+where+`
RETURN `+actorProjection+` AS a
ORDER BY a.id
LIMIT $limit`, params)
	if err != nil {
		return nil, false, err
	}
	return page(res, "a", first, actorFrom)
}

// CountActors counts the actors matching f; the API asks only when a client
// selects totalCount.
func (s *Store) CountActors(ctx context.Context, f kg.ActorFilter) (int, error) {
	where, params := actorWhere(f)
	res, err := s.read(ctx, "actors.count", `
MATCH (a:Actor) WHERE a.id > '' AND `+where+`
RETURN count(a) AS n`, params)
	if err != nil {
		return 0, err
	}
	return int(single[int64](res, "n")), nil
}

// ActorsByID returns the actors with the given ids, keyed by id; ids that do
// not exist are absent from the map.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]kg.Actor, error) {
	res, err := s.read(ctx, "actors.byId", `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN `+actorProjection+` AS a`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return byID(res, "a", actorFrom, func(a kg.Actor) string { return a.ID }), nil
}

func actorFrom(v any) kg.Actor {
	m, _ := v.(map[string]any)
	return kg.Actor{
		ID:          str(m["id"]),
		Kind:        kg.ActorKind(str(m["kind"])),
		Name:        kg.Names{En: str(m["name_en"]), Ar: str(m["name_ar"])},
		Aliases:     kg.Aliases{En: strs(m["aliases_en"]), Ar: strs(m["aliases_ar"])},
		Wikidata:    str(m["wikidata"]),
		ISO:         str(m["iso"]),
		OrgType:     str(m["org_type"]),
		Description: str(m["description"]),
	}
}

func kindParam(k *kg.ActorKind) any {
	if k == nil {
		return nil
	}
	return string(*k)
}

func strParam(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	return *s
}
