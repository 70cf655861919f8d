"""`dataplat bench-input`: the input reader's time and memory on its largest and refused files."""
