"""`python -m imr_lake.bench` (what `make bench` runs)."""

import sys

from imr_lake.bench import main

sys.exit(main())
