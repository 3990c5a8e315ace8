"""The knowledge pages, one module per area: learning modules, advisors, the network's meetings."""
