"""Levels, the unit tree (any depth: city, county, town, …; then the registry's communities and
grids), departments."""

from __future__ import annotations

from pydantic import Field, model_validator

from gridrules.catalogue import t
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
    unit: Slug = Field(
        description="The kind of unit that handles an event at this level (a unit kind of "
        "organization/units.yaml): found by walking up the unit tree from the reporting grid."
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
    """The old form's top unit (``district:``); the tree form writes ``units:`` instead."""

    id: UnitId
    name: Name
    handler_name: Name = Field(description="Name of the district's handling unit (区综治中心).")


class Town(Strict):
    id: UnitId
    name: Name


class UnitKind(Strict):
    """A kind of unit (网格, 村(社区), 镇街, 县, 市 …).  The first two kinds are the registry's
    grids and communities; the others are the kinds of the unit tree, lowest first."""

    id: Slug
    name: Name = Field(description="What a unit of this kind is called (镇街).")
    spans: Slug | None = Field(
        None, description="The value an event's spans takes when it spans several units of this kind (towns)."
    )
    handler_name: Name | None = Field(
        None, description="How a unit of this kind is named as a handling unit; {name} is the unit's name."
    )


class Unit(Strict):
    """One unit of the tree, with the units directly under it."""

    id: UnitId
    name: Name
    kind: Slug | None = Field(None, description="A unit kind id; omitted: the kind one below its parent's.")
    handler_name: Name | None = Field(None, description="Its name as a handling unit (overrides the kind's).")
    units: list["Unit"] = Field(default_factory=list, description="The units directly under this one.")


class UnitIds(Strict):
    """How the registry import derives a new community's id: its town's id, a hyphen and the
    pinyin of its name without these endings (和平社区 in tangxiang: tangxiang-heping)."""

    drop_endings: list[Name] = Field(default_factory=list, description="Name endings left out (社区, 村).")


class UnitsFile(Strict):
    """organization/units.yaml: the unit tree above the communities.  Either the tree form
    (``unit_kinds`` and ``units``: any depth, any names) or the old two-level form
    (``district``, ``towns`` and ``town_handler_name``), read as a tree of kinds
    grid < community < town < district."""

    unit_kinds: list[UnitKind] | None = Field(
        None, min_length=3, description="Kinds of unit, lowest first: grid, community, then the tree's kinds."
    )
    units: list[Unit] | None = Field(None, min_length=1, description="The unit tree: its one top unit.")
    district: District | None = None
    town_handler_name: Name | None = Field(
        None, description="Old form: how a town is named as a handling unit; {name} is the town's name."
    )
    towns: list[Town] | None = Field(None, min_length=1)
    community_ids: UnitIds = Field(default_factory=UnitIds)

    @model_validator(mode="after")
    def _one_form(self) -> "UnitsFile":
        tree = self.unit_kinds is not None or self.units is not None
        old = self.district is not None or self.towns is not None or self.town_handler_name is not None
        if tree and old:
            raise ValueError(t("pack.units_both_forms"))
        if tree and (self.unit_kinds is None or self.units is None):
            raise ValueError(t("pack.units_tree_needs"))
        if not tree and (self.district is None or self.towns is None or self.town_handler_name is None):
            raise ValueError(t("pack.units_neither"))
        return self


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
    town: UnitId = Field(description="The unit the community belongs to: a unit of the tree's lowest kind.")
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
    unit: UnitId | None = Field(
        None, description="Its home unit (a unit of the tree; omitted: the top unit). Its level is the one "
        "that unit's kind is handled at; its items apply within that unit."
    )


class DepartmentsFile(Strict):
    """organization/departments.yaml: the functional departments, each with its home unit."""

    departments: list[Department] = Field(min_length=1)
