"""`dataplat new-domain`: a commented, valid data-domain spec."""
