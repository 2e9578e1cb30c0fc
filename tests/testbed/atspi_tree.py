"""Print the accessible tree of one application as JSON, read over AT-SPI (run by the system's
Python, which has PyGObject and the Atspi typelib: ``/usr/bin/python3 -m tests.testbed.atspi_tree
NAME``). One object per node: depth, role name, name, description, the names of the labels it is
labelled by, and whether it is showing.
Prints ``[]`` while no application of that name is registered."""

from __future__ import annotations

import json
import sys
from typing import Any

LIMIT = 2000  # nodes: a transcript with many rows must not make this walk forever


def walk(node: Any, depth: int, out: list[dict[str, Any]]) -> None:
    from gi.repository import Atspi

    if len(out) >= LIMIT:
        return
    states = node.get_state_set()
    labels = []  # what names the control (a label whose buddy it is): Orca reads it first
    for relation in node.get_relation_set() or []:
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for index in range(relation.get_n_targets()):
                labels.append(relation.get_target(index).get_name() or "")
    out.append(
        {
            "labelled_by": labels,
            "depth": depth,
            "role": node.get_role_name(),
            "name": node.get_name() or "",
            "description": node.get_description() or "",
            "showing": bool(states.contains(Atspi.StateType.SHOWING)),
        }
    )
    for index in range(node.get_child_count()):
        child = node.get_child_at_index(index)
        if child is not None:
            walk(child, depth + 1, out)


def main() -> None:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi

    wanted = sys.argv[1]
    desktop = Atspi.get_desktop(0)
    out: list[dict[str, Any]] = []
    for index in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(index)
        if app is not None and app.get_name() == wanted:
            walk(app, 0, out)
            break
    print(json.dumps(out))


if __name__ == "__main__":
    main()
