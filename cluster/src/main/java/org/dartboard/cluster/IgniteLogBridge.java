package org.dartboard.cluster;

import org.apache.ignite.IgniteLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Ignite's own log to SLF4J, as warnings and errors only: Ignite's information messages are many
 * and written for Ignite's developers, while dartboard logs the cluster's life in its own words.
 */
final class IgniteLogBridge implements IgniteLogger {

    private final Logger log;

    IgniteLogBridge() {
        this(LoggerFactory.getLogger("ignite"));
    }

    private IgniteLogBridge(Logger log) {
        this.log = log;
    }

    @Override
    public IgniteLogger getLogger(Object category) {
        return this;
    }

    @Override
    public void trace(String message) {
        // Ignite's tracing is not for operators.
    }

    @Override
    public void debug(String message) {
        // Ignite's debugging is not for operators.
    }

    @Override
    public void info(String message) {
        log.debug(message);
    }

    @Override
    public void warning(String message, Throwable cause) {
        log.warn(message, cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        log.error(message, cause);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isDebugEnabled();
    }

    /** Not quiet: in quiet mode Ignite prints its own summary straight to standard output. */
    @Override
    public boolean isQuiet() {
        return false;
    }

    @Override
    public String fileName() {
        return null;
    }
}
