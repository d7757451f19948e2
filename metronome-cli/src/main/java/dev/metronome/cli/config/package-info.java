/**
 * Reading the configuration: YAML/JSON files, {@code --set} and flags merged in layers into {@code
 * RunConfig}, one record per section, validated with errors that name the key and where it came
 * from, and written back as {@code config.yaml}.
 */
package dev.metronome.cli.config;
