package org.dartboard.cli;

import org.dartboard.run.DartboardVersion;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: dartboard's version and the Java runtime it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "dartboard " + DartboardVersion.current(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
