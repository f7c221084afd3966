"""Map canvas: polygon and line layers drawn by spatial tiles with level of detail; wheel zoom, drag pan, click to
pick; measured segments (setbacks) drawn on top."""

from __future__ import annotations

import copy
import math
import struct
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from planner.parallel import GIL_SLICE, in_slices, indexed_in_slices

__all__ = ["BACKGROUND", "HIGHLIGHT_COLOR", "SELECTION_COLOR", "Label", "LayerStyle", "MapCanvas"]

BACKGROUND = QColor("#f4f3ef")
SELECTION_COLOR = QColor("#00d2ff")
SELECTION_WIDTH = 3.0
#: Features a selected finding is about (the buildings of a parcel's finding): outlined and named on the map.
HIGHLIGHT_COLOR = QColor("#00b4e6")
HIGHLIGHT_WIDTH = 2.5
LABEL_COLOR = QColor("#1e1e1e")
LABEL_BACKGROUND = QColor(255, 255, 255, 170)
# Lines whose tile group is smaller than this on screen are drawn without antialiasing.
LINE_AA_PX = 40.0
SEGMENT_COLOR = QColor(255, 130, 0)
SEGMENT_WIDTH = 3.0
SEGMENT_TICK_PX = 7.0
SEGMENT_LABEL_PX = 20.0  # segments shorter than this on screen go without their label

# Level of detail, judged on the largest feature of a tile group, in screen pixels. Below DOT_PX a feature is
# one 1-px dot (Qt draws 200k dots in ~5 ms, 200k tiny antialiased polygons in ~80 ms). Below FLAT_PX it is
# filled without antialiasing and without outline (3x faster; at that size the difference does not show).
DOT_PX = 2.0
FLAT_PX = 6.0
# Outlines only on features at least this thick (4 x area / perimeter): on thinner ones they hide the fill.
STROKE_PX = 3.0
# Labels only on features at least this wide.
LABEL_PX = 40.0
# Average vertices per tile. Qt's antialiasing rasteriser slows down superlinearly on big paths (one path of
# 1M vertices takes 5 s, the same in tiles of ~200 vertices 0.07 s), while each path costs a call.
TILE_VERTICES = 200
# A click this close to a feature picks it when no feature lies under the cursor itself.
PICK_TOLERANCE_PX = 3.0
_DOT_LEVELS = 8  # opacities a dot can take
#: The widget's map picture is drawn for at most this long per turn of the event loop; a picture that takes longer
#: (a whole city) is finished in later turns, the last picture standing in meanwhile (MapCanvas.paintEvent).
DRAW_SLICE = 0.012
#: Paths and dots drawn between two looks at the clock while drawing a picture a slice at a time.
DRAW_PATHS, DRAW_DOTS = 48, 4096
DRAG_THRESHOLD_PX = 3
ZOOM_STEP = 1.25
MIN_MPP, MAX_MPP = 1e-3, 1e6
SCALE_BAR_MAX_PX = 120.0
#: Zooming to a selection shows at least this many metres across: a small building keeps its street and neighbours.
MIN_ZOOM_EXTENT = 80.0
#: Review markers: a badge on each feature whose findings are all reviewed ("accepted" or "noted").
REVIEW_MARK_COLORS = {"accepted": QColor(40, 150, 70), "noted": QColor(50, 110, 200)}
REVIEW_MARK_SYMBOLS = {"accepted": "✓", "noted": "✎"}
REVIEW_MARK_PX = 15.0

#: Vertices (20 bytes each) turned into paths per QDataStream read in _paths.
PATH_BATCH = 50_000
# A QPainterPath element as QDataStream writes it (qint32 type, double x, double y), little-endian, packed.
_ELEMENT = np.dtype([("type", "<i4"), ("x", "<f8"), ("y", "<f8")])
_MOVE_TO, _LINE_TO = 0, 1
_WINDING_FILL = 1  # Qt::WindingFill


@dataclass(frozen=True)
class LayerStyle:
    """How one class of features is drawn. Widths are cosmetic: screen pixels at any zoom.

    Opaque fills draw about 3x faster than translucent ones at a city-wide view (Qt blends every covered
    pixel), and a stroke width of 1 takes Qt's fast path for thin lines.
    """

    fill: QColor | None  # None = no fill (lines are never filled)
    stroke: QColor
    stroke_width: float = 1.0
    dashed: bool = False  # outlines and lines drawn dashed
    dash_dot: bool = False  # outlines and lines drawn dash-dot (a road red line), whatever `dashed` says


class Label(NamedTuple):
    """A label that the current view draws: the feature it names and where (widget pixels, its centre)."""

    key: str
    index: int
    text: str
    x: float
    y: float


# ---------------------------------------------------------------------------------------------------------------
# Geometry to Qt, in bulk


@dataclass(frozen=True, slots=True)
class _Rings:
    """Every ring of a layer as QPainterPath elements in the layer's local frame (map minus origin).

    Exteriors run counter-clockwise and holes clockwise, so that paths merging many features fill with
    Qt.WindingFill: holes stay empty (winding 0) and features overlapping each other stay filled (winding 2),
    which Qt.OddEvenFill would punch out. A feature's rings are contiguous: first_ring[f], ring_count[f].
    Lines (LineString, LinearRing and their multi-parts) are stored the same way, one "ring" per part, open
    and unoriented: they are only ever stroked.
    """

    elements: np.ndarray  # _ELEMENT per vertex; polygon rings are closed (last vertex = first)
    ring_start: np.ndarray  # (n_rings + 1,) offsets into elements
    first_ring: np.ndarray  # (n_features,)
    ring_count: np.ndarray  # (n_features,), 0 for empty or point geometries
    is_line: np.ndarray  # (n_features,) bool: every part is a line

    def vertex_range(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(first vertex, vertex count) of each feature."""
        first = self.ring_start[self.first_ring[features]]
        return first, self.ring_start[self.first_ring[features] + self.ring_count[features]] - first

    def last_ring_length(self, features: np.ndarray) -> np.ndarray:
        end = self.first_ring[features] + self.ring_count[features]
        return self.ring_start[end] - self.ring_start[end - 1]


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated ranges [start, start + count), vectorised (the usual repeat/cumsum trick)."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(np.asarray(starts, dtype=np.int64) - (np.cumsum(counts) - counts), counts)
    return np.arange(total, dtype=np.int64) + shift


def _extract_rings(geometry: np.ndarray, origin: tuple[float, float]) -> _Rings:
    """All rings of all features in a few bulk shapely calls.

    Most features are plain polygons without holes: their coordinates come straight from get_coordinates
    (20 ms for 200k buildings; to_ragged_array takes 200 ms). Only multi-part or holed features go through
    get_parts/get_rings. Plain rings are stored first, then the others, each feature's rings together.
    """
    n = len(geometry)
    type_id = shapely.get_type_id(geometry)
    n_coords = shapely.get_num_coordinates(geometry)
    plain = (type_id == shapely.GeometryType.POLYGON) & (shapely.get_num_interior_rings(geometry) == 0)
    plain &= n_coords >= 3
    other = np.flatnonzero(~plain & (n_coords > 0))

    plain_xy = in_slices(shapely.get_coordinates, geometry[plain], size=20_000)  # (it holds the GIL throughout)
    plain_len = n_coords[plain]
    parts, part_owner = indexed_in_slices(shapely.get_parts, geometry[other], GIL_SLICE)
    part_line = np.isin(shapely.get_type_id(parts), _LINE_TYPE_IDS)
    polygon_parts = np.flatnonzero(~part_line)
    line_parts = np.flatnonzero(part_line)
    rings, ring_part = indexed_in_slices(shapely.get_rings, parts[polygon_parts], GIL_SLICE)
    ring_part = polygon_parts[ring_part]
    # Lines are their own single "ring"; merged in part order, so that each feature's rings stay together.
    rings = np.concatenate([rings, parts[line_parts]])
    ring_part = np.concatenate([ring_part, line_parts]).astype(np.int64)
    ring_line = np.r_[np.zeros(len(rings) - len(line_parts), bool), np.ones(len(line_parts), bool)]
    order = np.argsort(ring_part, kind="stable")
    rings, ring_part, ring_line = rings[order], ring_part[order], ring_line[order]
    other_len = shapely.get_num_coordinates(rings)
    keep = other_len >= np.where(ring_line, 2, 3)
    rings, ring_part, other_len, ring_line = rings[keep], ring_part[keep], other_len[keep], ring_line[keep]
    other_exterior = np.r_[True, ring_part[1:] != ring_part[:-1]] if len(rings) else np.zeros(0, bool)
    other_exterior |= ring_line
    ring_feature = other[part_owner[ring_part]]
    is_line = np.zeros(n, dtype=bool)
    if len(rings):
        line_rings = np.bincount(ring_feature, weights=ring_line, minlength=n)
        all_rings = np.bincount(ring_feature, minlength=n)
        is_line = (all_rings > 0) & (line_rings == all_rings)

    ring_count = np.zeros(n, dtype=np.int64)
    ring_count[plain] = 1
    ring_count += np.bincount(ring_feature, minlength=n)
    first_ring = np.zeros(n, dtype=np.int64)
    first_ring[plain] = np.arange(int(plain.sum()))
    counts_other = ring_count[other]
    first_ring[other] = int(plain.sum()) + np.cumsum(counts_other) - counts_other

    ring_len = np.concatenate([plain_len, other_len]).astype(np.int64)
    ring_start = np.concatenate([[0], np.cumsum(ring_len)])
    exterior = np.concatenate([np.ones(len(plain_len), bool), other_exterior])
    line = np.concatenate([np.zeros(len(plain_len), bool), ring_line])
    # New memory is slow to touch on this VM (page faults: ~70 ms for 16 MB): reuse arrays where possible.
    xy = np.concatenate([plain_xy, in_slices(shapely.get_coordinates, rings, size=20_000)]) if len(rings) else plain_xy
    xy -= np.asarray(origin)
    _orient(xy, ring_start, exterior, line)

    elements = np.empty(len(xy), dtype=_ELEMENT)
    elements["x"], elements["y"] = xy[:, 0], xy[:, 1]
    elements["type"] = _LINE_TO
    elements["type"][ring_start[:-1]] = _MOVE_TO
    return _Rings(elements, ring_start, first_ring, ring_count, is_line)


_LINE_TYPE_IDS = (shapely.GeometryType.LINESTRING, shapely.GeometryType.LINEARRING)


def _orient(xy: np.ndarray, ring_start: np.ndarray, exterior: np.ndarray, line: np.ndarray | None = None) -> None:
    """Turn exteriors counter-clockwise and holes clockwise, in place (shoelace per ring, then reversal).

    shapely.orient_polygons does the same in 200 ms for 200k buildings; this takes ~15 ms.
    """
    if len(xy) < 2:
        return
    x, y = xy[:, 0], xy[:, 1]
    cross = np.zeros(len(xy))
    cross[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
    cross[ring_start[1:] - 1] = 0.0  # the last vertex of a ring does not pair with the next ring's first
    twice_area = np.add.reduceat(cross, ring_start[:-1])
    wrong = np.where(exterior, twice_area < 0, twice_area > 0)
    if line is not None:
        wrong &= ~line  # a line has no inside: its direction stays as drawn
    flip = np.flatnonzero(wrong)
    if flip.size:
        starts, lengths = ring_start[flip], ring_start[flip + 1] - ring_start[flip]
        index = _ranges(starts, lengths)
        xy[index] = xy[np.repeat(starts + ring_start[flip + 1] - 1, lengths) - index]


def _paths(rings: _Rings, features: np.ndarray, group_starts: np.ndarray) -> list[QPainterPath]:
    """One QPainterPath per group of `features` (groups begin at `group_starts`), built in one pass.

    The elements are written in QDataStream's QPainterPath format with numpy and read back by Qt, so no
    Python loop touches a vertex: ~90 ns per vertex, against ~1 µs for moveTo/lineTo calls. Whole groups of about
    PATH_BATCH vertices at a time (_read_paths).
    """
    if len(features) == 0:
        return []
    first, count = rings.vertex_range(features)
    group_sizes = np.add.reduceat(count, group_starts)
    group_ends = np.concatenate([group_starts[1:], [len(features)]])
    c_start = group_sizes - rings.last_ring_length(features[group_ends - 1])
    batch = np.cumsum(group_sizes) // PATH_BATCH
    firsts = np.r_[np.flatnonzero(np.r_[True, batch[1:] != batch[:-1]]), len(group_sizes)]  # a batch's first group
    paths: list[QPainterPath] = []
    for g0, g1 in zip(firsts[:-1].tolist(), firsts[1:].tolist()):
        f0, f1 = int(group_starts[g0]), int(group_ends[g1 - 1])
        elements = rings.elements[_ranges(first[f0:f1], count[f0:f1])]
        chunks: list[bytes] = []
        begin = 0
        for size, start in zip(group_sizes[g0:g1].tolist(), c_start[g0:g1].tolist()):
            chunks += [struct.pack("<i", size), elements[begin:begin + size].tobytes(),
                       struct.pack("<ii", start, _WINDING_FILL)]
            begin += size
        paths += _read_paths(chunks)
    return paths


def _read_paths(chunks: list[bytes]) -> list[QPainterPath]:
    """The paths QDataStream reads from these chunks (three per path): _paths gives a batch of about PATH_BATCH
    vertices at a time, since picking, joining and copying a city's 30 MB of vertices at once holds Python's GIL for
    50-300 ms (the memory is new and first touched there), and the window's thread waits for it."""
    if not chunks:
        return []
    data = QByteArray(b"".join(chunks))
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)  # reads from `data`: keep it alive meanwhile
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    paths = []
    for _ in range(len(chunks) // 3):
        path = QPainterPath()
        stream >> path
        paths.append(path)
    return paths


def _points(xy: np.ndarray) -> QPolygonF:
    """A QPolygonF from an (n, 2) array, through QDataStream (quint32 count, then doubles)."""
    data = QByteArray(struct.pack("<I", len(xy)) + np.ascontiguousarray(xy, dtype="<f8").tobytes())
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    polygon = QPolygonF()
    stream >> polygon
    return polygon


# ---------------------------------------------------------------------------------------------------------------
# One layer


class _Groups:
    """A layer's tile groups: features sharing a tile, a style class and a size band (a power of two).

    Grouping by size band makes the level of detail of a whole group exact within a factor of two, so one
    test per group per frame decides between dots, flat fill and antialiased fill with outline.
    Groups are kept sorted by (class, band, tile): drawing in that order changes pens rarely.
    """

    _ARRAYS = ("cls", "line", "band", "cell", "bbox", "max_extent", "min_thickness", "max_thickness")

    def __init__(self) -> None:
        self.cls = np.zeros(0, np.int64)
        self.line = np.zeros(0, bool)  # a group of lines, stroked and never filled
        self.band = np.zeros(0, np.int64)
        self.cell = np.zeros(0, np.int64)
        self.bbox = np.zeros((0, 4))
        self.max_extent = np.zeros(0)
        self.min_thickness = np.zeros(0)
        self.max_thickness = np.zeros(0)
        self.paths: list[QPainterPath] = []

    def __len__(self) -> int:
        return len(self.paths)

    def take(self, index: np.ndarray) -> None:
        """Keep these groups, in this order."""
        for name in self._ARRAYS:
            setattr(self, name, getattr(self, name)[index])
        self.paths = [self.paths[i] for i in index.tolist()]

    def extend(self, other: _Groups) -> None:
        for name in self._ARRAYS:
            setattr(self, name, np.concatenate([getattr(self, name), getattr(other, name)]))
        self.paths += other.paths
        self.take(np.lexsort((self.cell, self.band, self.line, self.cls)))


def prepare_layer(geometry: np.ndarray, styles: dict[int, LayerStyle], *, classes: np.ndarray | None = None,
                  labels: np.ndarray | None = None, title: str = "") -> _Layer:
    """A layer's geometry prepared for drawing (Qt paths in tiles): no widget involved, so a worker thread can
    do it and hand the result to MapCanvas.set_prepared_layer."""
    geometry = np.asarray(geometry, dtype=object).ravel()
    classes = MapCanvas._checked_classes(classes, len(geometry))
    if labels is not None:
        labels = np.asarray(labels, dtype=object).ravel()
        if len(labels) != len(geometry):
            raise ValueError(f"{len(labels)} labels for {len(geometry)} features")
    if not styles:
        raise ValueError("a layer needs at least one style")
    return _Layer(geometry, styles, classes, labels, title)


class _Layer:
    """One layer's geometry prepared once for drawing (tile groups of Qt paths) and picking (an STRtree)."""

    def __init__(self, geometry: np.ndarray, styles: dict[int, LayerStyle], classes: np.ndarray,
                 labels: np.ndarray | None, title: str) -> None:
        self.geometry = geometry
        self.styles = dict(styles)
        self.title = title
        self.visible = True
        self.labels = labels
        self.bounds = shapely.bounds(geometry).reshape(-1, 4)
        self.drawable = ~np.isnan(self.bounds[:, 0])
        if self.drawable.any():
            b = self.bounds[self.drawable]
            self.extent: tuple[float, float, float, float] | None = (
                float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max()))
        else:
            self.extent = None
        self.origin = self.extent[:2] if self.extent else (0.0, 0.0)
        self.area = shapely.area(geometry)
        width = np.nan_to_num(self.bounds[:, 2] - self.bounds[:, 0])
        height = np.nan_to_num(self.bounds[:, 3] - self.bounds[:, 1])
        self.width = width
        self.size = np.maximum(width, height)
        perimeter = shapely.length(geometry)
        self.thickness = np.divide(4 * self.area, perimeter, out=np.zeros(len(geometry)), where=perimeter > 0)
        self.band = np.floor(np.log2(np.maximum(self.size, 1e-6))).astype(np.int64)
        self.rings = _extract_rings(geometry, self.origin)
        self.drawable &= self.rings.ring_count > 0
        self.is_line = self.rings.is_line
        self.cell = self._cells()
        centre = np.nan_to_num((self.bounds[:, :2] + self.bounds[:, 2:]) / 2)
        self.centre_local = centre - np.asarray(self.origin)
        self.classes = classes
        self.group_extent = np.full(len(geometry), np.inf)
        self.groups = self._make_groups(np.flatnonzero(self.drawable))
        self._sort_dots()
        self.label_xy: np.ndarray | None = None
        self.label_width: np.ndarray | None = None  # text widths in pixels (NaN until measured)
        if labels is not None:
            self.labels = np.array([_label_text(v) for v in labels], dtype=object)
            self.label_xy = _label_points(geometry)
        self._tree: _Trees | None = None

    def _cells(self) -> np.ndarray:
        """Tile of each feature (by its bbox centre), tiles sized to hold ~TILE_VERTICES vertices each.

        The density comes from the middle 98 % of the features, so that one stray feature far away does not
        make every tile huge.
        """
        if self.extent is None:
            return np.zeros(len(self.geometry), np.int64)
        minx, miny, maxx, _ = self.extent
        cx = np.nan_to_num((self.bounds[:, 0] + self.bounds[:, 2]) / 2 - minx)
        cy = np.nan_to_num((self.bounds[:, 1] + self.bounds[:, 3]) / 2 - miny)
        drawn = np.flatnonzero(self.drawable)
        (x0, x1), (y0, y1) = np.percentile(cx[drawn], [1, 99]), np.percentile(cy[drawn], [1, 99])
        mean_size = float(np.mean(self.size[drawn]))
        area = max(x1 - x0 + mean_size, 1e-3) * max(y1 - y0 + mean_size, 1e-3)
        side = math.sqrt(area * TILE_VERTICES / max(1, len(self.rings.elements)))
        columns = int((maxx - minx) // side) + 1
        return (cy // side).astype(np.int64) * columns + (cx // side).astype(np.int64)

    def _make_groups(self, features: np.ndarray) -> _Groups:
        groups = _Groups()
        if len(features) == 0:
            return groups
        order = np.lexsort((self.cell[features], self.band[features], self.is_line[features], self.classes[features]))
        f = features[order]
        cls, band, cell, line = self.classes[f], self.band[f], self.cell[f], self.is_line[f]
        change = (cls[1:] != cls[:-1]) | (band[1:] != band[:-1]) | (cell[1:] != cell[:-1]) | (line[1:] != line[:-1])
        starts = np.flatnonzero(np.r_[True, change])
        b = self.bounds[f]
        groups.cls, groups.band, groups.cell, groups.line = cls[starts], band[starts], cell[starts], line[starts]
        groups.bbox = np.column_stack([np.minimum.reduceat(b[:, 0], starts), np.minimum.reduceat(b[:, 1], starts),
                                       np.maximum.reduceat(b[:, 2], starts), np.maximum.reduceat(b[:, 3], starts)])
        groups.max_extent = np.maximum.reduceat(self.size[f], starts)
        groups.min_thickness = np.minimum.reduceat(self.thickness[f], starts)
        groups.max_thickness = np.maximum.reduceat(self.thickness[f], starts)
        groups.paths = _paths(self.rings, f, starts)
        # Each feature is a dot exactly when its group is, so dots can be drawn per feature, in bulk.
        self.group_extent[f] = np.repeat(groups.max_extent, np.diff(np.r_[starts, len(f)]))
        self.group_extent[f[line]] = np.inf  # lines are always stroked, never dots: a dot of a line shows nothing
        return groups

    def with_classes(self, classes: np.ndarray) -> _Layer:
        """A copy with other classes (regrouped where they changed), this layer untouched: safe to make in a
        worker thread while the UI thread draws this one."""
        other = copy.copy(self)
        other.groups = copy.copy(self.groups)
        other.group_extent = self.group_extent.copy()
        other.set_classes(MapCanvas._checked_classes(classes, len(self.geometry)))
        return other

    def set_classes(self, classes: np.ndarray) -> None:
        """Regroup only the tiles where a feature changed class; their vertices are already converted."""
        changed = np.flatnonzero(classes != self.classes)
        self.classes = classes
        if changed.size == 0:
            return
        cells = np.unique(self.cell[changed])
        stale = np.isin(self.groups.cell, cells)
        self.groups.take(np.flatnonzero(~stale))
        self.groups.extend(self._make_groups(np.flatnonzero(self.drawable & np.isin(self.cell, cells))))
        self._sort_dots()

    def _sort_dots(self) -> None:
        """What drawing features as dots needs, in dot order, so that a frame only compares and slices.

        Dot order is by class, then area: at any scale a class's dots of one opacity form a run.
        """
        order = np.lexsort((self.area, self.classes))
        order = order[self.drawable[order]]
        self.dot_extent = self.group_extent[order]
        self.dot_xy = self.centre_local[order] + np.asarray(self.origin)
        self.dot_local = np.ascontiguousarray(self.centre_local[order])
        self.dot_area = self.area[order]
        self.dot_class = self.classes[order]

    def style(self, cls: int) -> LayerStyle:
        return self.styles.get(cls) or self.styles.get(0) or next(iter(self.styles.values()), _DEFAULT_STYLE)

    def groups_in(self, view: tuple[float, float, float, float]) -> np.ndarray:
        minx, miny, maxx, maxy = view
        b = self.groups.bbox
        return np.flatnonzero((b[:, 0] <= maxx) & (b[:, 2] >= minx) & (b[:, 1] <= maxy) & (b[:, 3] >= miny))

    def path_of(self, features: Sequence[int]) -> QPainterPath:
        f = np.asarray([i for i in features if 0 <= i < len(self.geometry)], dtype=np.int64)
        f = f[self.drawable[f]]
        return _paths(self.rings, f, np.zeros(1, np.int64))[0] if len(f) else QPainterPath()

    @property
    def tree(self) -> _Trees:
        """Built on the first click (or by the worker, prepare.py): 40-80 ms for 200k footprints."""
        if self._tree is None:
            self._tree = _Trees(self.geometry)
        return self._tree

    def pick(self, x: float, y: float, tolerance: float = 0.0) -> int:
        """The feature at (x, y), the smallest when several are; with a tolerance, the nearest. -1 if none."""
        if self.extent is None:
            return -1
        point = shapely.Point(x, y)
        if tolerance <= 0:
            hits = self.tree.query(point, predicate="intersects")
            return int(hits[np.argmin(self.area[hits])]) if hits.size else -1
        hits = self.tree.query(point, predicate="dwithin", distance=tolerance)
        if not hits.size:
            return -1
        distance = shapely.distance(self.geometry[hits], point)
        return int(hits[np.lexsort((self.area[hits], distance))[0]])


class _Trees:
    """STRtrees over slices of `geometry`, queried as one (indices into the whole array, ascending): shapely builds
    a tree in one call that holds Python's GIL, 200k footprints 40-80 ms, and the worker builds it while the
    window's thread runs."""

    SLICE = 25_000

    def __init__(self, geometry: np.ndarray) -> None:
        self.trees = [(start, shapely.STRtree(geometry[start:start + self.SLICE]))
                      for start in range(0, len(geometry), self.SLICE)]

    def query(self, geometry, predicate: str | None = None, distance: float | None = None) -> np.ndarray:
        kwargs = {} if distance is None else {"distance": distance}
        hits = [start + tree.query(geometry, predicate=predicate, **kwargs) for start, tree in self.trees]
        return np.sort(np.concatenate(hits)) if hits else np.zeros(0, dtype=np.int64)


def _label_points(geometry: np.ndarray) -> np.ndarray:
    """Each feature's representative point as (x, y), a slice of GIL_SLICE features at a time: point_on_surface holds
    Python's GIL while it makes the points, and freeing 200,000 points at once holds it again (~20 ms)."""
    xy = [np.zeros((0, 2))]
    for start in range(0, len(geometry), GIL_SLICE):
        points = shapely.point_on_surface(geometry[start:start + GIL_SLICE])
        xy.append(np.column_stack([shapely.get_x(points), shapely.get_y(points)]))
        del points
    return np.concatenate(xy)


_DEFAULT_STYLE = LayerStyle(QColor(200, 200, 200), QColor(90, 90, 90))


def _label_text(value: object) -> str:
    """A label as text; missing values (None, NaN) are no label."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


# ---------------------------------------------------------------------------------------------------------------
# The widget


class MapCanvas(QWidget):
    """Draws polygon layers in a metric map CRS (x east, y north, y up on screen) and lets the user navigate.

    The view is a centre and a scale (metres per pixel); the widget's size gives the extent. Drawing goes
    through `_paint_map`, shared by paintEvent and render_image; the widget keeps the last map picture so that
    a selection or legend change repaints only the overlays.
    """

    featureClicked = Signal(str, int)
    cursorMoved = Signal(float, float)
    viewChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layers: dict[str, _Layer] = {}
        self._order: list[str] = []  # top first
        self._cx, self._cy, self._mpp = 0.0, 0.0, 1.0
        self._view_set = False
        self._fit_on_resize = False
        self._selection: tuple[str, list[int]] = ("", [])
        self._selection_path: QPainterPath | None = None
        self._highlight: tuple[str, list[int], list[str]] = ("", [], [])
        self._highlight_path: QPainterPath | None = None
        self._legend: list[tuple[QColor, str]] = []
        self._legend_visible = True
        self._segments: list[tuple[tuple[tuple[float, float], tuple[float, float]], str]] = []
        self._review_marks: dict[str, dict[int, str]] = {}
        self._content_version = 0
        self._cache: tuple[tuple, QImage] | None = None  # the last whole map picture and what it shows
        self._drawing: _Drawing | None = None  # the picture being drawn a slice at a time
        self._drawing_timer = QTimer(self)
        self._drawing_timer.setSingleShot(True)
        self._drawing_timer.setInterval(0)
        self._drawing_timer.timeout.connect(self._continue_drawing)
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._dragging = False
        self._tool = None  # a planner.gui.map_tools.MapTool: given mouse and key events first
        self._font = QFont()
        self._font.setPixelSize(11)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(120, 80)

    # -- layers ---------------------------------------------------------------------------------------------

    def set_layer(self, key: str, geometry: np.ndarray, styles: dict[int, LayerStyle], *,
                  classes: np.ndarray | None = None, labels: np.ndarray | None = None, title: str = "") -> None:
        """Add or replace a layer. A new key goes on top; a replaced one keeps its place and visibility."""
        self.set_prepared_layer(key, prepare_layer(geometry, styles, classes=classes, labels=labels, title=title))

    def prepared_layer(self, key: str) -> _Layer | None:
        """A layer as prepared for drawing, to be reclassed off the UI thread (_Layer.with_classes)."""
        return self._layers.get(key)

    def set_prepared_layer(self, key: str, layer: _Layer) -> None:
        """Add or replace a layer made by prepare_layer (in a worker thread: the UI thread only installs it)."""
        old = self._layers.get(key)
        if old is None:
            self._order.insert(0, key)
        else:
            layer.visible = old.visible
        self._layers[key] = layer
        if self._selection[0] == key:
            self._set_selection_state("", [])
        if self._highlight[0] == key:
            self._highlight, self._highlight_path = ("", [], []), None
        if (not self._view_set or self._fit_on_resize) and layer.extent is not None:
            self.zoom_to_all()  # until the user navigates, the view follows what is loaded
        self._changed()

    def set_classes(self, key: str, classes: np.ndarray) -> None:
        layer = self._layer(key)
        layer.set_classes(self._checked_classes(classes, len(layer.geometry)))
        self._changed()

    def set_styles(self, key: str, styles: dict[int, LayerStyle]) -> None:
        """New colours for a layer's classes; nothing to rebuild."""
        self._layer(key).styles = dict(styles)
        self._changed()

    def remove_layer(self, key: str) -> None:
        if self._layers.pop(key, None) is None:
            return
        self._order.remove(key)
        if self._selection[0] == key:
            self._set_selection_state("", [])
        if self._highlight[0] == key:
            self._highlight, self._highlight_path = ("", [], []), None
        self._changed()

    def set_layer_visible(self, key: str, visible: bool) -> None:
        self._layer(key).visible = bool(visible)
        self._changed()

    def is_layer_visible(self, key: str) -> bool:
        return self._layer(key).visible

    def set_layer_order(self, keys_top_first: list[str]) -> None:
        """Put these layers on top in this order; layers not named keep their order below them."""
        unknown = [k for k in keys_top_first if k not in self._layers]
        if unknown:
            raise KeyError(f"no layer {unknown[0]!r}")
        named = list(dict.fromkeys(keys_top_first))
        self._order = named + [k for k in self._order if k not in named]
        self._changed()

    def layer_keys(self) -> list[str]:
        return list(self._order)

    def layer_title(self, key: str) -> str:
        return self._layer(key).title

    def feature_bounds(self, key: str, indices: Iterable[int]) -> tuple[float, float, float, float] | None:
        """The rectangle holding these features of a layer (None when none of them has a geometry)."""
        layer = self._layers.get(key)
        if layer is None:
            return None
        b = layer.bounds[[i for i in indices if 0 <= i < len(layer.geometry)]].reshape(-1, 4)
        b = b[~np.isnan(b[:, 0])]
        if not len(b):
            return None
        return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())

    def layer_bounds(self, key: str) -> tuple[float, float, float, float] | None:
        layer = self._layers.get(key)
        return layer.extent if layer else None

    # -- selection and legend -------------------------------------------------------------------------------

    def set_selection(self, key: str, indices: Iterable[int]) -> None:
        """Highlight these features of one layer (a thick bright outline on top); empty indices clear."""
        indices = [int(i) for i in indices]
        if not indices or not key:
            self._set_selection_state("", [])
        else:
            self._layer(key)
            self._set_selection_state(key, indices)
        self.update()

    def selection(self) -> tuple[str, list[int]]:
        return self._selection[0], list(self._selection[1])

    def set_highlight(self, key: str, indices: Iterable[int], labels: Sequence[str] | None = None) -> None:
        """Outline these features of one layer as what the selection is about (the buildings a parcel's finding
        names), each with its label written beside it; empty indices clear. Zooming to the selection shows them."""
        indices = [int(i) for i in indices]
        if not indices or not key:
            self._highlight = ("", [], [])
        else:
            self._layer(key)
            texts = [str(t) for t in labels] if labels is not None else []
            self._highlight = (key, indices, (texts + [""] * len(indices))[:len(indices)])
        self._highlight_path = None
        self.update()

    def highlight(self) -> tuple[str, list[int]]:
        return self._highlight[0], list(self._highlight[1])

    def set_legend(self, entries: list[tuple[QColor, str]]) -> None:
        self._legend = [(QColor(c), str(t)) for c, t in entries]
        self.update()

    def set_legend_visible(self, visible: bool) -> None:
        """The legend box can hide features in the top-right corner: the user may turn it off."""
        self._legend_visible = visible
        self.update()

    def is_legend_visible(self) -> bool:
        return self._legend_visible

    def set_overlay_segments(self, segments: Sequence[tuple[Sequence[Sequence[float]], str]]) -> None:
        """Measured segments drawn on top of everything: ((x1, y1), (x2, y2)) in map units and a label ("7.00 m")
        written at the middle. An empty list clears them."""
        out = []
        for (a, b), label in segments:
            out.append((((float(a[0]), float(a[1])), (float(b[0]), float(b[1]))), str(label)))
        self._segments = out
        self.update()

    def overlay_segments(self) -> list[tuple[tuple[tuple[float, float], tuple[float, float]], str]]:
        return list(self._segments)

    def set_review_marks(self, key: str, marks: dict[int, str]) -> None:
        """A small badge on these features of a layer: feature index -> "accepted" (a green ✓, every finding
        accepted as an exception) or "noted" (a blue ✎, every finding reviewed). An empty dict clears the layer's."""
        marks = {int(i): str(state) for i, state in marks.items() if state in REVIEW_MARK_COLORS}
        if marks:
            self._review_marks[key] = marks
        else:
            self._review_marks.pop(key, None)
        self.update()

    def review_marks(self, key: str) -> dict[int, str]:
        return dict(self._review_marks.get(key, {}))

    def _set_selection_state(self, key: str, indices: list[int]) -> None:
        self._selection = (key, indices)
        self._selection_path = None

    # -- tools ----------------------------------------------------------------------------------------------

    def set_tool(self, tool) -> None:
        """The map tool (planner.gui.map_tools) that sees mouse and key events first and draws on the overlay;
        None: the canvas alone (click selects, drag pans)."""
        self._tool = tool
        self.update()

    def tool(self):
        return self._tool

    def feature_area(self, key: str, index: int) -> float:
        """The area of one feature in the map's units (m² in the metric display CRS); 0 for none."""
        layer = self._layers.get(key)
        if layer is None or not 0 <= index < len(layer.geometry):
            return 0.0
        return float(np.nan_to_num(layer.area[index]))

    # -- view -----------------------------------------------------------------------------------------------

    def metres_per_pixel(self) -> float:
        return self._mpp

    def center(self) -> tuple[float, float]:
        return self._cx, self._cy

    def set_view(self, cx: float, cy: float, metres_per_pixel: float) -> None:
        """Centre the view on (cx, cy) at this scale."""
        self._cx, self._cy = float(cx), float(cy)
        self._mpp = min(max(float(metres_per_pixel), MIN_MPP), MAX_MPP)
        self._view_set = True
        self._fit_on_resize = False
        self._view_changed()

    def view_bounds(self, width: int | None = None, height: int | None = None) -> tuple[float, float, float, float]:
        """The map rectangle (minx, miny, maxx, maxy) shown in a widget (or image) of this size."""
        w = self.width() if width is None else width
        h = self.height() if height is None else height
        half_w, half_h = w * self._mpp / 2, h * self._mpp / 2
        return self._cx - half_w, self._cy - half_h, self._cx + half_w, self._cy + half_h

    def map_to_screen(self, x: float, y: float) -> QPointF:
        return QPointF((x - self._cx) / self._mpp + self.width() / 2, self.height() / 2 - (y - self._cy) / self._mpp)

    def screen_to_map(self, point: QPointF) -> tuple[float, float]:
        return (self._cx + (point.x() - self.width() / 2) * self._mpp,
                self._cy - (point.y() - self.height() / 2) * self._mpp)

    def zoom_to_all(self) -> None:
        extents = [layer.extent for layer in self._layers.values() if layer.extent is not None]
        if not extents:
            return
        e = np.array(extents)
        self.zoom_to_bounds(e[:, 0].min(), e[:, 1].min(), e[:, 2].max(), e[:, 3].max(), margin=0.02)
        self._fit_on_resize = True  # until the user moves: a window that opens bigger still shows everything

    def zoom_to_bounds(self, minx: float, miny: float, maxx: float, maxy: float, margin: float = 0.1) -> None:
        """Show this rectangle whole, with `margin` of its size added on every side."""
        w = max(maxx - minx, 1e-6) * (1 + 2 * margin)
        h = max(maxy - miny, 1e-6) * (1 + 2 * margin)
        mpp = max(w / max(self.width(), 1), h / max(self.height(), 1))
        self.set_view((minx + maxx) / 2, (miny + maxy) / 2, mpp)

    def zoom_to_selection(self, min_size: float = MIN_ZOOM_EXTENT,
                          include: tuple[float, float, float, float] | None = None, margin: float = 0.1) -> None:
        """Show the selected features, at least `min_size` metres across so a small building keeps context,
        and the rectangle `include` (minx, miny, maxx, maxy) too when given."""
        key, indices = self._selection
        if not key:
            return
        layer = self._layers[key]
        b = layer.bounds[[i for i in indices if 0 <= i < len(layer.geometry)]]
        lit, lit_indices, _labels = self._highlight
        if lit in self._layers:
            lit_layer = self._layers[lit]
            b = np.vstack([b.reshape(-1, 4),
                           lit_layer.bounds[[i for i in lit_indices if 0 <= i < len(lit_layer.geometry)]].reshape(-1, 4)])
        if include is not None:
            b = np.vstack([b.reshape(-1, 4), np.asarray(include, dtype=float).reshape(1, 4)])
        b = b[~np.isnan(b[:, 0])]
        if not len(b):
            return
        minx, miny, maxx, maxy = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
        grow_x, grow_y = max(0.0, min_size - (maxx - minx)) / 2, max(0.0, min_size - (maxy - miny)) / 2
        self.zoom_to_bounds(minx - grow_x, miny - grow_y, maxx + grow_x, maxy + grow_y, margin)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in by `factor` (> 1) or out (< 1), keeping the map point under `anchor` (default the centre)."""
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        x, y = self.screen_to_map(anchor)
        mpp = min(max(self._mpp / factor, MIN_MPP), MAX_MPP)
        self.set_view(x - (anchor.x() - self.width() / 2) * mpp, y + (anchor.y() - self.height() / 2) * mpp, mpp)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) screen pixels, as dragging it does."""
        self.set_view(self._cx - dx * self._mpp, self._cy + dy * self._mpp, self._mpp)

    # -- picking --------------------------------------------------------------------------------------------

    def feature_at(self, point: QPointF) -> tuple[str, int]:
        """The topmost visible feature under a widget point; within a few pixels if none is right under it."""
        x, y = self.screen_to_map(point)
        for tolerance in (0.0, PICK_TOLERANCE_PX * self._mpp):
            for key in self._order:
                layer = self._layers[key]
                if layer.visible:
                    index = layer.pick(x, y, tolerance)
                    if index >= 0:
                        return key, index
        return "", -1

    # -- labels and scale bar -------------------------------------------------------------------------------

    def visible_labels(self, width: int | None = None, height: int | None = None) -> list[Label]:
        """The labels the current view draws, bottom layer first.

        A feature is labelled once it is at least LABEL_PX wide and wide enough for its text, so that labels
        of neighbouring parcels do not run into each other; the label sits on its representative point. A label
        of an upper layer that would cover one of a layer below is left out (a building's number never hides
        its parcel's id): zoomed in, there is room for both.
        """
        w = self.width() if width is None else width
        h = self.height() if height is None else height
        minx, miny, maxx, maxy = self.view_bounds(w, h)
        labels: list[Label] = []
        below = np.zeros((0, 4))  # boxes (x0, y0, x1, y1) of the labels of the layers below
        for key in reversed(self._order):
            layer = self._layers[key]
            if not layer.visible or layer.labels is None or layer.label_xy is None:
                continue
            x, y = layer.label_xy[:, 0], layer.label_xy[:, 1]
            width_px = layer.width / self._mpp
            shown = np.flatnonzero((width_px >= LABEL_PX) & (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))
            shown = shown[width_px[shown] >= self._label_widths(layer, shown) + 6]
            sx = (x[shown] - self._cx) / self._mpp + w / 2
            sy = h / 2 - (y[shown] - self._cy) / self._mpp
            half_w, half_h = (self._label_widths(layer, shown) + 6) / 2, self._label_height() / 2
            boxes = np.column_stack([sx - half_w, sy - half_h, sx + half_w, sy + half_h])
            if len(below) and len(boxes):
                covers = ((boxes[:, None, 0] < below[None, :, 2]) & (boxes[:, None, 2] > below[None, :, 0])
                          & (boxes[:, None, 1] < below[None, :, 3]) & (boxes[:, None, 3] > below[None, :, 1]))
                free = ~covers.any(axis=1)
                shown, sx, sy, boxes = shown[free], sx[free], sy[free], boxes[free]
            below = np.vstack([below, boxes])
            labels += [Label(key, int(i), layer.labels[i], float(a), float(b))
                       for i, a, b in zip(shown.tolist(), sx.tolist(), sy.tolist()) if layer.labels[i]]
        return labels

    def _label_height(self) -> float:
        return QFontMetricsF(self._font).height() + 2

    def _label_widths(self, layer: _Layer, features: np.ndarray) -> np.ndarray:
        """Text widths in pixels of these features' labels, measured once each, when first needed."""
        if layer.label_width is None:
            layer.label_width = np.full(len(layer.geometry), np.nan)
        unknown = features[np.isnan(layer.label_width[features])]
        if unknown.size:
            metrics = QFontMetricsF(self._font)
            layer.label_width[unknown] = [metrics.horizontalAdvance(layer.labels[i]) for i in unknown.tolist()]
        return layer.label_width[features]

    def scale_bar(self) -> tuple[float, str]:
        """(length in metres, label) of the scale bar: the longest 1, 2 or 5 x 10^n m that fits its space."""
        longest = SCALE_BAR_MAX_PX * self._mpp
        power = 10.0 ** math.floor(math.log10(longest))
        length = next(m * power for m in (5, 2, 1) if m * power <= longest * (1 + 1e-9))
        length = float(f"{length:.6g}")
        label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
        return length, label

    def scale_bar_label(self) -> str:
        return self.scale_bar()[1]

    # -- rendering ------------------------------------------------------------------------------------------

    def render_image(self, width: int, height: int) -> QImage:
        """The current view (same centre and scale) drawn into a new image of this size, overlays included."""
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        try:
            self._paint_map(painter, width, height)
            self._paint_overlays(painter, width, height)
        finally:
            painter.end()
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        w, h = self.width(), self.height()
        key = self._picture_key()
        if self._cache is None or self._cache[0] != key:
            self._draw(key)
        painter = QPainter(self)
        if self._cache is not None and self._cache[0] == key:
            painter.drawImage(0, 0, self._cache[1])
        else:
            self._paint_stand_in(painter, w, h)
        self._paint_overlays(painter, w, h)
        painter.end()

    def _picture_key(self) -> tuple:
        """What the map picture depends on: the widget's size, the view and the layers' content."""
        return (self.width(), self.height(), self.devicePixelRatioF(), self._cx, self._cy, self._mpp,
                self._content_version)

    def _draw(self, key: tuple) -> None:
        """Draw the map picture for `key`: at once when that takes less than DRAW_SLICE (any view of a district),
        else a slice now and the rest in later turns of the event loop, so that the window keeps answering while
        a whole city is drawn (~50 ms); the last picture stands in meanwhile."""
        drawing = self._drawing
        if drawing is not None and drawing.key == key:
            return  # under way: the timer goes on with it
        if drawing is not None:
            drawing.abandon()
        self._drawing = drawing = _Drawing(self, key)
        if self._advance(drawing):
            self._drawn(drawing)
        else:
            self._drawing_timer.start()

    def _advance(self, drawing: _Drawing) -> bool:
        """A slice of `drawing`; True when it is done. A drawing that fails is dropped (its painter ended), so that
        the next paint starts over rather than waiting for it forever."""
        try:
            return drawing.advance(DRAW_SLICE)
        except BaseException:
            drawing.abandon()
            self._drawing = None
            raise

    def _continue_drawing(self) -> None:
        drawing = self._drawing
        if drawing is None:
            return
        if drawing.key != self._picture_key():  # the view or the layers changed since: the next paint starts over
            drawing.abandon()
            self._drawing = None
            self.update()
        elif self._advance(drawing):
            self._drawn(drawing)
            self.update()
        else:
            self._drawing_timer.start()

    def _drawn(self, drawing: _Drawing) -> None:
        self._cache = (drawing.key, drawing.image)
        self._drawing = None

    def finish_drawing(self) -> None:
        """Draw the map picture of the current view whole now (before grabbing the widget for a screenshot)."""
        key = self._picture_key()
        if self._cache is not None and self._cache[0] == key:
            return
        self._draw(key)
        drawing = self._drawing
        if drawing is not None:
            drawing.advance(math.inf)
            self._drawn(drawing)
        self.update()

    def _paint_stand_in(self, painter: QPainter, w: int, h: int) -> None:
        """While the picture of the view is being drawn: the last picture, moved and scaled to where it shows in
        this view (the same picture when only the layers changed)."""
        if self._cache is None:
            painter.fillRect(QRectF(0, 0, w, h), BACKGROUND)
            return
        (old_w, old_h, _ratio, old_cx, old_cy, old_mpp, _version), image = self._cache
        if (old_w, old_h, old_cx, old_cy, old_mpp) == (w, h, self._cx, self._cy, self._mpp):
            painter.drawImage(0, 0, image)
            return
        painter.fillRect(QRectF(0, 0, w, h), BACKGROUND)
        scale = old_mpp / self._mpp
        left = (old_cx - old_w * old_mpp / 2 - self._cx) / self._mpp + w / 2
        top = h / 2 - (old_cy + old_h * old_mpp / 2 - self._cy) / self._mpp
        painter.drawImage(QRectF(left, top, old_w * scale, old_h * scale), image)

    def _paint_map(self, painter: QPainter, w: int, h: int) -> None:
        """Background, then the visible layers bottom to top, then labels."""
        for _ in self._map_steps(painter, w, h):
            pass

    def _map_steps(self, painter: QPainter, w: int, h: int) -> Iterator[None]:
        """_paint_map a piece at a time: it pauses (yields) every DRAW_PATHS paths and DRAW_DOTS dots, and before
        the labels. The painter must be left alone between two pieces."""
        painter.fillRect(QRectF(0, 0, w, h), BACKGROUND)
        view = self.view_bounds(w, h)
        for key in reversed(self._order):
            layer = self._layers[key]
            if layer.visible and len(layer.groups):
                transform = self._layer_transform(layer, w, h)
                painter.setTransform(transform)
                for _ in self._layer_steps(painter, layer, view):
                    yield
                    painter.setTransform(transform)
        painter.resetTransform()
        yield
        self._paint_labels(painter, w, h)

    def _layer_transform(self, layer: _Layer, w: int, h: int) -> QTransform:
        """Layer-local coordinates to screen pixels: paths stay small numbers and y turns up."""
        s = 1.0 / self._mpp
        ox, oy = layer.origin
        return QTransform(s, 0.0, 0.0, -s, (ox - self._cx) * s + w / 2, h / 2 - (oy - self._cy) * s)

    def _paint_layer(self, painter: QPainter, layer: _Layer, view: tuple[float, float, float, float]) -> None:
        """Draw the tile groups in view, each at the level of detail its feature size calls for."""
        for _ in self._layer_steps(painter, layer, view):
            pass

    def _layer_steps(self, painter: QPainter, layer: _Layer, view: tuple[float, float, float, float]
                     ) -> Iterator[None]:
        """_paint_layer a piece at a time (see _map_steps)."""
        pad = 4 * self._mpp  # outlines reach past the features
        view = (view[0] - pad, view[1] - pad, view[2] + pad, view[3] + pad)
        visible = layer.groups_in(view)
        if not visible.size:
            return
        g = layer.groups
        extent_px = g.max_extent[visible] / self._mpp
        # Flat (aliased) fill only for features thick enough: thin rings drawn so break into dashes.
        flat = (extent_px < FLAT_PX) & (g.min_thickness[visible] / self._mpp >= 1.0)
        tiers = np.where(extent_px < DOT_PX, 0, np.where(flat, 1, 2))
        # Lines: stroked at every scale (a line is never too small to see); small ones thin and aliased, which
        # Qt draws several times faster and which at that size looks the same.
        lines = g.line[visible]
        tiers[lines] = np.where(extent_px[lines] < LINE_AA_PX, 4, 3)
        if (tiers == 0).any():
            yield from self._dot_steps(painter, layer, view)
        strokes = g.max_thickness[visible] / self._mpp >= STROKE_PX
        paths = tiers > 0
        state = None
        for n, (group, cls, tier, stroke) in enumerate(zip(visible[paths].tolist(), g.cls[visible[paths]].tolist(),
                                                            tiers[paths].tolist(), strokes[paths].tolist())):
            wanted = (cls, tier, stroke and tier >= 2)
            if wanted != state:
                self._set_pen(painter, layer.style(cls), tier, wanted[2])
                state = wanted
            painter.drawPath(g.paths[group])
            if n % DRAW_PATHS == DRAW_PATHS - 1:
                yield
                state = None  # the pen is set again after a pause

    def _paint_dots(self, painter: QPainter, layer: _Layer, view: tuple[float, float, float, float]) -> None:
        for _ in self._dot_steps(painter, layer, view):
            pass

    def _dot_steps(self, painter: QPainter, layer: _Layer, view: tuple[float, float, float, float]
                   ) -> Iterator[None]:
        """Features too small to draw as shapes, as 1-px dots whose opacity is the pixel area they cover.

        Done per feature with numpy and one QPolygonF per (class, opacity), not per tile: at a city-wide view
        most tiles are dots, and 10k drawPoints calls cost more than building the points. Pauses (yields) after
        every DRAW_DOTS dots.
        """
        chosen = layer.dot_extent < DOT_PX * self._mpp
        minx, miny, maxx, maxy = layer.extent
        if minx < view[0] or miny < view[1] or maxx > view[2] or maxy > view[3]:
            x, y = layer.dot_xy[:, 0], layer.dot_xy[:, 1]
            chosen &= (x >= view[0]) & (x <= view[2]) & (y >= view[1]) & (y <= view[3])
        dots = np.flatnonzero(chosen)
        if not dots.size:
            return
        opacity = np.ceil(layer.dot_area[dots] * (_DOT_LEVELS / self._mpp**2))
        opacity = np.clip(opacity, 1, _DOT_LEVELS).astype(np.int64)
        run_key = layer.dot_class[dots] * (_DOT_LEVELS + 1) + opacity
        starts = np.flatnonzero(np.r_[True, run_key[1:] != run_key[:-1]])
        ends = np.r_[starts[1:], len(dots)]
        for start, end in zip(starts.tolist(), ends.tolist()):
            style = layer.style(int(layer.dot_class[dots[start]]))
            color = QColor(style.stroke if style.fill is None else style.fill)
            color.setAlphaF(color.alphaF() * int(opacity[start]) / _DOT_LEVELS)
            pen = _cosmetic_pen(color, 1.0)
            for piece in range(start, end, DRAW_DOTS):
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(pen)
                painter.drawPoints(_points(layer.dot_local[dots[piece:min(piece + DRAW_DOTS, end)]]))
                yield

    @staticmethod
    def _set_pen(painter: QPainter, style: LayerStyle, tier: int, stroke: bool) -> None:
        """Painter state for a level of detail: 1 flat fill, 2 antialiased fill (+ outline if `stroke`),
        3 lines (the stroke colour and width, no fill), 4 small lines (aliased, 1 px: Qt's fast path)."""
        if tier >= 3:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, tier == 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            width = max(style.stroke_width, 1.0) if tier == 3 else 1.0
            painter.setPen(_cosmetic_pen(style.stroke, width, style.dashed and tier == 3, style.dash_dot and tier == 3))
            return
        outline_only = style.fill is None
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, tier == 2)
        painter.setBrush(Qt.BrushStyle.NoBrush if outline_only else QBrush(style.fill))
        if outline_only:
            painter.setPen(_cosmetic_pen(style.stroke, style.stroke_width if tier == 2 else 1.0,
                                         style.dashed and tier == 2, style.dash_dot and tier == 2))
        elif stroke and style.stroke.alpha() > 0 and style.stroke_width > 0:
            painter.setPen(_cosmetic_pen(style.stroke, style.stroke_width, style.dashed, style.dash_dot))
        else:
            painter.setPen(Qt.PenStyle.NoPen)

    def _paint_labels(self, painter: QPainter, w: int, h: int) -> None:
        labels = self.visible_labels(w, h)
        if not labels:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        metrics = QFontMetricsF(self._font)
        height = metrics.height() + 2
        flags = int(Qt.AlignmentFlag.AlignCenter)
        for label in labels:
            width = self._layers[label.key].label_width[label.index] + 6
            box = QRectF(label.x - width / 2, label.y - height / 2, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(LABEL_BACKGROUND)  # keeps the text legible over buildings and outlines
            painter.drawRoundedRect(box, 2, 2)
            painter.setPen(LABEL_COLOR)
            painter.drawText(box, flags, label.text)

    def _paint_overlays(self, painter: QPainter, w: int, h: int) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_highlight(painter, w, h)
        self._paint_selection(painter, w, h)
        painter.resetTransform()
        self._paint_highlight_labels(painter, w, h)
        self._paint_segments(painter, w, h)
        self._paint_review_marks(painter, w, h)
        if self._tool is not None:
            self._tool.paint(painter, w, h)
        self._paint_scale_bar(painter, h)
        self._paint_north_arrow(painter, w)
        self._paint_legend(painter, w)

    def _paint_selection(self, painter: QPainter, w: int, h: int) -> None:
        key, indices = self._selection
        layer = self._layers.get(key)
        if layer is None or not layer.visible:
            return
        if self._selection_path is None:
            self._selection_path = layer.path_of(indices)
        painter.setTransform(self._layer_transform(layer, w, h))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_cosmetic_pen(SELECTION_COLOR, SELECTION_WIDTH))
        painter.drawPath(self._selection_path)

    def _paint_highlight(self, painter: QPainter, w: int, h: int) -> None:
        key, indices, _labels = self._highlight
        layer = self._layers.get(key)
        if layer is None or not layer.visible:
            return
        if self._highlight_path is None:
            self._highlight_path = layer.path_of(indices)
        painter.setTransform(self._layer_transform(layer, w, h))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_cosmetic_pen(HIGHLIGHT_COLOR, HIGHLIGHT_WIDTH))
        painter.drawPath(self._highlight_path)

    def _paint_highlight_labels(self, painter: QPainter, w: int, h: int) -> None:
        """Each highlighted feature's label in a box above it (a building's number, 楼号)."""
        key, indices, labels = self._highlight
        layer = self._layers.get(key)
        if layer is None or not layer.visible or not any(labels):
            return
        metrics = QFontMetricsF(self._font)
        painter.setFont(self._font)
        labelled = {label.index for label in self.visible_labels(w, h) if label.key == key}
        for index, text in zip(indices, labels):
            if not text or not 0 <= index < len(layer.geometry) or not layer.drawable[index] or index in labelled:
                continue  # a building big enough on screen already carries its number
            minx, _miny, maxx, maxy = layer.bounds[index]
            x = ((minx + maxx) / 2 - self._cx) / self._mpp + w / 2
            y = h / 2 - (maxy - self._cy) / self._mpp
            text_w, text_h = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
            box = QRectF(x - text_w / 2, y - text_h - 3, text_w, text_h)
            painter.setPen(_cosmetic_pen(HIGHLIGHT_COLOR, 1.0))
            painter.setBrush(QColor(255, 255, 255, 235))
            painter.drawRoundedRect(box, 2, 2)
            painter.setPen(LABEL_COLOR)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_segments(self, painter: QPainter, w: int, h: int) -> None:
        """The measured segments: a thick dashed line with a tick across each end and its label at the middle."""
        if not self._segments:
            return
        minx, miny, maxx, maxy = self.view_bounds(w, h)
        metrics = QFontMetricsF(self._font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        dashed = _cosmetic_pen(SEGMENT_COLOR, SEGMENT_WIDTH, True)
        dashed.setCapStyle(Qt.PenCapStyle.FlatCap)
        solid = _cosmetic_pen(SEGMENT_COLOR, 2.0)
        for ((x1, y1), (x2, y2)), label in self._segments:
            if max(x1, x2) < minx or min(x1, x2) > maxx or max(y1, y2) < miny or min(y1, y2) > maxy:
                continue
            a = QPointF((x1 - self._cx) / self._mpp + w / 2, h / 2 - (y1 - self._cy) / self._mpp)
            b = QPointF((x2 - self._cx) / self._mpp + w / 2, h / 2 - (y2 - self._cy) / self._mpp)
            dx, dy = b.x() - a.x(), b.y() - a.y()
            length = math.hypot(dx, dy)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(dashed)
            painter.drawLine(a, b)
            if length > 0:
                nx, ny = -dy / length * SEGMENT_TICK_PX, dx / length * SEGMENT_TICK_PX
                painter.setPen(solid)
                for end in (a, b):
                    painter.drawLine(QPointF(end.x() - nx, end.y() - ny), QPointF(end.x() + nx, end.y() + ny))
            if label and length >= SEGMENT_LABEL_PX:  # zoomed out, labels of neighbouring segments would pile up
                mid = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
                text_w, text_h = metrics.horizontalAdvance(label) + 8, metrics.height() + 2
                if abs(dx) > abs(dy):  # beside the segment, not on it: above a flat one, right of a steep one
                    box = QRectF(mid.x() - text_w / 2, mid.y() - text_h - 6, text_w, text_h)
                else:
                    box = QRectF(mid.x() + 8, mid.y() - text_h / 2, text_w, text_h)
                painter.setPen(_cosmetic_pen(SEGMENT_COLOR, 1.0))
                painter.setBrush(QColor(255, 255, 255, 230))
                painter.drawRoundedRect(box, 2, 2)
                painter.setPen(LABEL_COLOR)
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_review_marks(self, painter: QPainter, w: int, h: int) -> None:
        """A round badge (✓ accepted, ✎ noted) just above each reviewed feature's label point."""
        if not self._review_marks:
            return
        minx, miny, maxx, maxy = self.view_bounds(w, h)
        font = QFont(self._font)
        font.setPixelSize(10)
        font.setBold(True)
        painter.setFont(font)
        r = REVIEW_MARK_PX / 2
        for key, marks in self._review_marks.items():
            layer = self._layers.get(key)
            if layer is None or not layer.visible:
                continue
            for index, state in marks.items():
                if not 0 <= index < len(layer.geometry) or not layer.drawable[index]:
                    continue
                if layer.label_xy is not None and not np.isnan(layer.label_xy[index, 0]):
                    x, y = layer.label_xy[index]
                else:
                    b = layer.bounds[index]
                    x, y = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
                if not (minx <= x <= maxx and miny <= y <= maxy):
                    continue
                sx = (x - self._cx) / self._mpp + w / 2
                sy = h / 2 - (y - self._cy) / self._mpp - self._label_height() / 2 - r - 1  # above the label
                box = QRectF(sx - r, sy - r, 2 * r, 2 * r)
                color = REVIEW_MARK_COLORS[state]
                painter.setPen(_cosmetic_pen(QColor(255, 255, 255), 1.5))
                painter.setBrush(color)
                painter.drawEllipse(box)
                painter.setPen(QColor(255, 255, 255))
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), REVIEW_MARK_SYMBOLS[state])

    def _paint_north_arrow(self, painter: QPainter, w: int) -> None:
        """A small north arrow in the top-right corner, left of the legend when the legend shows (the map's
        y axis points north: the arrow always points up)."""
        box = self.north_arrow_rect(w)
        cx, top = box.center().x(), box.top()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(box, 3, 3)
        tip, base, mid = QPointF(cx, top + 18), QPointF(cx, top + 40), QPointF(cx, top + 33)
        dark = QColor(30, 30, 30)
        painter.setPen(_cosmetic_pen(dark, 1.0))
        painter.setBrush(dark)
        painter.drawPolygon(QPolygonF([tip, QPointF(cx - 7, base.y()), mid]))
        painter.setBrush(QColor(255, 255, 255))
        painter.drawPolygon(QPolygonF([tip, QPointF(cx + 7, base.y()), mid]))
        font = QFont(self._font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(dark)
        painter.drawText(QRectF(cx - 10, top + 2, 20, 14), int(Qt.AlignmentFlag.AlignCenter), "N")

    def north_arrow_rect(self, width: int | None = None) -> QRectF:
        """Where the north arrow is drawn in a view this wide (default the widget), in pixels."""
        right = (self.width() if width is None else width) - 12.0
        if self._legend and self._legend_visible:
            metrics = QFontMetricsF(self._font)
            right -= max(metrics.horizontalAdvance(text) for _, text in self._legend) + 34 + 10
        return QRectF(right - 28, 10, 28, 44)

    def _paint_scale_bar(self, painter: QPainter, h: int) -> None:
        length, label = self.scale_bar()
        px = length / self._mpp
        metrics = QFontMetricsF(self._font)
        x0, y0 = 12.0, h - 14.0
        box = QRectF(x0 - 6, y0 - metrics.height() - 10, max(px, metrics.horizontalAdvance(label)) + 12,
                     metrics.height() + 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(_cosmetic_pen(QColor(30, 30, 30), 2.0))
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + px, y0))
        painter.drawLine(QPointF(x0, y0 - 4), QPointF(x0, y0))
        painter.drawLine(QPointF(x0 + px, y0 - 4), QPointF(x0 + px, y0))
        painter.setFont(self._font)
        painter.drawText(QPointF(x0, y0 - 6), label)

    def _paint_legend(self, painter: QPainter, w: int) -> None:
        if not self._legend or not self._legend_visible:
            return
        metrics = QFontMetricsF(self._font)
        line = max(metrics.height(), 14.0) + 4
        text_w = max(metrics.horizontalAdvance(text) for _, text in self._legend)
        box = QRectF(w - text_w - 44, 10, text_w + 34, line * len(self._legend) + 12)
        painter.setPen(_cosmetic_pen(QColor(120, 120, 120), 1.0))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(self._font)
        for row, (color, text) in enumerate(self._legend):
            y = box.top() + 6 + row * line
            painter.setPen(_cosmetic_pen(color.darker(140), 1.0))
            painter.setBrush(color)
            painter.drawRect(QRectF(box.left() + 8, y + (line - 12) / 2, 12, 12))
            painter.setPen(LABEL_COLOR)
            painter.drawText(QRectF(box.left() + 26, y, text_w + 4, line),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)

    # -- Qt events ------------------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._tool is not None and self._tool.press(event):
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = self._last = event.position()
            self._dragging = False
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        self.cursorMoved.emit(*self.screen_to_map(pos))
        if self._tool is not None and self._tool.move(event):
            event.accept()
            return
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not self._dragging and (pos - self._press).manhattanLength() >= DRAG_THRESHOLD_PX:
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                delta = pos - self._last
                self._last = pos
                self.pan_by(delta.x(), delta.y())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._tool is not None and self._tool.release(event):
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragging:
                self.featureClicked.emit(*self.feature_at(event.position()))
            else:
                self.unsetCursor()
            self._press = self._last = None
            self._dragging = False
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._tool is not None and self._tool.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._tool is not None and self._tool.key(event):
            event.accept()
            return
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.zoom_to_all()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_on_resize:
            self.zoom_to_all()
        else:
            self._view_changed()

    # -- helpers --------------------------------------------------------------------------------------------

    def _layer(self, key: str) -> _Layer:
        try:
            return self._layers[key]
        except KeyError:
            raise KeyError(f"no layer {key!r}") from None

    @staticmethod
    def _checked_classes(classes: np.ndarray | None, n: int) -> np.ndarray:
        if classes is None:
            return np.zeros(n, dtype=np.int64)
        classes = np.asarray(classes).ravel().astype(np.int64)
        if len(classes) != n:
            raise ValueError(f"{len(classes)} classes for {n} features")
        return classes

    def _changed(self) -> None:
        self._content_version += 1
        self.update()

    def _view_changed(self) -> None:
        self.viewChanged.emit(self._mpp)
        self.update()


class _Drawing:
    """A map picture being drawn a slice at a time (MapCanvas._draw): its image, a painter kept on it, and where
    MapCanvas._map_steps stopped."""

    def __init__(self, canvas: MapCanvas, key: tuple) -> None:
        w, h, ratio = key[0], key[1], key[2]
        self.key = key
        self.image = QImage(round(w * ratio), round(h * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        self.image.setDevicePixelRatio(ratio)
        self.painter = QPainter(self.image)
        self.steps = canvas._map_steps(self.painter, w, h)

    def advance(self, seconds: float) -> bool:
        """Draw for about this long; True once the picture is whole (its painter then ended)."""
        deadline = time.perf_counter() + seconds
        for _ in self.steps:
            if time.perf_counter() >= deadline:
                return False
        self.painter.end()
        return True

    def abandon(self) -> None:
        self.steps.close()
        if self.painter.isActive():
            self.painter.end()

    def __del__(self) -> None:
        # The painter ends before its image goes (an image destroyed while painted on is an error in Qt).
        painter = getattr(self, "painter", None)
        if painter is not None and painter.isActive():
            painter.end()


def _cosmetic_pen(color: QColor, width: float, dashed: bool = False, dash_dot: bool = False) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if dash_dot:
        pen.setStyle(Qt.PenStyle.DashDotLine)
    elif dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen
