"""Helpers for the screens' tables: columns that fill the width, the row under the cursor."""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.tui.widgets.literal import DataTable

#: Cells of padding and separators a DataTable adds around each column.
PADDING_PER_COLUMN = 2


def reset_columns(table: DataTable, columns: Sequence[tuple[str, int]], width: int) -> list[int]:
    """Clear the table and set its columns; the one given width 0 takes what is left."""
    fixed = sum(w for _, w in columns)
    rest = max(16, width - fixed - PADDING_PER_COLUMN * len(columns) - 2)
    widths = [w or rest for _, w in columns]
    table.clear(columns=True)
    for (label, _), w in zip(columns, widths, strict=True):
        table.add_column(label, width=w)
    return widths


def cursor_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    return row_key.value


def move_to_key(table: DataTable, key: str | None) -> None:
    """Put the cursor back on a row after the table was filled again."""
    if key is not None and key in {r.value for r in table.rows}:
        table.move_cursor(row=table.get_row_index(key))
