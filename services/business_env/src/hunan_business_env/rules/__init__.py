"""Pure rules of 湖南省优化营商环境规定 (order 307): no I/O; each returns a `Decision` citing its article."""
