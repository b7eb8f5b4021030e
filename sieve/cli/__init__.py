"""The command line: argparse commands over the engine; never a traceback."""
