"""`python -m inspera`: the `inspera` command line."""

import sys

from inspera.cli import main

sys.exit(main())
