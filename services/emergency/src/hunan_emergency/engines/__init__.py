"""Pure domain computation that is not itself a regulation (dispatch planner, CAP codec, geometry): no I/O."""
