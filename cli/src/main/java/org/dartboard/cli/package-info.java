/**
 * The {@code dartboard} command line: commands, options, prompts and the text and JSON reports.
 * Everything a user types is validated here, at the edge, before a run starts.
 */
package org.dartboard.cli;
