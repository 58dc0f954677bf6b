package dev.sqlite2pg.baseline;

/** One file of a baseline: its name in the output directory and its text. */
public record BaselineFile(String name, String content) {}
