"""Deciding: admission of tasks and routing of events, and what they share.

``effects`` how rule effects combine; ``facts`` the facts of every stage;
``texts`` (with ``event_texts``, ``admission_texts``) reasons from templates whose
placeholders ``contract.placeholders`` declares; ``clock`` and ``workdays`` time;
``handlers`` the handling unit; ``checker`` the entry point.
"""
