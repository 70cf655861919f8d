"""`dataplat diff`: the destroy guard over plan documents and `pulumi preview --json` output."""
