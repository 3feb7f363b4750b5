"""The engine: the pure compiler from a Pack to rulesets and the one durable_rules adapter."""
