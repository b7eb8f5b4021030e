"""The stakeholder graph: measures, points of vigilance and exports."""
