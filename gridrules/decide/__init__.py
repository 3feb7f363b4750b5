"""Deciding: admission of tasks, routing of events, their texts, the working-day calendar, Checker."""
