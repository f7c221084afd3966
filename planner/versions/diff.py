"""What an amendment (调整) changed between two versions of a plan: parcels added, removed, changed, split, merged.

Matching, in this order (thresholds below, README of the sample pair in sample_plans/README.md):

1. Same id. An id used more than once in a version is paired with its namesakes by overlap (largest first).
   An id pair whose parcels hardly overlap (less than SAME_ID_SHARE of each lies in the other) is an id
   reused for other land, not the same parcel: both sides go on to the geometry match.
2. Geometry, among the parcels left over plus the id pairs whose boundary was redrawn:
   * split: an old parcel holding two or more new ones, each lying MATCH_SHARE or more within it, that
     together cover MATCH_SHARE of it. One piece may keep the old id ("A-1" into "A-1" and "A-1a").
   * merged: the same the other way round.
   * renamed: a leftover old and a leftover new parcel each lying MATCH_SHARE or more within the other.
3. What is still left is removed (old) or added (new).

A pair (by id or renamed) is changed when a limit differs by meaning (the parsed bounds, so "≤2.5" is "2.5"
and "35%" is "0.35"), the land-use code differs once normalised (NFKC, no spaces, upper case: "R2／B1" is
"R2/B1"), or the boundary was redrawn (symmetric difference above RESHAPE_MIN_AREA and RESHAPE_SHARE of the
larger area). Both layers are brought to one metric CRS first, as `planner check` does (planner.io.crs.align).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import shapely

from planner.io.crs import align, crs_label, measured_in
from planner.io.layers import PlanLayer, natural_rank
from planner.model import INDICATORS, CheckWarning, InputInfo

__all__ = [
    "KINDS",
    "MATCH_SHARE",
    "RESHAPE_MIN_AREA",
    "RESHAPE_SHARE",
    "SAME_ID_SHARE",
    "Merge",
    "ParcelChange",
    "PlanDiff",
    "Split",
    "diff_plans",
]

#: What happened to a parcel row, for colouring a map (PlanDiff.old_kind / new_kind).
KINDS = ("unchanged", "changed", "renamed", "split", "merged", "added", "removed")

#: A parcel lying this share of its own area within another is "the same land": 0.9 both ways for a rename,
#: one way for a piece of a split or merge, and the pieces must cover this share of the whole together. 10 %
#: leaves room for the boundary being redrawn along with the renumbering, or a sliver of road going to a
#: neighbour, while a genuinely different parcel (a neighbour, half of a block) stays far below it.
MATCH_SHARE = 0.9
#: Two parcels of one id are still one parcel if at least half of either lies within the other: a parcel
#: that lost most of its land to a split keeps its id; an id handed to land elsewhere does not.
SAME_ID_SHARE = 0.5
#: A boundary counts as redrawn above 1 m² of symmetric difference (digitising noise and reprojection stay
#: well below) and 0.1 % of the larger area (a 10,000 m² parcel: 10 m², a 0.1 m shift along a 100 m side).
RESHAPE_MIN_AREA = 1.0
RESHAPE_SHARE = 0.001
#: Limits this close (relative) are one limit: "35%" read as 35/100 and "0.35" may differ in the last bit.
LIMIT_RTOL = 1e-9
LIMIT_ATOL = 1e-12
#: Vertices this close (m) are the same boundary without measuring areas: most parcels of an amendment are
#: copied unchanged, or went through a reprojection that moves them by far less.
SAME_VERTEX_TOLERANCE = 1e-3


@dataclass(frozen=True, slots=True)
class ParcelChange:
    """One parcel in both versions (same id, or renamed) that differs: limits, land use or boundary."""

    id: str  # the new id
    old_row: int
    new_row: int
    renamed_from: str | None
    #: indicator -> (old text, new text) for the indicators whose limits differ; None: not controlled.
    indicators: dict[str, tuple[str | None, str | None]]
    land_use: tuple[str | None, str | None] | None  # only when it differs
    geometry: bool  # the boundary was redrawn
    area_old: float
    area_new: float


@dataclass(frozen=True, slots=True)
class Split:
    old_id: str
    new_ids: tuple[str, ...]
    old_row: int
    new_rows: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Merge:
    old_ids: tuple[str, ...]
    new_id: str
    old_rows: tuple[int, ...]
    new_row: int


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """The difference of two plan versions. Lists are in natural id order; rows index the PlanLayers."""

    old: InputInfo
    new: InputInfo
    crs: str | None  # the working CRS both were measured in
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[ParcelChange, ...]  # including renamed parcels (renamed_from set)
    splits: tuple[Split, ...]
    merges: tuple[Merge, ...]
    unchanged: int
    warnings: tuple[CheckWarning, ...]
    added_rows: np.ndarray
    removed_rows: np.ndarray
    #: What happened to each row of the old / new layer, one of KINDS ("renamed" wins over "changed").
    old_kind: np.ndarray
    new_kind: np.ndarray
    #: The row of the other version a row is paired with one to one (same id or renamed), else -1.
    old_match: np.ndarray
    new_match: np.ndarray
    #: Both layers' parcels in the working CRS, to draw them on one map.
    old_geometry: np.ndarray
    new_geometry: np.ndarray

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed or self.splits or self.merges)

    @property
    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                "split": len(self.splits), "merged": len(self.merges), "unchanged": self.unchanged}


# --- the comparison --------------------------------------------------------------------------------

def diff_plans(old: PlanLayer, new: PlanLayer) -> PlanDiff:
    """What changed from `old` to `new`. Raises InputError when the two cannot be brought to one CRS."""
    working, (old_geom, new_geom), notes = align([(old.info.path, old.crs, old.geometry),
                                                  (new.info.path, new.crs, new.geometry)])
    area_old, area_new = shapely.area(old_geom), shapely.area(new_geom)
    n_old, n_new = len(old_geom), len(new_geom)

    po, pn, duplicated = _pair_by_id(old.ids, new.ids, old_geom, new_geom)
    redrawn, overlap = _redrawn(old_geom[po], new_geom[pn], area_old[po], area_new[pn])
    same_land = (overlap >= SAME_ID_SHARE * area_old[po]) | (overlap >= SAME_ID_SHARE * area_new[pn])
    po, pn, redrawn = po[same_land], pn[same_land], redrawn[same_land]
    old_match, new_match = np.full(n_old, -1), np.full(n_new, -1)
    old_match[po], new_match[pn] = pn, po

    # Only parcels without a partner, or whose boundary moved, can be part of a split, merge or rename.
    pool_old, pool_new = old_match < 0, new_match < 0
    pool_old[po[redrawn]] = True
    pool_new[pn[redrawn]] = True
    edges = _overlaps(old_geom, new_geom, area_old, area_new, np.flatnonzero(pool_old), np.flatnonzero(pool_new))
    splits, merges = _splits_and_merges(edges, n_old, n_new)
    used_old, used_new = np.zeros(n_old, dtype=bool), np.zeros(n_new, dtype=bool)
    for o, news in splits:
        used_old[o], used_new[list(news)] = True, True
    for olds, n in merges:
        used_old[list(olds)], used_new[n] = True, True

    # An id pair with either side in a split or merge is part of it; a partner left behind is free again.
    kept = ~(used_old[po] | used_new[pn])
    old_match[po[~kept]], new_match[pn[~kept]] = -1, -1
    po, pn, redrawn = po[kept], pn[kept], redrawn[kept]
    ro, rn = _renames(edges, (old_match < 0) & ~used_old, (new_match < 0) & ~used_new)
    old_match[ro], new_match[rn] = rn, ro

    pair_old, pair_new = np.concatenate([po, ro]), np.concatenate([pn, rn])
    renamed = np.r_[np.zeros(len(po), dtype=bool), np.ones(len(ro), dtype=bool)]
    redrawn = np.r_[redrawn, _redrawn(old_geom[ro], new_geom[rn], area_old[ro], area_new[rn])[0]]
    changes = _changes(old, new, pair_old, pair_new, renamed, redrawn, area_old, area_new)

    old_kind, new_kind = np.full(n_old, "removed", dtype=object), np.full(n_new, "added", dtype=object)
    old_kind[pair_old], new_kind[pair_new] = "unchanged", "unchanged"
    for c in changes:
        old_kind[c.old_row] = new_kind[c.new_row] = "renamed" if c.renamed_from is not None else "changed"
    for o, news in splits:
        old_kind[o], new_kind[list(news)] = "split", "split"
    for olds, n in merges:
        old_kind[list(olds)], new_kind[n] = "merged", "merged"
    removed_rows = _natural(np.flatnonzero(old_kind == "removed"), old.rank)
    added_rows = _natural(np.flatnonzero(new_kind == "added"), new.rank)

    warnings = _warnings(old, new, duplicated, notes)
    return PlanDiff(
        old=replace(old.info, measured_in=measured_in(old.crs, working)),
        new=replace(new.info, measured_in=measured_in(new.crs, working)), crs=crs_label(working),
        added=tuple(str(i) for i in new.ids[added_rows]), removed=tuple(str(i) for i in old.ids[removed_rows]),
        changed=tuple(sorted(changes, key=lambda c: new.rank[c.new_row])),
        splits=tuple(sorted((_split(old, new, o, news) for o, news in splits), key=lambda s: old.rank[s.old_row])),
        merges=tuple(sorted((_merge(old, new, olds, n) for olds, n in merges), key=lambda m: new.rank[m.new_row])),
        unchanged=len(pair_old) - len(changes), warnings=warnings, added_rows=added_rows, removed_rows=removed_rows,
        old_kind=old_kind, new_kind=new_kind, old_match=old_match, new_match=new_match,
        old_geometry=old_geom, new_geometry=new_geom)


def _natural(rows: np.ndarray, rank: np.ndarray) -> np.ndarray:
    return rows[np.argsort(rank[rows], kind="stable")]


def _split(old: PlanLayer, new: PlanLayer, o: int, news: tuple[int, ...]) -> Split:
    rows = tuple(int(n) for n in _natural(np.array(news), new.rank))
    return Split(str(old.ids[o]), tuple(str(new.ids[n]) for n in rows), int(o), rows)


def _merge(old: PlanLayer, new: PlanLayer, olds: tuple[int, ...], n: int) -> Merge:
    rows = tuple(int(o) for o in _natural(np.array(olds), old.rank))
    return Merge(tuple(str(old.ids[o]) for o in rows), str(new.ids[n]), rows, int(n))


# --- matching --------------------------------------------------------------------------------------

def _pair_by_id(old_ids: np.ndarray, new_ids: np.ndarray, old_geom: np.ndarray, new_geom: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, dict[str, list[tuple[str, int]]]]:
    """Rows of old and new sharing an id, and the ids used more than once per version ("old"/"new": id, count).

    Namesakes (an id used twice) are paired by overlap, largest first; the rest go on to the geometry match.
    """
    codes, uniques = pd.factorize(np.concatenate([old_ids, new_ids]).astype(object))
    old_codes, new_codes = codes[:len(old_ids)], codes[len(old_ids):]
    count_old = np.bincount(old_codes, minlength=len(uniques))
    count_new = np.bincount(new_codes, minlength=len(uniques))
    row_old, row_new = np.full(len(uniques), -1), np.full(len(uniques), -1)
    row_old[old_codes], row_new[new_codes] = np.arange(len(old_codes)), np.arange(len(new_codes))
    single = np.flatnonzero((count_old == 1) & (count_new == 1))
    po, pn = [row_old[single]], [row_new[single]]

    duplicated = {"old": [(str(uniques[k]), int(count_old[k])) for k in np.flatnonzero(count_old > 1)],
                  "new": [(str(uniques[k]), int(count_new[k])) for k in np.flatnonzero(count_new > 1)]}
    namesakes = np.flatnonzero(((count_old > 1) | (count_new > 1)) & (count_old > 0) & (count_new > 0))
    if len(namesakes):
        olds, news = _rows_by_code(old_codes, namesakes), _rows_by_code(new_codes, namesakes)
        for k in namesakes:
            a, b = _pair_namesakes(old_geom, new_geom, olds[k], news[k])
            po.append(a)
            pn.append(b)
    return np.concatenate(po).astype(np.int64), np.concatenate(pn).astype(np.int64), duplicated


def _rows_by_code(codes: np.ndarray, wanted: np.ndarray) -> dict[int, np.ndarray]:
    rows = np.flatnonzero(np.isin(codes, wanted))
    order = np.argsort(codes[rows], kind="stable")
    rows = rows[order]
    keys, starts = np.unique(codes[rows], return_index=True)
    return {int(k): part for k, part in zip(keys, np.split(rows, starts[1:]))}


def _pair_namesakes(old_geom: np.ndarray, new_geom: np.ndarray, olds: np.ndarray, news: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Parcels of one id in both versions, paired greedily by the area they share (none: no pair)."""
    shared = _intersection_area(old_geom[olds][:, None], new_geom[news][None, :])
    pairs_old, pairs_new = [], []
    for flat in np.argsort(-shared, axis=None, kind="stable"):
        i, j = divmod(int(flat), len(news))
        if shared[i, j] <= 0:
            break
        if i in pairs_old or j in pairs_new:
            continue
        pairs_old.append(i)
        pairs_new.append(j)
    return olds[pairs_old], news[pairs_new]


def _intersection_area(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    try:
        return shapely.area(shapely.intersection(a, b))
    except shapely.errors.GEOSException:
        # A ring that reprojection made touch itself: repair and retry (rare, so not done up front).
        return shapely.area(shapely.intersection(shapely.make_valid(a), shapely.make_valid(b)))


def _redrawn(a: np.ndarray, b: np.ndarray, area_a: np.ndarray, area_b: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: whether the boundary was redrawn (see RESHAPE_*), and the area the two share."""
    same = shapely.equals_exact(a, b, tolerance=SAME_VERTEX_TOLERANCE)
    shared = np.minimum(area_a, area_b)
    measure = np.flatnonzero(~same)
    shared[measure] = _intersection_area(a[measure], b[measure])
    symmetric = area_a + area_b - 2.0 * shared
    redrawn = symmetric > np.maximum(RESHAPE_MIN_AREA, RESHAPE_SHARE * np.maximum(area_a, area_b))
    return redrawn & ~same, shared


@dataclass(frozen=True, slots=True)
class _Edges:
    """Old/new parcel pairs of which one lies at least MATCH_SHARE within the other."""

    old: np.ndarray
    new: np.ndarray
    old_share: np.ndarray  # share of the old parcel's area inside the new one
    new_share: np.ndarray  # share of the new parcel's area inside the old one


def _overlaps(old_geom: np.ndarray, new_geom: np.ndarray, area_old: np.ndarray, area_new: np.ndarray,
              olds: np.ndarray, news: np.ndarray) -> _Edges:
    """The pairs among `olds` x `news` that could be a rename or a piece of a split or merge."""
    if not len(olds) or not len(news):
        empty = np.zeros(0)
        return _Edges(empty.astype(np.int64), empty.astype(np.int64), empty, empty)
    tree = shapely.STRtree(new_geom[news])
    query, found = tree.query(old_geom[olds])  # envelopes that meet
    o, n = olds[query], news[found]
    # The shared area cannot exceed the envelopes' overlap: neighbours sharing an edge (most of what the
    # tree finds on a street grid) are dropped without an intersection.
    bo, bn = shapely.bounds(old_geom[o]), shapely.bounds(new_geom[n])
    width = np.minimum(bo[:, 2], bn[:, 2]) - np.maximum(bo[:, 0], bn[:, 0])
    height = np.minimum(bo[:, 3], bn[:, 3]) - np.maximum(bo[:, 1], bn[:, 1])
    envelope = np.clip(width, 0, None) * np.clip(height, 0, None)
    maybe = envelope >= MATCH_SHARE * np.minimum(area_old[o], area_new[n])
    o, n = o[maybe], n[maybe]
    shared = _intersection_area(old_geom[o], new_geom[n])
    with np.errstate(divide="ignore", invalid="ignore"):
        old_share = np.where(area_old[o] > 0, shared / area_old[o], 0.0)
        new_share = np.where(area_new[n] > 0, shared / area_new[n], 0.0)
    keep = (old_share >= MATCH_SHARE) | (new_share >= MATCH_SHARE)
    return _Edges(o[keep], n[keep], old_share[keep], new_share[keep])


def _splits_and_merges(edges: _Edges, n_old: int, n_new: int
                       ) -> tuple[list[tuple[int, tuple[int, ...]]], list[tuple[tuple[int, ...], int]]]:
    """(old row, new rows) of each split and (old rows, new row) of each merge; a row takes part in one at most."""
    splits = _one_into_many(edges.old, edges.new, edges.new_share, edges.old_share, n_old)
    used_old = {o for o, _ in splits}
    used_new = {n for _, news in splits for n in news}
    merges = []
    for n, olds in _one_into_many(edges.new, edges.old, edges.old_share, edges.new_share, n_new):
        if n not in used_new and not used_old.intersection(olds):
            merges.append((olds, n))
    return splits, merges


def _one_into_many(whole: np.ndarray, piece: np.ndarray, piece_share: np.ndarray, whole_share: np.ndarray,
                   n_whole: int) -> list[tuple[int, tuple[int, ...]]]:
    """Wholes holding two or more pieces (each MATCH_SHARE inside) that cover MATCH_SHARE of them together."""
    inside = piece_share >= MATCH_SHARE
    order = np.argsort(whole[inside], kind="stable")
    w, p, cover = whole[inside][order], piece[inside][order], whole_share[inside][order]
    count = np.bincount(w, minlength=n_whole)
    covered = np.bincount(w, weights=cover, minlength=n_whole)
    found = np.flatnonzero((count >= 2) & (covered >= MATCH_SHARE))
    starts = np.searchsorted(w, found)
    result, taken = [], set()
    for k in np.argsort(-covered[found], kind="stable"):
        start = starts[k]
        pieces = tuple(int(x) for x in p[start:start + count[found[k]]] if int(x) not in taken)
        if len(pieces) >= 2:  # where pieces overlap (bad data) the best-covered whole takes them
            taken.update(pieces)
            result.append((int(found[k]), pieces))
    return result


def _renames(edges: _Edges, free_old: np.ndarray, free_new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Free old and new parcels each lying MATCH_SHARE within the other, best overlap first, one to one."""
    both = (edges.old_share >= MATCH_SHARE) & (edges.new_share >= MATCH_SHARE)
    both &= free_old[edges.old] & free_new[edges.new]
    o, n = edges.old[both], edges.new[both]
    # Intersection over union from the two shares: I/A = s, I/B = t  ->  I/(A+B-I) = 1/(1/s + 1/t - 1).
    fit = 1.0 / (1.0 / edges.old_share[both] + 1.0 / edges.new_share[both] - 1.0)
    pairs_old, pairs_new, seen_old, seen_new = [], [], set(), set()
    for k in np.argsort(-fit, kind="stable"):
        a, b = int(o[k]), int(n[k])
        if a not in seen_old and b not in seen_new:
            seen_old.add(a)
            seen_new.add(b)
            pairs_old.append(a)
            pairs_new.append(b)
    return np.array(pairs_old, dtype=np.int64), np.array(pairs_new, dtype=np.int64)


# --- what changed on a pair ------------------------------------------------------------------------

def _changes(old: PlanLayer, new: PlanLayer, po: np.ndarray, pn: np.ndarray, renamed: np.ndarray,
             redrawn: np.ndarray, area_old: np.ndarray, area_new: np.ndarray) -> list[ParcelChange]:
    """A ParcelChange for every pair that differs (and every rename)."""
    written_old, written_new = _written(old), _written(new)
    differs = {i: _limit_differs(old, new, written_old[i], written_new[i], po, pn, i) for i in INDICATORS}
    codes_old, codes_new = _land_use_key(old.land_use[po]), _land_use_key(new.land_use[pn])
    land_use = codes_old != codes_new
    any_change = renamed | redrawn | land_use | np.logical_or.reduce([differs[i] for i in INDICATORS])
    changes = []
    for k in np.flatnonzero(any_change):
        o, n = int(po[k]), int(pn[k])
        indicators = {i: (_shown(written_old[i][o]), _shown(written_new[i][n])) for i in INDICATORS
                      if differs[i][k]}
        changes.append(ParcelChange(
            id=str(new.ids[n]), old_row=o, new_row=n, renamed_from=str(old.ids[o]) if renamed[k] else None,
            indicators=indicators, land_use=(old.land_use[o], new.land_use[n]) if land_use[k] else None,
            geometry=bool(redrawn[k]), area_old=float(area_old[o]), area_new=float(area_new[n])))
    return changes


def _shown(text: str) -> str | None:
    return text or None


def _written(layer: PlanLayer) -> dict[str, np.ndarray]:
    """Each indicator's text as written per parcel, "" where not controlled.

    PlanLayer.texts holds what could be read; a cell that could not be read is only in its warning, and an
    official recognises it ("见图则"), so it is put back from there.
    """
    written = {i: layer.texts[i].copy() for i in INDICATORS}
    unreadable = [w for w in layer.warnings if w.code == "unreadable_indicator" and w.parcel is not None]
    if unreadable:
        rows: dict[str, list[int]] = {}
        for k, pid in enumerate(layer.ids.tolist()):
            rows.setdefault(str(pid), []).append(k)
        for w in unreadable:
            indicator, text = w.details.get("indicator"), str(w.details.get("text", ""))
            for k in rows.get(str(w.parcel), ()) if indicator in written else ():
                current = written[indicator][k]
                written[indicator][k] = f"{current}; {text}" if current else text
    return written


def _limit_differs(old: PlanLayer, new: PlanLayer, written_old: np.ndarray, written_new: np.ndarray,
                   po: np.ndarray, pn: np.ndarray, indicator: str) -> np.ndarray:
    """Per pair: whether the limit differs by meaning.

    Bounds compare as numbers (NaN, not controlled, equals NaN). A limit written but unusable (unreadable,
    contradictory) has no bounds: it equals only the same text, and differs from "not controlled".
    """
    lo_o, hi_o = old.lower[indicator][po], old.upper[indicator][po]
    lo_n, hi_n = new.lower[indicator][pn], new.upper[indicator][pn]
    bounds_equal = (np.isclose(lo_o, lo_n, rtol=LIMIT_RTOL, atol=LIMIT_ATOL, equal_nan=True)
                    & np.isclose(hi_o, hi_n, rtol=LIMIT_RTOL, atol=LIMIT_ATOL, equal_nan=True))
    text_o, text_n = written_old[po], written_new[pn]
    unusable_o = np.isnan(lo_o) & np.isnan(hi_o) & (text_o != "")
    unusable_n = np.isnan(lo_n) & np.isnan(hi_n) & (text_n != "")
    texts_differ = np.array([_compact(a) != _compact(b) for a, b in zip(text_o.tolist(), text_n.tolist())],
                            dtype=bool) if (unusable_o & unusable_n).any() else np.zeros(len(po), dtype=bool)
    return ~bounds_equal | (unusable_o != unusable_n) | (unusable_o & unusable_n & texts_differ)


def _compact(text: Any) -> str:
    """Text compared as meaning: full-width folded to half-width (NFKC), no spaces, one case."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).upper()


def _land_use_key(codes: np.ndarray) -> np.ndarray:
    """Land-use codes normalised once per distinct value: "r2／b1 " and "R2/B1" compare equal."""
    labels, uniques = pd.factorize(pd.Series(codes, dtype=object), use_na_sentinel=True)
    keys = np.array([_compact(u) for u in uniques] + [""], dtype=object)
    return keys[labels]


# --- warnings and JSON -----------------------------------------------------------------------------

def _warnings(old: PlanLayer, new: PlanLayer, duplicated: dict[str, list[tuple[str, int]]],
              notes: list[tuple[str, dict]]) -> tuple[CheckWarning, ...]:
    """Both layers' own warnings, then how ids used twice were matched, then the CRS notes."""
    warnings = [w for layer in (old, new) for w in layer.warnings if w.code != "duplicate_parcel_id"]
    for version, layer in (("old", old), ("new", new)):
        source = {"path": layer.info.path, "layer": layer.info.layer}
        listed = duplicated[version]
        order = np.argsort(natural_rank(np.array([pid for pid, _ in listed], dtype=object))) if listed else []
        warnings += [CheckWarning("diff_duplicate_id", listed[k][0], None, {**source, "count": listed[k][1]})
                     for k in order]
    warnings += [CheckWarning(code, None, None, details) for code, details in notes]
    return tuple(warnings)
