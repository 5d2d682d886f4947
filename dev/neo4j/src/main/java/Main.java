import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.FileUtils;

/**
 * Starts embedded Neo4j 5.26 Community with Bolt on a loopback port, for development and tests
 * on machines without Docker. Prints "NEO4J_READY bolt://host:port" once the default database
 * answers RETURN 1, and shuts down cleanly (checkpoint) on SIGTERM/SIGINT or, with
 * --exit-on-stdin-eof, when the parent process closes our stdin or dies. Authentication is off
 * unless --password sets the password of the user neo4j. --read-only starts the databases
 * read-only, for a snapshot replica.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        Path home = Path.of("target/neo4j-home");
        String host = "127.0.0.1";
        int port = 7687;
        long pageCacheMb = 512;
        boolean wipe = false;
        boolean exitOnStdinEof = false;
        String password = null;
        boolean readOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--pagecache-mb" -> pageCacheMb = Long.parseLong(args[++i]);
                case "--wipe" -> wipe = true;
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                case "--password" -> password = args[++i];
                case "--read-only" -> readOnly = true;
                default -> {
                    System.err.println("neo4j-launcher: unknown argument " + args[i]);
                    System.exit(64);
                }
            }
        }
        requireOpens("java.nio", "java.io", "sun.nio.ch");
        home = home.toAbsolutePath();
        if (wipe) {
            FileUtils.deleteDirectory(home);
        }

        SocketAddress bolt = new SocketAddress(host, port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                // advertised = listen, so neo4j:// routing tables point back at us
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(HttpConnector.enabled, false)
                // off unless a password is given: tests of what whosaid does
                // with wrong credentials need a Neo4j that checks them
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                // no lock-out after failed logins: those tests fail them on purpose
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // sized for a 2-core, 24 GiB machine that also runs the Go tests
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "100M size")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // a snapshot replica (server.databases.default_to_read_only):
                // every write fails, the store stays as it was loaded
                .setConfig(GraphDatabaseSettings.read_only_database_default, readOnly)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        if (password != null) {
            // Embedded transactions bypass authentication, so the system
            // database takes the password of the built-in user directly.
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", java.util.Map.of("password", password));
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(180_000)) {
            System.err.println("neo4j-launcher: default database did not become available");
            System.exit(1);
        }
        db.executeTransactionally("RETURN 1");
        System.out.println("NEO4J_READY bolt://" + host + ":" + port);
        System.out.flush();

        if (exitOnStdinEof) {
            waitForStdinEof();
            System.exit(0); // runs the shutdown hook
        }
        new CountDownLatch(1).await();
    }

    private static void waitForStdinEof() {
        try {
            while (System.in.read() != -1) {
                // input is ignored; only the end of it matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone too
        }
    }

    /** Fail fast with the fix, instead of Neo4j's LinkageError deep in startup. */
    private static void requireOpens(String... pkgs) {
        Module base = Object.class.getModule();
        Module me = Main.class.getModule();
        for (String p : pkgs) {
            if (!base.isOpen(p, me)) {
                System.err.println("neo4j-launcher: missing JVM flag --add-opens=java.base/" + p
                        + "=ALL-UNNAMED (Neo4j 5 needs java.nio, java.io and sun.nio.ch opened on Java 17)");
                System.exit(2);
            }
        }
    }
}
