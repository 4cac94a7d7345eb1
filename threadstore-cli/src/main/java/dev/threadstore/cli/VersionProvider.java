package dev.threadstore.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the jar was built as. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"threadstore " + (version != null ? version : "(development build)")};
    }
}
