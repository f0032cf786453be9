"""Pure domain computation that is not itself a regulation (geometry); no I/O."""
