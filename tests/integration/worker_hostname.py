"""`[core] hostname_callable` for the scale-out test: one machine, two "hosts".

Airflow records the hostname of the worker that ran each task instance. Two Celery workers on
one machine would both report its FQDN, so each is given its own name in IMR_WORKER_HOSTNAME;
in docker-compose every container has its own hostname and this is not needed.
"""

from __future__ import annotations

import os
import socket


def hostname() -> str:
    return os.environ.get("IMR_WORKER_HOSTNAME") or socket.getfqdn()
