"""Levels, units (district, towns, the registry of communities and grids), departments."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gridrules.contract.base import Basis, Name, Slug, Strict, Text, UnitId


class Level(Strict):
    """A handling level; the file's order is the ladder, lowest first."""

    id: Slug = Field(description="Level id: grid, community, town, district.")
    name: Name
    actors: Text | None = Field(None, description="Who acts at this level.")
    powers: list[Slug] = Field(
        default_factory=list,
        description="Negative-list activities this level may exercise itself (e.g. enforce).",
    )
    unit: Literal["grid", "community", "town", "district"] = Field(
        description="Which registered unit handles an event at this level: the reporting grid, "
        "its community, its town, or the district."
    )


class Households(Strict):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class GridKind(Strict):
    id: Slug
    name: Name = Field(description="The kind's name, as the registry table writes it (城市网格).")
    households: Households | None = Field(
        None, description="The households a grid of this kind should have (lint warns outside it)."
    )
    note: Text | None = None


class StaffRole(Strict):
    """One part of a grid's staffing (the 1, the 3 of 1+3+N)."""

    id: Slug
    name: Name = Field(description="The role's full name (专职网格员).")
    column: Name = Field(description="The registry table's column for the role (专职).")
    min: int = Field(1, ge=0, description="How many a fully staffed grid has at least.")


class GridStaffing(Strict):
    """The staffing every grid should have; lint warns about a grid whose recorded staff miss a role."""

    roles: list[StaffRole] = Field(min_length=1)
    basis: Basis


class LevelsFile(Strict):
    """organization/levels.yaml: the escalation ladder, the kinds of grid and a grid's staffing."""

    levels: list[Level] = Field(min_length=2)
    basis: Basis
    grid_kinds: list[GridKind] = Field(default_factory=list)
    grid_staffing: GridStaffing | None = None


class District(Strict):
    id: UnitId
    name: Name
    handler_name: Name = Field(description="Name of the district's handling unit (区综治中心).")


class Town(Strict):
    id: UnitId
    name: Name


class UnitIds(Strict):
    """How the registry import derives a new community's id: its town's id, a hyphen and the
    pinyin of its name without these endings (和平社区 in tangxiang: tangxiang-heping)."""

    drop_endings: list[Name] = Field(default_factory=list, description="Name endings left out (社区, 村).")


class UnitsFile(Strict):
    """organization/units.yaml: the district and its towns and streets."""

    district: District
    town_handler_name: Name = Field(
        description="How a town is named as a handling unit; {name} is the town's name."
    )
    towns: list[Town] = Field(min_length=1)
    community_ids: UnitIds = Field(default_factory=UnitIds)


class Grid(Strict):
    id: UnitId = Field(description="The grid's code (网格编码).")
    name: Name
    kind: Slug | None = Field(None, description="A grid kind id from levels.yaml.")
    households: int | None = Field(None, ge=0, description="Households in the grid (户数).")
    parent: UnitId | None = Field(None, description="The grid a 微网格 subdivides (上级网格).")
    staff: dict[Slug, list[Name]] | None = Field(
        None, description="Who staffs the grid, by staffing role id from levels.yaml (网格长, 专职, …)."
    )


class Community(Strict):
    id: UnitId
    name: Name
    town: UnitId
    grids: list[Grid] = Field(default_factory=list)


class RegistryFile(Strict):
    """organization/registry.yaml: communities and grids known to this deployment."""

    sample: bool = Field(
        False, description="True when the registry is invented sample data, not a real ledger."
    )
    communities: list[Community] = Field(default_factory=list)


class Department(Strict):
    id: Slug
    name: Name


class DepartmentsFile(Strict):
    """organization/departments.yaml: the district's functional departments."""

    departments: list[Department] = Field(min_length=1)
