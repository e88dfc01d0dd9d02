"""claimcheck: audit health content against a registry of reviewed claims."""

__version__ = "0.1.0"
