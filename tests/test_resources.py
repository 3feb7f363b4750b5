"""The bundled pack and schemas are package data, found through importlib.resources."""

from importlib import resources


def test_bundled_pack_is_reachable_as_package_data():
    root = resources.files("gridrules.rules")
    assert root.joinpath("pack.yaml").is_file()
    # multi-part joinpath works (the rules package has an __init__.py, so it is
    # not a namespace package with a multiplexed path)
    assert root.joinpath("admission", "items.yaml").read_text("utf-8").startswith("#")
    assert root.joinpath("calendar", "2026.yaml").is_file()


def test_schemas_are_reachable_as_package_data():
    assert resources.files("gridrules.schemas").joinpath("task.schema.json").is_file()


def test_cli_is_part_of_the_package():
    import gridrules.cli.main

    assert callable(gridrules.cli.main.main)
