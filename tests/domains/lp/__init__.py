"""Tests of the lp kind: readers, writer, corpus."""
