from termkit.cli import run

run()
