package store

import (
	"context"

	"github.com/whosaid/whosaid/kg"
)

// actorProjection is the map projection every actor query returns, decoded by
// actorFrom.
const actorProjection = `a {.id, .kind, .name_en, .name_ar, .aliases_en, .aliases_ar, .wikidata, .iso, .org_type, .description}`

// actorWhere filters actors by the optional $kind and $name parameters.
const actorWhere = `($kind IS NULL OR a.kind = $kind)
  AND ($name IS NULL OR any(n IN [a.name_en, a.name_ar] + coalesce(a.aliases_en, []) + coalesce(a.aliases_ar, [])
                          WHERE toLower(n) CONTAINS toLower($name)))`

// Actors returns up to first actors ordered by id, after the id afterID
// (keyset pagination: no SKIP), and whether more follow.
func (s *Store) Actors(ctx context.Context, f kg.ActorFilter, first int, afterID string) ([]kg.Actor, bool, error) {
	res, err := s.read(ctx, "actors", `
MATCH (a:Actor)
WHERE a.id > $after AND `+actorWhere+`
RETURN `+actorProjection+` AS a
ORDER BY a.id
LIMIT $limit`, map[string]any{
		"after": afterID, // '' sorts before every id, so the id index serves the first page too
		"kind":  kindParam(f.Kind), "name": strParam(f.Name), "limit": first + 1,
	})
	if err != nil {
		return nil, false, err
	}
	return page(res, "a", first, actorFrom)
}

// CountActors counts the actors matching f; the API asks only when a client
// selects totalCount.
func (s *Store) CountActors(ctx context.Context, f kg.ActorFilter) (int, error) {
	res, err := s.read(ctx, "actors.count", `
MATCH (a:Actor) WHERE a.id > '' AND `+actorWhere+`
RETURN count(a) AS n`, map[string]any{"kind": kindParam(f.Kind), "name": strParam(f.Name)})
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
