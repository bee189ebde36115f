import sys

from termkit.cli import main

sys.exit(main())
