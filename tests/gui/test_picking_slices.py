"""The map's picking index in slices (issue 13: shapely builds an STRtree in one call that holds Python's GIL)."""

from __future__ import annotations

import numpy as np
import shapely

from planner.gui.map_canvas import _Trees


def test_sliced_trees_answer_as_one_tree(monkeypatch):
    monkeypatch.setattr(_Trees, "SLICE", 4)
    boxes = shapely.box(np.arange(10.0), 0, np.arange(10.0) + 1.5, 1)  # each overlaps the next
    trees = _Trees(boxes)
    assert [start for start, _ in trees.trees] == [0, 4, 8]
    one = shapely.STRtree(boxes)
    for x in (0.2, 3.7, 4.2, 8.9, 10.4, 20.0):
        point = shapely.Point(x, 0.5)
        assert trees.query(point, predicate="intersects").tolist() == sorted(one.query(point, "intersects").tolist())
        near = trees.query(point, predicate="dwithin", distance=1.0).tolist()
        assert near == sorted(one.query(point, predicate="dwithin", distance=1.0).tolist())
    assert trees.query(shapely.Point(4.2, 0.5), predicate="intersects").tolist() == [3, 4]  # across two slices
    assert _Trees(boxes[:0]).query(shapely.Point(0, 0), predicate="intersects").tolist() == []
