"""Reference data of the budget service (the Division Plan responsibility matrix, as published)."""
