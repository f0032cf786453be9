"""Pure rules of 湖南省古树名木保护办法 (order 306): no I/O; each returns a `Decision` citing its article."""
