"""Sunlight in the window (planner/gui/sunlight_layer.py): the sample with its existing buildings and the city
酒泉 chosen gives the sunlight_impact finding on XZ-9 in the findings table, and the facade layer colours XZ-9's
south facade below the standard."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from planner.gui import sunlight_layer as SL
from planner.resources import sample_path


def _load(qtbot, window, files, timeout=30000):
    with qtbot.waitSignal(window.checkFinished, timeout=timeout):
        window.open_files(files)


def test_existing_buildings_and_city_give_the_impact_on_xz9(qtbot, window):
    scheme = str(sample_path("scheme_violating.gpkg"))
    _load(qtbot, window, [("plan", str(sample_path("xiguan_plan.gpkg")), "控规地块"),
                          ("buildings", scheme, "建筑"), ("green", scheme, "绿地")])
    assert window.session.result.sunlight is None and SL.SUNLIGHT_LAYER not in window.canvas.layer_keys()
    _load(qtbot, window, [("existing", str(sample_path("xiguan_existing.gpkg")), "现状建筑")])
    # Existing buildings alone: drawn, but no standard chosen, so nothing analysed.
    assert SL.EXISTING_LAYER in window.canvas.layer_keys()
    assert window.session.result.sunlight is None
    with qtbot.waitSignal(window.checkFinished, timeout=30000):
        SL.set_choice(window, "酒泉", None, None)  # what View > Sunlight standard… does on OK
    assert window.settings.value("sunlight/city") == "酒泉"
    result = window.session.result
    assert result.sunlight is not None and result.sunlight.settings.city == "酒泉"
    # The findings table lists the sunlight_impact finding on XZ-9.
    model = window.findings.model
    found = [model.finding(r) for r in range(model.rowCount())]
    impact = [f for f in found if getattr(f, "rule", None) == "sunlight_impact"]
    assert [f.building for f in impact] == ["XZ-9"]
    # The facade layer: pieces of XZ-9's south facade are coloured below the standard (red/orange/yellow).
    lines, classes, owner = SL.facade_lines(result)
    xz9 = next(k for k, b in enumerate(result.sunlight.buildings) if b.building == "XZ-9" and b.existing)
    south = next(f for f in result.sunlight.buildings[xz9].facades if f.held and f.length_below > 0)
    on_south = (owner == xz9) & (shapely.distance(shapely.centroid(lines), shapely.linestrings([south.start,
                                                                                                 south.end])) < 1e-6)
    length = shapely.length(lines)
    # The facade's runs of one class cover it; those below the standard are as long as the analysis found.
    assert length[on_south].sum() == pytest.approx(math.dist(south.start, south.end))
    assert length[on_south & (classes != SL.MEETS)].sum() == pytest.approx(south.length_below) == 9.0
    # 2 h 32 min at the least: the 2-3 h class is there.
    assert SL.BELOW_STANDARD in classes[on_south].tolist()
    layer = window.canvas._layer(SL.SUNLIGHT_LAYER)
    assert np.array_equal(np.asarray(layer.classes), classes)
    assert window.canvas.is_layer_visible(SL.SUNLIGHT_LAYER)
    # In the Layers panel, toggleable; in the legend, in hours.
    keys = [row[0] for row in window._panel_rows()]
    assert SL.SUNLIGHT_LAYER in keys and SL.EXISTING_LAYER in keys
    window.layer_panel.visibilityChanged.emit(SL.SUNLIGHT_LAYER, False)
    assert not window.canvas.is_layer_visible(SL.SUNLIGHT_LAYER)
    legend = [text for _style, text in SL.legend(window)]
    assert "Facade sun < 1 h" in legend and "Facade sun ≥ its standard" in legend
    # The inspector's section for XZ-9 (clicked on the existing buildings layer).
    existing = window.session.layers["existing"]
    SL.clicked(window, SL.EXISTING_LAYER, int(np.flatnonzero(existing.ids == "XZ-9")[0]))
    assert not window.sunlight_box.isHidden() and window.sunlight_box.title() == "Sunlight of XZ-9"
    text = window.sunlight_label.text()
    assert "existing building" in text and "9.0 m below the standard" in text
    assert "without the scheme: least 8 h 0 min" in text and "not held to the standard" in text


def test_dialog_choice_is_kept(qtbot, window):
    dialog = SL.SunlightDialog("en", (None, "IV", "small"), window)
    qtbot.addWidget(dialog)
    assert dialog.choice() == (None, "IV", "small") and dialog.zone.isEnabled()
    dialog.city.setCurrentIndex(dialog.city.findData("北京"))
    assert dialog.choice() == ("北京", None, None) and not dialog.zone.isEnabled()
    SL.set_choice(window, None, "IV", "small")
    assert SL.chosen_settings(window.settings).standard("home").day == "dongzhi"
    assert window.runner.sunlight.zone == "IV"
    SL.set_choice(window, None, None, None)
    assert window.runner.sunlight is None
