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
    name: Name
    households: Households | None = None
    note: Text | None = None


class LevelsFile(Strict):
    """organization/levels.yaml: the escalation ladder and the kinds of grid."""

    levels: list[Level] = Field(min_length=2)
    basis: Basis
    grid_kinds: list[GridKind] = Field(default_factory=list)


class District(Strict):
    id: UnitId
    name: Name
    handler_name: Name = Field(description="Name of the district's handling unit (区综治中心).")


class Town(Strict):
    id: UnitId
    name: Name


class UnitsFile(Strict):
    """organization/units.yaml: the district and its towns and streets."""

    district: District
    town_handler_name: Name = Field(
        description="How a town is named as a handling unit; {name} is the town's name."
    )
    towns: list[Town] = Field(min_length=1)


class Grid(Strict):
    id: UnitId
    name: Name
    kind: Slug | None = Field(None, description="A grid kind id from levels.yaml.")


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
