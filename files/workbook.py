"""Reading the settings of a scenario from sheets of its workbook, so that a planner never has
to write ``scenario.yaml``.

- ``settings``: two columns, ``setting`` and ``value``, one setting a row (``name``,
  ``horizon`` as ``2018-2022`` or ``horizon_first`` and ``horizon_last``, ``budget.per_year``...;
  ``SETTING_NAMES`` lists them with their Vietnamese labels). A blank value takes the default.
- ``tracks``: ``track``, ``levels``: levels lowest first, in one cell (``none; college``) or
  one a column from the ``levels`` column on.
- ``targets``: one target a row: ``id``, ``year``, the filters of ``who`` (``category``,
  ``post``, ``unit``, ``leadership``, ``successor``, ``sex``), ``has_<track>``, ``standard``,
  ``share``, ``hard``, ``weight``.
- ``continuity_years`` (optional): ``year``, ``max_away_share``, ``max_leaders_away``,
  ``max_personal_days``.

They fill the same ``Settings`` as ``scenario.yaml``; every problem names sheet, row, column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from trainplan.files.cells import to_bool, to_category, to_float, to_int, to_list, to_sex
from trainplan.files.errors import pointed, pydantic_message
from trainplan.files.folder import Inputs, workbooks_in
from trainplan.files.headers import fold
from trainplan.files.settings import read_settings
from trainplan.files.tables import RawTable
from trainplan.models.message import Message
from trainplan.models.problems import SETTINGS_FILE, CellError, Problem, Sources, joined
from trainplan.models.scenario import Settings

Path_ = tuple[str | int, ...]
Cell = tuple[str, int | None, str | None]


def _horizon(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-|–|—|\.\.|;|,|/|đến|to)\s*(\d{4})\s*", text)
    if match is None:
        raise CellError(Message("input.sheet.not_a_horizon", value=text))
    return int(match.group(1)), int(match.group(2))


SETTING_NAMES: dict[str, tuple[Callable[[str], Any], tuple[str, ...]]] = {
    "name": (str, ("Tên kịch bản", "Tên")),
    "title": (str, ("Tiêu đề",)),
    "horizon": (_horizon, ("Giai đoạn", "Thời kỳ")),
    "horizon_first": (to_int, ("Năm đầu", "Năm bắt đầu", "Từ năm")),
    "horizon_last": (to_int, ("Năm cuối", "Năm kết thúc", "Đến năm")),
    "budget.per_year": (to_int, ("Ngân sách mỗi năm", "Ngân sách/năm")),
    "budget.total": (to_int, ("Tổng ngân sách", "Ngân sách cả giai đoạn")),
    "continuity.working_days": (to_int, ("Số ngày làm việc/năm", "Ngày làm việc")),
    "continuity.max_away_share": (to_float, ("Tỷ lệ vắng tối đa",)),
    "continuity.max_leaders_away": (to_int, ("Lãnh đạo vắng tối đa",)),
    "continuity.max_personal_days": (to_int, ("Ngày vắng tối đa/người",)),
    "continuity.day_value": (to_int, ("Giá trị ngày công",)),
    "continuity.leader_factor": (to_float, ("Hệ số ngày công lãnh đạo", "Hệ số lãnh đạo")),
    "service_obligation": (to_float, ("Hệ số cam kết phục vụ", "Cam kết phục vụ")),
    "succession.year": (to_int, ("Năm đại hội", "Đại hội")),
    "succession.months": (to_int, ("Số tháng công tác sau đại hội",)),
    "prefer_ethnic_minority": (to_bool, ("Ưu tiên người dân tộc thiểu số", "Ưu tiên DTTS")),
    "change_value": (to_int, ("Giá trị một thay đổi",)),
}
"""Every setting of the ``settings`` sheet: how its value is read, and its Vietnamese labels
(the first is the one ``trainplan init --lang vi`` writes)."""

_SETTING_INDEX = {
    fold(alias): name for name, (_, labels) in SETTING_NAMES.items() for alias in (name, *labels)
}


def setting_label(name: str, lang: str) -> str:
    """The label ``trainplan init`` writes for setting ``name``."""
    return SETTING_NAMES[name][1][0] if lang == "vi" else name


def _categories(text: str) -> tuple[str, ...]:
    return tuple(to_category(item) for item in to_list(text))


def _sexes(text: str) -> tuple[str, ...]:
    return tuple(to_sex(item) for item in to_list(text))


def _standard(text: str) -> bool | tuple[str, ...]:
    try:
        return to_bool(text) or ()
    except CellError:
        return to_list(text)


TARGET_COLUMNS: dict[str, tuple[Path_, Callable[[str], Any]]] = {
    "id": (("id",), str),
    "year": (("year",), to_int),
    "category": (("who", "category"), _categories),
    "post": (("who", "post"), to_list),
    "unit": (("who", "unit"), to_list),
    "leadership": (("who", "leadership"), to_bool),
    "successor": (("who", "successor"), to_bool),
    "sex": (("who", "sex"), _sexes),
    "ethnic_minority": (("who", "ethnic_minority"), to_bool),
    "standard": (("standard",), _standard),
    "share": (("share",), to_float),
    "hard": (("hard",), to_bool),
    "weight": (("weight",), to_float),
}
"""Each column of the ``targets`` sheet: where in a target it goes, and how it is read."""

YEAR_COLUMNS: dict[str, Callable[[str], Any]] = {
    "max_away_share": to_float,
    "max_leaders_away": to_int,
    "max_personal_days": to_int,
}


class _Reader:
    """Gathers the settings and where each was read, and every problem."""

    def __init__(self, sheets: dict[str, RawTable], sources: Sources) -> None:
        self.sheets = sheets
        self.sources = sources
        self.data: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.rows: dict[str, dict[int, dict[str, str]]] = {}

    def put(self, path: Path_, value: Any, cell: Cell) -> None:
        target: Any = self.data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
        self.sources.setting_cells[path] = cell

    def read(self, table: RawTable, row: int, column: str, convert: Callable[[str], Any]) -> Any:
        """The cell's value, or None if it is blank or cannot be read (then a problem)."""
        text = self.text(table, row, column)
        if text == "":
            return None
        try:
            return convert(text)
        except CellError as error:
            self.problems.append(Problem(table.file, row, column, error.message))
            return None

    def text(self, table: RawTable, row: int, column: str) -> str:
        rows = self.rows.get(table.name)
        if rows is None:
            rows = self.rows[table.name] = dict(table.rows)
        return rows[row].get(column, "")

    def problem(
        self, table: RawTable, row: int | None, column: str | None, message: Message
    ) -> None:
        self.problems.append(Problem(table.file, row, column, message))

    def missing_columns(self, table: RawTable, columns: tuple[str, ...]) -> bool:
        missing = [column for column in columns if column not in table.columns]
        for column in missing:
            self.problem(table, table.header_row, column, Message("input.column_missing"))
        return bool(missing)

    def unknown_columns(self, table: RawTable, known: set[str]) -> None:
        for column in table.columns:
            if column and column not in known:
                message = Message("input.unknown_column")
                self.warnings.append(Problem(table.file, table.header_row, column, message))

    # ------------------------------------------------------------ the sheets

    def settings(self, table: RawTable) -> None:
        if self.missing_columns(table, ("setting", "value")):
            return
        self.unknown_columns(table, {"setting", "value", "note"})
        seen: dict[str, int] = {}
        horizon: dict[int, tuple[int, Cell]] = {}
        for row, values in table.rows:
            label = values.get("setting", "")
            if not label:
                continue
            name = _SETTING_INDEX.get(fold(label))
            if name is None:
                known = ", ".join(SETTING_NAMES)
                self.problem(
                    table,
                    row,
                    "setting",
                    Message("input.sheet.unknown_setting", setting=label, known=known),
                )
                continue
            slots = {"horizon": ("horizon_first", "horizon_last")}.get(name, (name,))
            twice = [seen[slot] for slot in slots if slot in seen]
            if twice:
                self.problem(
                    table,
                    row,
                    "setting",
                    Message("input.sheet.setting_twice", setting=label, row=twice[0]),
                )
                continue
            seen.update({slot: row for slot in slots})
            value = self.read(table, row, "value", SETTING_NAMES[name][0])
            cell: Cell = (table.file, row, "value")
            if value is None:
                continue
            if name == "horizon":
                horizon[0], horizon[1] = (value[0], cell), (value[1], cell)
            elif name in ("horizon_first", "horizon_last"):
                horizon[0 if name == "horizon_first" else 1] = (value, cell)
            else:
                self.put(tuple(name.split(".")), value, cell)
        if len(horizon) == 2:
            self.put(("horizon",), (horizon[0][0], horizon[1][0]), horizon[0][1])
            self.sources.setting_cells[("horizon", 1)] = horizon[1][1]
        elif horizon:
            missing = "horizon_last" if 0 in horizon else "horizon_first"
            self.problem(
                table, None, "setting", Message("input.sheet.setting_missing", setting=missing)
            )
        for name in ("name",):
            if name not in seen:
                self.problem(
                    table, None, "setting", Message("input.sheet.setting_missing", setting=name)
                )
        if not horizon and "horizon_first" not in seen:
            self.problem(
                table, None, "setting", Message("input.sheet.setting_missing", setting="horizon")
            )

    def tracks(self, table: RawTable) -> None:
        if self.missing_columns(table, ("track", "levels")):
            return
        start = table.columns.index("levels")
        tracks: dict[str, tuple[str, ...]] = {}
        first: dict[str, int] = {}
        for row, values in table.rows:
            track = values.get("track", "")
            cells = [text for text in table.cells.get(row, [])[start:] if text]
            if not track:
                self.problem(table, row, "track", Message("input.blank"))
                continue
            if track in first:
                self.problem(
                    table, row, "track", Message("input.duplicate", key=track, row=first[track])
                )
                continue
            first[track] = row
            levels = to_list(cells[0]) if len(cells) == 1 else tuple(cells)
            tracks[track] = levels
            self.sources.setting_cells[("tracks", track)] = (table.file, row, "levels")
        self.data["tracks"] = tracks
        self.sources.setting_cells[("tracks",)] = (table.file, table.header_row, "track")

    def targets(self, table: RawTable) -> None:
        if self.missing_columns(table, ("id", "year", "share")):
            return
        tracks = [column for column in table.columns if column.startswith("has_")]
        self.unknown_columns(table, set(TARGET_COLUMNS) | set(tracks))
        targets: list[dict[str, Any]] = []
        for row, _ in table.rows:
            index = len(targets)
            target: dict[str, Any] = {}
            targets.append(target)
            self.sources.setting_cells[("targets", index)] = (table.file, row, "id")
            for column, (path, convert) in TARGET_COLUMNS.items():
                value = self.read(table, row, column, convert)
                if value is not None:
                    self._nest(target, path, value)
                self.sources.setting_cells[("targets", index, *path)] = (table.file, row, column)
            for column in tracks:
                track = column.removeprefix("has_")
                level = self.read(table, row, column, str)
                if level is not None:
                    self._nest(target, ("has", track), level)
                self.sources.setting_cells[("targets", index, "has", track)] = (
                    table.file,
                    row,
                    column,
                )
        self.data["targets"] = targets

    def years(self, table: RawTable) -> None:
        if self.missing_columns(table, ("year",)):
            return
        self.unknown_columns(table, {"year", *YEAR_COLUMNS})
        first: dict[int, int] = {}
        for row, _ in table.rows:
            year = self.read(table, row, "year", to_int)
            if year is None:
                if not self.text(table, row, "year"):
                    self.problem(table, row, "year", Message("input.blank"))
                continue
            if year in first:
                self.problem(
                    table, row, "year", Message("input.duplicate", key=year, row=first[year])
                )
                continue
            first[year] = row
            override = {}
            for column, convert in YEAR_COLUMNS.items():
                value = self.read(table, row, column, convert)
                if value is not None:
                    override[column] = value
                where = ("continuity", "years", year, column)
                self.sources.setting_cells[where] = (table.file, row, column)
            self.put(("continuity", "years", year), override, (table.file, row, "year"))

    @staticmethod
    def _nest(target: dict[str, Any], path: Path_, value: Any) -> None:
        for part in path[:-1]:
            target = target.setdefault(str(part), {})
        target[str(path[-1])] = value


def read_sheet_settings(
    sheets: dict[str, RawTable], workbook: str, sources: Sources
) -> tuple[Settings | None, list[Problem], list[Problem]]:
    """The settings held by the settings sheets of ``workbook``: the settings (None if any
    problem), the problems and the warnings."""
    reader = _Reader(sheets, sources)
    for kind, read in (
        ("settings", reader.settings),
        ("tracks", reader.tracks),
        ("targets", reader.targets),
        ("continuity_years", reader.years),
    ):
        table = sheets.get(kind)
        if table is not None:
            read(table)
        elif kind in ("settings", "tracks"):
            reader.problems.append(
                Problem(workbook, None, None, Message("input.sheet.missing", sheet=kind))
            )
    if reader.problems:
        return None, reader.problems, reader.warnings
    try:
        settings = Settings.model_validate(reader.data)
    except ValidationError as error:
        fallback = sheets.get("settings")
        for item in error.errors():
            where: Path_ = tuple(item["loc"])
            _, setting = pointed(item)
            if setting is not None:
                where = (*where, setting)
            message = pydantic_message(item)
            if sources.cell(where) is not None:
                reader.problems.append(sources.setting(where, message))
            else:
                file = fallback.file if fallback is not None else workbook
                reader.problems.append(Problem(file, None, ".".join(map(str, where)), message))
        return None, reader.problems, reader.warnings
    return settings, [], reader.warnings


def read_scenario_settings(
    inputs: Inputs, sources: Sources
) -> tuple[Settings | None, list[Problem], list[Problem]]:
    """The settings of a scenario, from ``scenario.yaml`` or from the settings sheets of its
    workbook (never both): the settings (None if any problem), problems and warnings."""
    sheets = inputs.workbook.settings_sheets if inputs.workbook is not None else {}
    yaml_file = inputs.folder / SETTINGS_FILE
    if sheets:
        assert inputs.workbook is not None
        workbook = inputs.workbook.file
        if yaml_file.exists():
            names = joined([f"'{table.file.partition(' [')[2][:-1]}'" for table in sheets.values()])
            message = Message("input.sheet.settings_twice", sheets=names, workbook=workbook)
            return None, [Problem(SETTINGS_FILE, None, None, message)], []
        return read_sheet_settings(sheets, workbook, sources)
    if inputs.workbook is None and not yaml_file.exists() and workbooks_in(inputs.folder):
        return None, [], []  # several workbooks: that problem is said, and says it all
    if inputs.workbook is not None and not yaml_file.exists():
        if inputs.workbook.problems and not inputs.workbook.tables:
            return None, [], []  # the workbook cannot be read at all: that problem says it all
        message = Message("input.sheet.no_settings", workbook=inputs.workbook.file)
        return None, [Problem(SETTINGS_FILE, None, None, message)], []
    settings, problems = read_settings(inputs.folder, sources)
    return settings, problems, []
