package io.quarkiverse.bedrock.benchmarks.streaming;

import java.util.logging.Level;

import org.jboss.logmanager.LogContext;

/**
 * Gives the harness JVM the log levels of a Quarkus application at its defaults ({@code quarkus.log.level=INFO}).
 * <p>
 * Without this, the harness measured logging that no user pays: quarkus-bootstrap-runner (on the classpath through
 * quarkus-core) registers Quarkus' initial log configurator with JBoss LogManager, which puts the root logger at
 * {@code ALL} and queues every record in a delayed handler until a Quarkus application configures logging, which a plain
 * JVM never does. So every DEBUG and TRACE message was built: for the AWS SDK, a debug line per received event
 * ({@code EventStreamAsyncResponseTransformer}), a trace line per unmarshalled event, and Netty's HTTP/2 frame logger
 * with a hex dump of every DATA frame; about 40 % of the SDK's bytes per delta in a JFR allocation profile.
 */
final class QuarkusLogLevels {

    private QuarkusLogLevels() {
    }

    /** Sets the root logger to INFO, as Quarkus does at startup. */
    static void apply() {
        // as a Quarkus application runs: JBoss LogManager is also java.util.logging's manager
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
    }
}
