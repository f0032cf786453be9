"""Pure rules of the Hunan 14th Five-Year Plan for disability protection (湘政发〔2021〕13号): no I/O."""
