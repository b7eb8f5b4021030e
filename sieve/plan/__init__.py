"""From a ranking to a portfolio: the exact optimiser, the calendar, robustness, the journal."""
