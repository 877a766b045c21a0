"""`python -m inspera.cli`: the same as the `inspera` script."""

import sys

from inspera.cli import main

sys.exit(main())
