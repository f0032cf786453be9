"""Pure rules of the budget-reform Opinion (湘政发〔2021〕14号) and the natural-resources Division Plan
(湘政办发〔2021〕73号): no I/O; each returns a `hunan_shared.legal.Decision` citing its section."""
