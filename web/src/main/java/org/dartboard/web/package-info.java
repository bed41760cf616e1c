/**
 * The live dashboard of a running client ({@code dartboard run --monitor PORT}): progress, the node
 * table, the estimate converging within its confidence band, and the run's darts, pushed to the browser
 * as server-sent events. Listens to the run's events only; knows nothing of farms' insides or the
 * command line.
 */
package org.dartboard.web;
