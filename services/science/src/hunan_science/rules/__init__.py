"""Pure rules of the science-literacy implementation plan (湘政办发〔2021〕74号): no I/O; each returns a
`hunan_shared.legal.Decision` citing its section (e.g. 三(四)1)."""
