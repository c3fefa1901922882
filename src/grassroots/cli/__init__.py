"""Command-line edge: parse, call one domain function, render."""
