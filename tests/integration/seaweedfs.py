"""The tests' S3 server: `weed mini`, shared with the scale benchmark (imr_lake.bench)."""

from imr_lake.bench.seaweedfs import (
    ACCESS_KEY,
    SECRET_KEY,
    WEED,
    SeaweedFS,
    free_ports,
    seaweedfs,
)

__all__ = ["ACCESS_KEY", "SECRET_KEY", "WEED", "SeaweedFS", "free_ports", "seaweedfs"]
