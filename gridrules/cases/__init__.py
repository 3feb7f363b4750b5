"""Decision cases as data: loading case files and running them against a Checker."""
