package dev.threadstore.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A primary PostgreSQL cluster and a streaming-replication standby of it, made for one test from the installed
 * server binaries ({@code /usr/lib/postgresql/<version>/bin}: {@code initdb}, {@code pg_ctl},
 * {@code pg_basebackup}; the newest version present) under a new temporary directory, on free ports of
 * 127.0.0.1. When the build runs as root, the clusters run as the {@code postgres} user (PostgreSQL refuses
 * root), which then owns the directory. The standby is synchronous by default (a commit is acknowledged once
 * the standby has flushed it), so a failover loses no acknowledged write. {@link #close()} stops both servers
 * (immediately) and deletes the directory, whatever state they are in; every wait is bounded.
 */
public final class ReplicatedPostgres implements AutoCloseable {

    /** The superuser of both clusters; it logs in over TCP with {@link #PASSWORD}. */
    public static final String USER = "threadstore";
    /** The superuser's password (scram-sha-256 over TCP; the Unix socket in the directory trusts local users). */
    public static final String PASSWORD = "fail0ver-Secret";
    private static final String STANDBY_NAME = "standby1";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path root;
    private final boolean asPostgres;
    private final int primaryPort;
    private final int standbyPort;
    private final List<Path> started = new ArrayList<>();

    private ReplicatedPostgres(Path bin, Path root, boolean asPostgres, int primaryPort, int standbyPort) {
        this.bin = bin;
        this.root = root;
        this.asPostgres = asPostgres;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /**
     * @return the bin directory of the newest installed PostgreSQL server, if one is installed where Debian and
     *     Ubuntu put it
     */
    public static Optional<Path> installedBinaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/initdb")) && Files.isExecutable(p.resolve("bin/pg_ctl"))
                            && Files.isExecutable(p.resolve("bin/pg_basebackup")))
                    .max(Comparator.comparingDouble(p -> Double.parseDouble(p.getFileName().toString())))
                    .map(p -> p.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates and starts the primary and the standby, and waits until the standby streams (synchronously when
     * {@code synchronous}).
     *
     * @param bin the server binaries, from {@link #installedBinaries()}
     * @param synchronous whether the primary waits for the standby's flush before acknowledging a commit
     * @return the running pair; close it
     * @throws IOException if a command fails or times out (the directory is removed)
     */
    public static ReplicatedPostgres start(Path bin, boolean synchronous) throws IOException, InterruptedException {
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "threadstore-replicas-");
        int[] ports = freePorts();
        ReplicatedPostgres pair = new ReplicatedPostgres(bin, root, asPostgres, ports[0], ports[1]);
        try {
            pair.create(synchronous);
            return pair;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private void create(boolean synchronous) throws IOException, InterruptedException {
        if (asPostgres) {
            UserPrincipal postgres = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(root, postgres);
        }
        Path pwfile = root.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
        ownAndRestrict(pwfile);
        run("initdb", "-D", primaryDir().toString(), "-U", USER, "--pwfile=" + pwfile, "--auth-local=trust",
                "--auth-host=scram-sha-256", "-E", "UTF8", "--no-instructions");
        Files.delete(pwfile);
        appendAs(primaryDir().resolve("postgresql.conf"), String.join("\n",
                "listen_addresses = '127.0.0.1'",
                "port = " + primaryPort,
                "unix_socket_directories = '" + root + "'",
                "wal_level = replica",
                "max_wal_senders = 5",
                "hot_standby = on",
                "fsync = off",
                "synchronous_commit = on",
                "synchronous_standby_names = '" + (synchronous ? STANDBY_NAME : "") + "'",
                "shared_buffers = 16MB",
                "max_connections = 40",
                ""));
        startServer(primaryDir());
        run("pg_basebackup", "-D", standbyDir().toString(), "-h", root.toString(), "-p", String.valueOf(primaryPort),
                "-U", USER, "-X", "stream", "-R", "-c", "fast");
        appendAs(standbyDir().resolve("postgresql.conf"), String.join("\n",
                "port = " + standbyPort,
                "synchronous_standby_names = ''",
                ""));
        // pg_basebackup -R wrote primary_conninfo here; a later line wins, and this one names the standby.
        appendAs(standbyDir().resolve("postgresql.auto.conf"), String.join("\n",
                "primary_conninfo = 'host=" + root + " port=" + primaryPort + " user=" + USER
                        + " application_name=" + STANDBY_NAME + "'",
                ""));
        startServer(standbyDir());
        awaitStreaming(synchronous);
    }

    /** @return the primary's port on 127.0.0.1 */
    public int primaryPort() {
        return primaryPort;
    }

    /** @return the standby's port on 127.0.0.1 */
    public int standbyPort() {
        return standbyPort;
    }

    /**
     * @param hosts one host or a host list, e.g. {@code 127.0.0.1:5433,127.0.0.1:5434}
     * @param options query options, e.g. {@code "targetServerType=primary"}, or empty
     * @return {@code postgresql://threadstore:<password>@<hosts>/postgres?options}
     */
    public static String url(String hosts, String options) {
        return "postgresql://" + USER + ":" + PASSWORD + "@" + hosts + "/postgres" + (options.isEmpty() ? "" : "?" + options);
    }

    /** Stops the primary at once, as a crash would ({@code pg_ctl stop -m immediate}). */
    public void crashPrimary() throws IOException, InterruptedException {
        run("pg_ctl", "-D", primaryDir().toString(), "-m", "immediate", "-w", "-t", "60", "stop");
        started.remove(primaryDir());
    }

    /** Promotes the standby to primary and waits until it accepts writes ({@code pg_ctl promote -w}). */
    public void promoteStandby() throws IOException, InterruptedException {
        run("pg_ctl", "-D", standbyDir().toString(), "-w", "-t", "60", "promote");
    }

    /**
     * @param port one of the two ports
     * @return a plain JDBC connection to that server, as the superuser over TCP
     */
    public static Connection connect(int port) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
    }

    /** Stops whatever still runs (immediately) and deletes the directory. Never throws. */
    @Override
    public void close() {
        for (Path dir : List.copyOf(started)) {
            try {
                run("pg_ctl", "-D", dir.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
            } catch (IOException | InterruptedException | RuntimeException e) {
                // fall through to the deletion; a server left running would hold its port until its files vanish
            }
        }
        started.clear();
        try {
            deleteTree(root);
        } catch (IOException e) {
            // a temporary directory; nothing else depends on its removal
        }
    }

    private Path primaryDir() {
        return root.resolve("primary");
    }

    private Path standbyDir() {
        return root.resolve("standby");
    }

    private void startServer(Path dir) throws IOException, InterruptedException {
        started.add(dir);
        run("pg_ctl", "-D", dir.toString(), "-l", dir.resolveSibling(dir.getFileName() + ".log").toString(), "-w",
                "-t", "60", "start");
    }

    private void awaitStreaming(boolean synchronous) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(primaryPort); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT state, sync_state FROM pg_stat_replication WHERE application_name = '"
                         + STANDBY_NAME + "'")) {
                if (r.next()) {
                    last = r.getString(1) + "/" + r.getString(2);
                    if ("streaming".equals(r.getString(1)) && (!synchronous || "sync".equals(r.getString(2)))) {
                        return;
                    }
                }
            } catch (SQLException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new IOException("The standby did not start streaming within 60 s (last: " + last + "); logs in " + root);
    }

    private void appendAs(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private void ownAndRestrict(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        if (asPostgres) {
            Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
    }

    /** Runs a server binary (as postgres when the build is root), bounded in time; fails with its output. */
    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("threadstore-pg-command-", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException(program + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command).replace(PASSWORD, "****") + " exited with "
                        + process.exitValue() + ": " + Files.readString(output, StandardCharsets.UTF_8).strip()
                        + logTails());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String logTails() {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("primary.log", "standby.log")) {
            Path log = root.resolve(name);
            try {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    b.append("\n--- ").append(name).append(" (last lines) ---\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                }
            } catch (IOException e) {
                b.append("\n(").append(name).append(" unreadable: ").append(e.getMessage()).append(')');
            }
        }
        return b.toString();
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "primary 127.0.0.1:%d, standby 127.0.0.1:%d in %s", primaryPort, standbyPort,
                root);
    }
}
