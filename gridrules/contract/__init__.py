"""The contract: input and decision documents, the facts the engine sees, shared value types."""
