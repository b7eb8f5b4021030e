"""Text renderings of results (tables, Markdown, CSV, JSON) for the command line."""
