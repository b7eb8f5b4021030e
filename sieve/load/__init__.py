"""Reading: tamis, session and score files into the model, or every problem located."""
