"""claimcheck: audit health content against a registry of reviewed claims."""

__version__ = "0.2.0"
